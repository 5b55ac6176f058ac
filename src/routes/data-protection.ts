/**
 * Data protection for the consultant: deleting a round, an organisation or an account (each with a
 * preview of what goes, by count, and `?dryRun=1` on the delete), an organisation's retention
 * period, and the export of all of its data as one JSON document. Another consultant's round or
 * organisation is 404; a manager is 403 (a manager may delete only their own account).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";

import type { AppEnv } from "../app-env.js";
import { calendarDate } from "../domain/campaign.js";
import { RETENTION_MONTHS, ROUND_PARTS } from "../domain/data-protection.js";
import { exportFileName } from "../lib/file-name.js";
import { createRouter } from "../lib/router.js";
import { IdParam, jsonBodyOf, jsonContent, jsonError } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { requireUser, sessionUser } from "../middleware/session.js";
import { OrganisationExportSchema } from "../schemas/export.js";
import { accessibleCampaign } from "../services/access.js";
import {
  accountDeletionPreview,
  changeRetention,
  deleteAccount,
  deleteOrganisation,
  deleteRound,
  organisationDeletionPreview,
  organisationExport,
  retentionView,
  roundDeletionPreview,
} from "../services/data-protection.js";

const flag = z.enum(["0", "1"]).optional();
const DeleteQuery = z.object({
  dryRun: flag.openapi({ description: "1: say what would be removed, remove nothing" }),
  confirm: flag.openapi({ description: "1: delete a running round too (its answers go unreleased)" }),
});

const RetentionQuery = z.object({
  confirm: flag.openapi({ description: "1: set a period that deletes released rounds or comments at once" }),
});

const Counts = (keys: readonly string[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, z.int()])));
const RoundRemoves = Counts(ROUND_PARTS).openapi("RoundRemoves");
const RoundDeletion = z
  .strictObject({
    deleted: z.boolean(),
    round: z.strictObject({ id: z.string(), title: z.string(), status: z.enum(["draft", "open", "closed"]) }),
    removes: RoundRemoves,
    needsConfirm: z.boolean().openapi({ description: "A running round: deleting it needs confirm=1" }),
  })
  .openapi("RoundDeletion");
const OrganisationDeletion = z
  .strictObject({
    deleted: z.boolean(),
    organisation: z.strictObject({ id: z.string(), name: z.string() }),
    removes: Counts([...ROUND_PARTS, "rounds", "managers", "invitations", "auditEntries", "normSets"]).openapi({
      description: "normSets: sets that keep the organisation's figures but lose its name and ids",
    }),
  })
  .openapi("OrganisationDeletion");
const AccountDeletion = z
  .strictObject({
    deleted: z.boolean(),
    account: z.strictObject({ id: z.string(), role: z.enum(["consultant", "manager"]), email: z.string().optional() }),
    removes: Counts([
      "sessions",
      "grants",
      "invitations",
      "resetLinks",
      "auditEntries",
      "instruments",
      "normSets",
    ]).openapi({ description: "auditEntries are kept with a placeholder actor" }),
  })
  .openapi("AccountDeletion");
/** What deleting a round, an organisation or an account removes (or removed), by count. */
export type Deletion = z.infer<typeof RoundDeletion | typeof OrganisationDeletion | typeof AccountDeletion>;
const Retention = z
  .strictObject({
    organisationId: z.string(),
    retentionMonths: z.int().nullable(),
    limits: z.strictObject({ min: z.int(), max: z.int() }),
    rounds: z.array(
      z.strictObject({
        campaignId: z.string(),
        title: z.string(),
        releasedOn: z.string(),
        commentsOn: z.string().nullable(),
        roundOn: z.string().nullable(),
      }),
    ),
  })
  .openapi("Retention");
const RetentionBody = z
  .object({ retentionMonths: z.int().min(RETENTION_MONTHS.min).max(RETENTION_MONTHS.max).nullable() })
  .strict();

const consultant = [requireUser("consultant")];
const dryRun = (c: Context<AppEnv>) => c.req.query("dryRun") === "1";
const user = (c: Context<AppEnv>) => sessionUser(c);

/** `name`: what is deleted, in the operations' ids (previewCampaignDeletion, deleteCampaign). */
const deletionRoutes = <S extends z.ZodType>(
  path: string,
  name: string,
  tag: string,
  summary: string,
  schema: S,
  middleware = consultant,
) => ({
  preview: createRoute({
    method: "get",
    operationId: `preview${name}Deletion`,
    path: `${path}/deletion`,
    tags: [tag],
    summary: `What deleting ${summary} removes, by count`,
    middleware,
    request: { params: IdParam },
    responses: {
      200: jsonContent(schema, "What would go"),
      403: jsonError("Not allowed"),
      404: jsonError("Not found"),
      409: jsonError("Not deletable now"),
    },
  }),
  remove: createRoute({
    method: "delete",
    operationId: `delete${name}`,
    path,
    tags: [tag],
    summary: `Delete ${summary} and say what went`,
    middleware,
    request: { params: IdParam, query: DeleteQuery },
    responses: {
      200: jsonContent(schema, "Deleted (or, with dryRun=1, what would go)"),
      403: jsonError("Not allowed"),
      404: jsonError("Not found"),
      409: jsonError("A running round without confirm=1; an account still needed"),
    },
  }),
});

const round = deletionRoutes(
  "/api/campaigns/{id}",
  "Campaign",
  "Campaigns",
  "a round (its release, comments, codes, staff invitations, action plan, summary link, raw responses)",
  RoundDeletion,
);
const organisation = deletionRoutes(
  "/api/organisations/{id}",
  "Organisation",
  "Organisations",
  "an organisation (all its rounds, grants, invitations, audit entries; its name in norm sets)",
  OrganisationDeletion,
);
const account = deletionRoutes(
  "/api/users/{id}",
  "Account",
  "Accounts",
  "an account (a manager of your organisations, or your own)",
  AccountDeletion,
  [requireUser()],
);

export const dataProtectionRoutes = createRouter()
  .openapi(round.preview, async (c) => {
    const campaign = await accessibleCampaign(c.var.deps.db, user(c), c.req.valid("param").id);
    return c.json({ deleted: false, ...(await roundDeletionPreview(c.var.deps, campaign)) }, 200);
  })
  .openapi(round.remove, async (c) => {
    const campaign = await accessibleCampaign(c.var.deps.db, user(c), c.req.valid("param").id);
    if (dryRun(c)) return c.json({ deleted: false, ...(await roundDeletionPreview(c.var.deps, campaign)) }, 200);
    return c.json(await deleteRound(c.var.deps, campaign, user(c), c.req.valid("query").confirm === "1"), 200);
  })
  .openapi(organisation.preview, async (c) => {
    const { campaignIds: _, ...preview } = await organisationDeletionPreview(
      c.var.deps,
      user(c),
      c.req.valid("param").id,
    );
    return c.json({ deleted: false, ...preview }, 200);
  })
  .openapi(organisation.remove, async (c) => {
    const id = c.req.valid("param").id;
    if (dryRun(c)) {
      const { campaignIds: _, ...preview } = await organisationDeletionPreview(c.var.deps, user(c), id);
      return c.json({ deleted: false, ...preview }, 200);
    }
    return c.json(await deleteOrganisation(c.var.deps, user(c), id), 200);
  })
  .openapi(account.preview, async (c) =>
    c.json({ deleted: false, ...(await accountDeletionPreview(c.var.deps, user(c), c.req.valid("param").id)) }, 200),
  )
  .openapi(account.remove, async (c) => {
    const id = c.req.valid("param").id;
    if (dryRun(c)) return c.json({ deleted: false, ...(await accountDeletionPreview(c.var.deps, user(c), id)) }, 200);
    return c.json(await deleteAccount(c.var.deps, user(c), id), 200);
  })
  .openapi(
    createRoute({
      method: "get",
      operationId: "getRetention",
      path: "/api/organisations/{id}/retention",
      tags: ["Organisations"],
      summary: "The retention period and, per released round, when its comments and then the round are deleted",
      middleware: consultant,
      request: { params: IdParam },
      responses: {
        200: jsonContent(Retention, "Retention"),
        403: jsonError("Not a consultant"),
        404: jsonError("No such organisation"),
      },
    }),
    async (c) => c.json(await retentionView(c.var.deps, user(c), c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      operationId: "setRetention",
      path: "/api/organisations/{id}/retention",
      tags: ["Organisations"],
      summary: `Set how many months (${RETENTION_MONTHS.min}–${RETENTION_MONTHS.max}) released rounds are kept; null keeps them until deleted`,
      middleware: [...consultant, ...jsonBody(1024)],
      request: { params: IdParam, query: RetentionQuery, body: jsonBodyOf(RetentionBody) },
      responses: {
        200: jsonContent(Retention, "Retention, changed"),
        400: jsonError("Invalid"),
        403: jsonError("Not a consultant"),
        404: jsonError("No such organisation"),
        409: jsonError("The period would delete released rounds or comments at once, without confirm=1"),
      },
    }),
    async (c) =>
      c.json(
        await changeRetention(
          c.var.deps,
          user(c),
          c.req.valid("param").id,
          c.req.valid("json").retentionMonths,
          c.req.valid("query").confirm === "1",
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "get",
      operationId: "exportOrganisation",
      path: "/api/organisations/{id}/export",
      tags: ["Organisations"],
      summary:
        "All of the organisation's data as one JSON document (versioned; no codes, tokens or password hashes, nothing about one respondent)",
      middleware: consultant,
      request: { params: IdParam },
      responses: {
        200: jsonContent(OrganisationExportSchema, "The export, as a download"),
        403: jsonError("Not a consultant"),
        404: jsonError("No such organisation"),
      },
    }),
    async (c) => {
      const data = await organisationExport(c.var.deps, user(c), c.req.valid("param").id);
      c.header(
        "Content-Disposition",
        `attachment; filename="${exportFileName([data.organisation.name, "export", calendarDate(c.var.deps.now())], "json")}"`,
      );
      c.header("Cache-Control", "private, no-store");
      return c.json(data, 200);
    },
  );
