/**
 * The shape of a comparison of a consultant's rounds (services/compare.ts), defined once: the route
 * answers with it, the service's result is typed by it, and the pages import that type.
 */
import { z } from "@hono/zod-openapi";

import { orNull, type SameType } from "../lib/schemas.js";
import type { compareCampaigns } from "../services/compare.js";
import {
  BenchmarkLineSchema,
  DecisionMixSchema,
  DesiredGapSchema,
  LevelSummarySchema,
  PerLevel,
  ReliabilityWarningSchema,
  StartHereSchema,
} from "./report.js";

/** What names a compared round, included or not. */
const RoundRef = {
  id: z.string(),
  title: z.string(),
  organisation: z.strictObject({ id: z.string(), name: z.string() }),
  date: z.string().openapi({ description: "The date the round is placed on (YYYY-MM-DD)" }),
  n: z.int(),
  k: z.int(),
};

export const ComparisonSchema = z
  .strictObject({
    campaigns: z.array(
      z
        .strictObject({
          ...RoundRef,
          instrument: z.strictObject({ id: z.string(), version: z.int() }),
          levels: z.array(LevelSummarySchema),
          startHere: orNull(StartHereSchema),
          decisionFactors: orNull(DecisionMixSchema),
          desiredGap: orNull(DesiredGapSchema),
          percentiles: PerLevel.nullable().openapi({
            description: "Per level, the round's percentile in the benchmark; null without a norm set",
          }),
          reliability: z.array(ReliabilityWarningSchema),
        })
        .openapi("ComparedRound"),
    ),
    excluded: z.array(
      z
        .strictObject({ ...RoundRef, reason: z.enum(["below_k", "not_released"]) })
        .openapi("ExcludedRound", { description: "A chosen round without figures: not released, or below k" }),
    ),
    benchmark: orNull(BenchmarkLineSchema),
  })
  .openapi("Comparison");

/** Rounds side by side, against the consultant's benchmark. */
type Comparison = z.infer<typeof ComparisonSchema>;

// Compile-time: the schema describes exactly what the service builds.
const _comparison: SameType<Comparison, Awaited<ReturnType<typeof compareCampaigns>>> = true;
