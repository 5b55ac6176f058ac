/** Comparing a consultant's campaigns across organisations, against their benchmark. */
import { createRoute, z } from "@hono/zod-openapi";

import { createRouter } from "../lib/router.js";
import { jsonContent, jsonError } from "../lib/schemas.js";
import { requireUser, sessionUser } from "../middleware/session.js";
import { ComparisonSchema } from "../schemas/compare.js";
import { compareCampaigns } from "../services/compare.js";

const MAX_COMPARED = 20;

const CompareQuery = z.object({
  campaigns: z
    .string()
    .max(MAX_COMPARED * 65)
    .transform((v) => [
      ...new Set(
        v
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().min(1).max(64)).min(2, "pick at least two campaigns").max(MAX_COMPARED))
    .openapi({ description: "Comma-separated campaign ids (2–20)", example: "id1,id2,id3" }),
});

export const compareRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    operationId: "compareCampaigns",
    path: "/api/compare",
    tags: ["Consultant"],
    summary: "Side-by-side level profiles, start-here levels and decision mixes, with the benchmark and percentiles",
    middleware: [requireUser("consultant")],
    request: { query: CompareQuery },
    responses: {
      200: jsonContent(ComparisonSchema, "Campaigns that reached k, the excluded ones, and the benchmark"),
      400: jsonError("Fewer than two or more than 20 campaigns"),
      401: jsonError("No session"),
      403: jsonError("Not a consultant"),
      404: jsonError("A campaign that is not yours"),
    },
  }),
  async (c) => {
    c.header("Cache-Control", "private, no-store");
    return c.json(await compareCampaigns(c.var.deps.db, sessionUser(c).id, c.req.valid("query").campaigns), 200);
  },
);
