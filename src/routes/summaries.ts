/**
 * The results summary for staff, read by whoever holds its link, without a session. Read-only:
 * the round as a whole, the start-here explanation and the plan's actions (domain/staff-summary.ts),
 * nothing else. An unknown, revoked or replaced link is 404; too many of those from one network, 429.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { ACTION_STATUSES } from "../domain/action-plan.js";
import { LEVEL_IDS } from "../domain/levels.js";
import { createRouter } from "../lib/router.js";
import { jsonContent, jsonError } from "../lib/schemas.js";
import { summaryFor } from "../services/staff-summary.js";

const Localised = z.object({ nl: z.string(), en: z.string() });
const Level = z.enum(LEVEL_IDS);
const TokenParam = z.object({ token: z.string().min(1).max(256).openapi({ param: { name: "token", in: "path" } }) });

const SummarySchema = z
  .object({
    round: z.object({ organisation: z.string(), title: z.string(), releasedOn: z.string(), respondents: z.number(), k: z.number() }),
    levels: z.array(z.object({ id: Level, name: Localised, score: z.number(), weak: z.boolean(), possiblyWeak: z.boolean(), divided: z.boolean(), note: Localised.nullable() })),
    startHere: z
      .object({
        level: Level.nullable(),
        reasons: z.array(z.enum(["weak", "possibly_weak", "divided"])),
        basis: z.enum(["flagged", "desired_gap", "driver", "none"]),
        indicative: z.boolean(),
        explanation: Localised,
      })
      .nullable(),
    decisions: z.object({ headline: Localised, systemPct: z.number(), heartPct: z.number() }).nullable(),
    plan: z.object({
      focusLevels: z.array(Level),
      actions: z.array(z.object({ level: Level, title: z.string(), owner: z.string(), dueOn: z.string().nullable(), status: z.enum(ACTION_STATUSES) })),
    }),
  })
  .openapi("StaffSummary");

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
