/**
 * The shape of an organisation's trends (services/trends.ts), defined once: the route answers with
 * it and a compile-time check ties it to what the service builds.
 */
import { z } from "@hono/zod-openapi";

import { MIN_MEANINGFUL_CHANGE, TREND_LABELS } from "../domain/trends.js";
import { LevelId, orNull, type SameType } from "../lib/schemas.js";
import type { TrendsView } from "../services/trends.js";

const TrendStep = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    comparable: z.boolean().openapi({
      description: "False when the rounds' instrument versions share fewer than 2 items of the level: no step",
    }),
    reason: z.enum(["too_few_shared_items"]).nullable(),
    basis: z
      .enum(["level", "shared_items"])
      .nullable()
      .openapi({ description: "Respondents' level means, or only the items both versions share (name and level)" }),
    sharedItems: z.array(z.string()).nullable().openapi({
      description: "With different instrument versions: the level's items both have; null with the same version",
    }),
    fromScore: z.number().nullable(),
    toScore: z.number().nullable(),
    change: z.number().nullable().openapi({ description: "Points on the 0–100 scale" }),
    p: z.number().nullable().openapi({ description: "Welch's two-sided p, uncorrected" }),
    pAdjusted: z.number().nullable().openapi({
      description: "Holm–Bonferroni across the levels of the same step (or of all first → latest comparisons)",
    }),
    label: z.enum(TREND_LABELS).openapi({
      description: `improved/declined: significant after Holm and at least ${MIN_MEANINGFUL_CHANGE} points; not_meaningful: significant but smaller`,
    }),
  })
  .openapi("TrendStep");
export const TrendsSchema = z
  .strictObject({
    significance: z.number().openapi({ description: "α for the Holm-adjusted p" }),
    minimumChange: z
      .number()
      .openapi({ description: "Points on the 0–100 scale a change must reach to be called improved or declined" }),
    rounds: z.array(
      z.strictObject({
        campaignId: z.string(),
        title: z.string(),
        date: z.string(),
        instrument: z.strictObject({ id: z.string(), version: z.int() }),
        included: z.boolean(),
      }),
    ),
    levels: z.array(
      z.strictObject({
        level: LevelId,
        points: z.array(
          z.strictObject({
            campaignId: z.string(),
            title: z.string(),
            date: z.string(),
            n: z.int(),
            score: z.number(),
          }),
        ),
        steps: z.array(TrendStep),
        overall: orNull(TrendStep),
      }),
    ),
  })
  .openapi("Trends");

// Compile-time: the schema describes exactly what the service builds.
const _trends: SameType<z.infer<typeof TrendsSchema>, TrendsView> = true;
