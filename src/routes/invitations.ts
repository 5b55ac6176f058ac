/**
 * Managers come in by invitation only. Consultants invite, list, resend and withdraw invitations
 * and revoke managers of their own organisations (anyone else's is 404); the invitation link's
 * holder reads and accepts it without a session (choosing a password) or with the invited
 * address's session.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";

import type { AppEnv } from "../app-env.js";
import { MAX_DEPARTMENTS } from "../domain/units.js";
import { notFound } from "../lib/api-error.js";
import { publicBase } from "../lib/links.js";
import { noSession, optionalSession } from "../lib/openapi-document.js";
import { createRouter } from "../lib/router.js";
import { IdParam, jsonBodyOf, jsonContent, jsonError, pathParam } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { requireUser, sessionUser } from "../middleware/session.js";
import { assertOrganisationAccess } from "../services/access.js";
import {
  acceptInvitation,
  describeInvitation,
  inviteManager,
  organisationManagers,
  resendInvitation,
  revokeManagerAccess,
  withdrawInvitation,
} from "../services/invitations.js";
import { findOrganisation } from "../storage/campaigns.js";

const Scope = z
  .strictObject({ department: z.array(z.string()).optional() })
  .nullable()
  .openapi("UnitScope");
const NewInvitation = z
  .object({
    email: z.email().max(254),
    units: z
      .object({
        department: z
          .array(z.string().trim().min(1).max(80))
          .max(MAX_DEPARTMENTS)
          .refine((d) => new Set(d).size === d.length, "department names must be unique")
          .optional(),
      })
      .strict()
      .optional()
      .openapi({ description: "Departments the manager is invited for; none = the whole organisation" }),
  })
  .strict();
const Invitation = z
  .strictObject({ id: z.string(), email: z.string(), scope: Scope, expiresAt: z.string(), expired: z.boolean() })
  .openapi("Invitation");
const Invited = z
  .strictObject({
    invitation: Invitation,
    delivery: z.enum(["sent", "link"]),
    link: z.string().optional().openapi({ description: "Only when no mail is configured: the link to pass on" }),
  })
  .openapi("Invited");
const Managers = z
  .strictObject({
    pending: z.array(Invitation),
    managers: z.array(z.strictObject({ userId: z.string(), email: z.string(), scope: Scope })),
  })
  .openapi("OrganisationManagers");
const InvitationParams = IdParam.extend({
  invitationId: pathParam("invitationId"),
});
const ManagerParams = IdParam.extend({
  userId: pathParam("userId"),
});
const TokenParam = z.object({
  token: pathParam("token", 256),
});
const Acceptance = z.object({ password: z.string().min(1).max(1024).optional() }).strict();

const consultantOnly = [requireUser("consultant")];

async function ownOrganisation(c: Context<AppEnv>, id: string): Promise<{ id: string; name: string }> {
  await assertOrganisationAccess(c.var.deps.db, sessionUser(c), id);
  const organisation = await findOrganisation(c.var.deps.db, id);
  if (!organisation) throw notFound("Organisation");
  return { id: organisation.id, name: organisation.name };
}

export const invitationRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      operationId: "listManagers",
      path: "/api/organisations/{id}/invitations",
      tags: ["Managers"],
      summary: "Pending invitations and the managers who accepted one",
      middleware: consultantOnly,
      request: { params: IdParam },
      responses: {
        200: jsonContent(Managers, "Pending and accepted"),
        401: jsonError("No session"),
        403: jsonError("Not a consultant"),
        404: jsonError("No such organisation"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await assertOrganisationAccess(c.var.deps.db, sessionUser(c), id);
      return c.json(await organisationManagers(c.var.deps, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "inviteManager",
      path: "/api/organisations/{id}/invitations",
      tags: ["Managers"],
      summary: "Invite a manager by e-mail; the answer is the same whether or not the address has an account",
      middleware: [...consultantOnly, ...jsonBody(8 * 1024)],
      request: { params: IdParam, body: jsonBodyOf(NewInvitation) },
      responses: {
        201: jsonContent(Invited, "Invited: the mail is sent, or (no mail configured) the link is in the answer"),
        400: jsonError("Invalid"),
        404: jsonError("No such organisation"),
        502: jsonError("Saved, but the mail could not be sent"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const organisation = await ownOrganisation(c, id);
      const { email, units } = c.req.valid("json");
      const user = sessionUser(c);
      return c.json(
        await inviteManager(c.var.deps, { organisation, email, scope: units, inviter: user, baseUrl: publicBase(c) }),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "resendInvitation",
      path: "/api/organisations/{id}/invitations/{invitationId}/resend",
      tags: ["Managers"],
      summary: "A new link with a new expiry; the old link stops working",
      middleware: consultantOnly,
      request: { params: InvitationParams },
      responses: {
        200: jsonContent(Invited, "Sent again"),
        404: jsonError("No such organisation or invitation"),
        502: jsonError("The mail could not be sent"),
      },
    }),
    async (c) => {
      const { id, invitationId } = c.req.valid("param");
      const organisation = await ownOrganisation(c, id);
      return c.json(
        await resendInvitation(c.var.deps, {
          organisation,
          invitationId,
          inviter: sessionUser(c),
          baseUrl: publicBase(c),
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      operationId: "withdrawInvitation",
      path: "/api/organisations/{id}/invitations/{invitationId}",
      tags: ["Managers"],
      summary: "Withdraw a pending invitation: its link stops working",
      middleware: consultantOnly,
      request: { params: InvitationParams },
      responses: { 204: { description: "Withdrawn" }, 404: jsonError("No such organisation or invitation") },
    }),
    async (c) => {
      const { id, invitationId } = c.req.valid("param");
      await assertOrganisationAccess(c.var.deps.db, sessionUser(c), id);
      await withdrawInvitation(c.var.deps, { organisationId: id, invitationId, actor: sessionUser(c) });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      operationId: "revokeManager",
      path: "/api/organisations/{id}/managers/{userId}",
      tags: ["Managers"],
      summary: "Revoke a manager's access to this organisation; every session of theirs ends",
      middleware: consultantOnly,
      request: { params: ManagerParams },
      responses: { 204: { description: "Revoked" }, 404: jsonError("No such organisation or manager") },
    }),
    async (c) => {
      const { id, userId } = c.req.valid("param");
      await assertOrganisationAccess(c.var.deps.db, sessionUser(c), id);
      await revokeManagerAccess(c.var.deps, { organisationId: id, userId, actor: sessionUser(c) });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      operationId: "getInvitation",
      security: noSession,
      path: "/api/invitations/{token}",
      tags: ["Managers"],
      summary:
        "What an invitation link is for: the organisation, the address, the expiry, and whether to choose a password or log in",
      request: { params: TokenParam },
      responses: {
        200: jsonContent(
          z
            .strictObject({
              organisation: z.string(),
              email: z.string(),
              scope: Scope,
              expiresAt: z.string(),
              next: z.enum(["choose_password", "log_in"]),
            })
            .openapi("InvitationLink"),
          "A live invitation",
        ),
        404: jsonError("Used, withdrawn or replaced"),
        410: jsonError("Expired"),
      },
    }),
    async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await describeInvitation(c.var.deps, c.req.valid("param").token), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "acceptInvitation",
      security: optionalSession,
      path: "/api/invitations/{token}/accept",
      tags: ["Managers"],
      summary: "Accept: with a new password when the address has no account, else logged in as that address",
      middleware: jsonBody(4 * 1024),
      request: { params: TokenParam, body: jsonBodyOf(Acceptance) },
      responses: {
        200: jsonContent(
          z.strictObject({ organisationId: z.string(), email: z.string() }),
          "Accepted; log in (new account) or open the dashboard",
        ),
        400: jsonError("Password missing or too weak"),
        401: jsonError("The address has an account: log in first"),
        403: jsonError("Logged in as another address"),
        404: jsonError("Used, withdrawn or replaced"),
        409: jsonError("A consultant account cannot accept"),
        410: jsonError("Expired"),
      },
    }),
    async (c) => {
      const { token } = c.req.valid("param");
      return c.json(
        await acceptInvitation(c.var.deps, { token, user: c.var.user, password: c.req.valid("json").password }),
        200,
      );
    },
  );
