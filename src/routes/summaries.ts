/**
 * The results summary for staff, read by whoever holds its link, without a session. Read-only:
 * the round as a whole, the start-here explanation and the plan's actions (domain/staff-summary.ts),
 * nothing else. An unknown, revoked or replaced link is 404; too many of those from one network, 429.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../lib/router.js";
import { jsonContent, jsonError } from "../lib/schemas.js";
import { summaryFor } from "../services/staff-summary.js";
import { SummarySchema } from "./plan-schemas.js";

const TokenParam = z.object({ token: z.string().min(1).max(256).openapi({ param: { name: "token", in: "path" } }) });

export const summaryRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/api/summaries/{token}",
    tags: ["Action plans"],
    summary: "A round's results summary for staff, by its shared link (no session): the round as a whole, where change starts, the actions",
    request: { params: TokenParam },
    responses: {
      200: jsonContent(SummarySchema, "The summary"),
      404: jsonError("Unknown, revoked or replaced link"),
      429: jsonError("Too many links that do not work from this network"),
    },
  }),
  async (c) => {
    const { token } = c.req.valid("param");
    const deps = c.var.deps;
    const summary = await deps.summaryLookups.read(deps.clientAddress(c), deps.now(), () => summaryFor(deps, token));
    c.header("Cache-Control", "no-store");
    return c.json(summary, 200);
  },
);
