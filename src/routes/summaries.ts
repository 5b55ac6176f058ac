/**
 * The results summary for staff, read by whoever holds its link, without a session. Read-only:
 * the round as a whole, the start-here explanation and the plan's actions (domain/staff-summary.ts),
 * nothing else. An unknown, revoked or replaced link is 404; too many of those from one network, 429.
 *
 * The link's token travels in the request body, never in the URL: proxies, CDNs and the platform
 * log request paths, and the link is the summary's only credential. A POST that changes nothing;
 * it takes only JSON, so the CSRF guard lets a same-site page (and a client without a browser)
 * send it, and a cross-site form cannot.
 */
import { createRoute, z } from "@hono/zod-openapi";

import { noSession } from "../lib/openapi-document.js";
import { createRouter } from "../lib/router.js";
import { jsonBodyOf, jsonContent, jsonError } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { SummarySchema } from "../schemas/plan.js";
import { summaryFor } from "../services/staff-summary.js";

const ReadBody = z
  .object({
    token: z
      .string()
      .min(1)
      .max(256)
      .openapi({ description: "The token in the shared link's fragment (…/summary#<token>)" }),
  })
  .strict();

export const summaryRoutes = createRouter().openapi(
  createRoute({
    method: "post",
    operationId: "readSummary",
    security: noSession,
    path: "/api/summaries/read",
    tags: ["Action plans"],
    summary:
      "A round's results summary for staff, by its shared link's token (no session; read-only): the round as a whole, where change starts, the actions",
    middleware: [...jsonBody(1024)],
    request: { body: jsonBodyOf(ReadBody) },
    responses: {
      200: jsonContent(SummarySchema, "The summary"),
      400: jsonError("No token, or not one a link could hold"),
      404: jsonError("Unknown, revoked or replaced link"),
      429: jsonError("Too many links that do not work from this network"),
    },
  }),
  async (c) => {
    const { token } = c.req.valid("json");
    const deps = c.var.deps;
    const summary = await deps.summaryLookups.read(deps.clientAddress(c), deps.now(), () => summaryFor(deps, token));
    c.header("Cache-Control", "no-store");
    return c.json(summary, 200);
  },
);
