/** An organisation's audit log, for the consultant who runs it: paged, newest first. */
import { createRoute, z } from "@hono/zod-openapi";

import { createRouter } from "../lib/router.js";
import { IdParam, jsonContent, jsonError } from "../lib/schemas.js";
import { requireUser, sessionUser } from "../middleware/session.js";
import { auditEntrySchema } from "../schemas/audit.js";
import { assertOrganisationAccess } from "../services/access.js";
import { AUDIT_PAGE, auditPage } from "../services/audit.js";

const AuditQuery = z.object({
  before: z.string().min(1).max(64).optional().openapi({ description: "The `next` of the previous page" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(AUDIT_PAGE)
    .openapi({ description: "Entries per page (1–100, default 50)" }),
});

const AuditEntry = auditEntrySchema(
  {
    id: z.string(),
    at: z.string().openapi({ description: "UTC, to the minute: YYYY-MM-DDTHH:MMZ" }),
    actor: z.string().openapi({ description: "The acting account's address" }),
  },
  "AuditEntry",
);

export const auditRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    operationId: "listAuditEntries",
    path: "/api/organisations/{id}/audit",
    tags: ["Organisations"],
    summary:
      "Who did what: report reads and exports, invitations and managers, logins of its managers, rounds and codes (never respondents)",
    middleware: [requireUser("consultant")],
    request: { params: IdParam, query: AuditQuery },
    responses: {
      200: jsonContent(
        z.strictObject({ entries: z.array(AuditEntry), next: z.string().nullable() }).openapi("AuditPage"),
        "One page, newest first; `next` is the cursor of the next page",
      ),
      400: jsonError("Invalid limit or cursor"),
      401: jsonError("No session"),
      403: jsonError("Not a consultant"),
      404: jsonError("No such organisation"),
    },
  }),
  async (c) => {
    const { db } = c.var.deps;
    const { id } = c.req.valid("param");
    await assertOrganisationAccess(db, sessionUser(c), id);
    const { before, limit } = c.req.valid("query");
    c.header("Cache-Control", "private, no-store");
    return c.json(await auditPage(db, id, { before, limit }), 200);
  },
);
