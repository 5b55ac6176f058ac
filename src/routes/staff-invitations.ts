/**
 * Staff invitations by e-mail for a running round on codes, and reminders (consultants only; a
 * round of anyone else's organisation is 404). Answers carry counts, never an address or a code.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";

import type { AppEnv } from "../app-env.js";
import {
  DEFAULT_MAX_REMINDERS,
  INVITATION_MODES,
  MAIL_LANGUAGES,
  MAX_LIST_CHARS,
  MAX_REMINDERS_LIMIT,
} from "../domain/staff-invitations.js";
import { notFound } from "../lib/api-error.js";
import { createRouter } from "../lib/router.js";
import { IdParam, jsonBodyOf, jsonContent, jsonError } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { requireUser, sessionUser } from "../middleware/session.js";
import { accessibleCampaign } from "../services/access.js";
import { invitationSummary, inviteStaff, remindStaff } from "../services/staff-invitations.js";
import { findOrganisation } from "../storage/campaigns.js";

const List = z.string().max(MAX_LIST_CHARS).openapi({
  description:
    "Addresses, one per line, or a CSV whose column is named email / e-mail / emailadres (else the first column)",
});

const NewStaffInvitations = z
  .object({
    mode: z.enum(INVITATION_MODES).openapi({
      description:
        "reminders: a keyed hash per address until the round closes, so reminders reach only unused codes; no_tracking: nothing kept per address",
    }),
    languages: z.enum(MAIL_LANGUAGES).default("both"),
    maxReminders: z.number().int().min(0).max(MAX_REMINDERS_LIMIT).default(DEFAULT_MAX_REMINDERS),
    list: List,
  })
  .strict()
  .openapi("NewStaffInvitations");
const Reminder = z.object({ list: List }).strict().openapi("StaffReminder");

const Counts = z
  .strictObject({
    addresses: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    invalid: z.number().int(),
    duplicates: z.number().int(),
    notInvited: z.number().int(),
    answered: z.number().int(),
    limitReached: z.number().int(),
    alreadyInvited: z.number().int(),
  })
  .openapi("StaffMailCounts");
const SendResult = z
  .strictObject({
    counts: Counts,
    invalidLines: z
      .array(z.number().int())
      .openapi({ description: "Lines of the list (1-based) that hold no valid address" }),
  })
  .openapi("StaffMailResult");
const Summary = z
  .strictObject({
    mailConfigured: z.boolean(),
    invitations: z
      .strictObject({
        mode: z.enum(INVITATION_MODES),
        languages: z.enum(MAIL_LANGUAGES),
        invited: z.number().int(),
        reminderRuns: z.number().int(),
        remindersSent: z.number().int().nullable(),
        maxReminders: z.number().int(),
      })
      .nullable(),
  })
  .openapi("StaffInvitationSummary");
export type StaffInvitationSummary = z.infer<typeof Summary>;

const consultantOnly = requireUser("consultant");
const baseUrl = (c: Context<AppEnv>) => c.var.deps.publicUrl ?? new URL(c.req.url).origin;

async function requested(c: Context<AppEnv>, id: string) {
  const campaign = await accessibleCampaign(c.var.deps.db, sessionUser(c), id);
  const organisation = await findOrganisation(c.var.deps.db, campaign.organisationId);
  if (!organisation) throw notFound("Organisation");
  return { campaign, organisation: organisation.name };
}

export const staffInvitationRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      operationId: "getStaffInvitations",
      path: "/api/campaigns/{id}/staff-invitations",
      tags: ["Staff invitations"],
      summary: "Whether staff were invited by e-mail: the mode, how many, reminders — never an address",
      middleware: [consultantOnly],
      request: { params: IdParam },
      responses: {
        200: jsonContent(Summary, "The round's invitations"),
        401: jsonError("No session"),
        403: jsonError("Not a consultant"),
        404: jsonError("No such campaign"),
      },
    }),
    async (c) => {
      const { campaign } = await requested(c, c.req.valid("param").id);
      return c.json(
        { mailConfigured: c.var.deps.mailer !== null, invitations: await invitationSummary(c.var.deps, campaign.id) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "inviteStaff",
      path: "/api/campaigns/{id}/staff-invitations",
      tags: ["Staff invitations"],
      summary: "Invite staff by e-mail: each address gets a new single-use code in its personal link's fragment",
      middleware: [consultantOnly, ...jsonBody(MAX_LIST_CHARS * 2)],
      request: { params: IdParam, body: jsonBodyOf(NewStaffInvitations) },
      responses: {
        200: jsonContent(SendResult, "Sent: counts only"),
        400: jsonError("Invalid request, no valid address, or too many"),
        401: jsonError("No session"),
        403: jsonError("Not a consultant"),
        404: jsonError("No such campaign"),
        409: jsonError(
          "Mail is not configured, the round is a draft or closed, has answers without codes, or was invited in the other mode",
        ),
      },
    }),
    async (c) => {
      const { campaign, organisation } = await requested(c, c.req.valid("param").id);
      const body = c.req.valid("json");
      const result = await inviteStaff(c.var.deps, {
        campaign,
        organisation,
        actorId: sessionUser(c).id,
        ...body,
        baseUrl: baseUrl(c),
      });
      c.header("Cache-Control", "private, no-store");
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "remindStaff",
      path: "/api/campaigns/{id}/staff-reminders",
      tags: ["Staff invitations"],
      summary:
        "Remind staff: paste the invited list again. Reminders mode mails only unused codes; no tracking mails everyone with a thank-you",
      middleware: [consultantOnly, ...jsonBody(MAX_LIST_CHARS * 2)],
      request: { params: IdParam, body: jsonBodyOf(Reminder) },
      responses: {
        200: jsonContent(SendResult, "Sent: counts only"),
        400: jsonError("Invalid request or no valid address"),
        401: jsonError("No session"),
        403: jsonError("Not a consultant"),
        404: jsonError("No such campaign"),
        409: jsonError("Mail is not configured, nobody was invited, the round is closed, or its reminders are used up"),
        422: jsonError("Reminders mode: the list does not hold every invited address"),
      },
    }),
    async (c) => {
      const { campaign, organisation } = await requested(c, c.req.valid("param").id);
      const result = await remindStaff(c.var.deps, {
        campaign,
        organisation,
        actorId: sessionUser(c).id,
        list: c.req.valid("json").list,
        baseUrl: baseUrl(c),
      });
      c.header("Cache-Control", "private, no-store");
      return c.json(result, 200);
    },
  );
