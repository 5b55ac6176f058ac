/**
 * The shape of a round's report, and of the pieces other answers share with it (levels, localised
 * texts, the benchmark line, alpha per level), defined once: the report and quality routes answer
 * with these schemas, the services take their types from them (z.infer), and compile-time checks
 * below tie them to the domain's own types, so what the code builds and what the API documents
 * cannot drift apart. Every object is strict: a field the schema does not name fails the tests.
 */
import { z } from "@hono/zod-openapi";

import type { Campaign } from "../domain/campaign.js";
import type { Conditions } from "../domain/disclosure.js";
import { PLAN_TABLES } from "../domain/disclosure-plan.js";
import { CLIMATE_SCALES, FACTOR_GROUPS } from "../domain/factors.js";
import type { Localised as DomainLocalised } from "../domain/i18n.js";
import type { Report } from "../domain/report.js";
import { BASES, NO_PICK_REASONS, REASONS } from "../domain/start-here.js";
import { DIMENSIONS } from "../domain/units.js";
import { LevelId, Localised, orNull, type SameType } from "../lib/schemas.js";
import type { BenchmarkLine } from "../services/norm-sets.js";

/** Values by key, for some of the keys and no other (the document says so: additionalProperties false). */
export const someOf = <K extends z.ZodEnum, V extends z.ZodType>(keys: K, value: V) =>
  z.partialRecord(keys, value).openapi({ additionalProperties: false });
/** A score (or another figure) per level, for the levels there is one of. */
export const PerLevel = someOf(LevelId, z.number());
export const Dimension = z.enum(DIMENSIONS);
/** Filters by dimension: the unit asked for. */
const Filters = someOf(Dimension, z.string());

export const BenchmarkLineSchema = z
  .strictObject({
    levels: PerLevel,
    campaigns: z.int().optional(),
    organisations: z.int().optional(),
    madeOn: z.string().optional(),
  })
  .openapi("BenchmarkLine", {
    description: "The consultant's latest published norm set; managers never see its breadth or date",
  });

const LevelReliabilitySchema = z
  .strictObject({
    level: LevelId,
    items: z.int(),
    n: z.int().openapi({ description: "Respondents who answered every item of the level" }),
    alpha: z.number(),
    ci95: z.tuple([z.number(), z.number()]).openapi({ description: "Feldt's 95% interval" }),
  })
  .openapi("LevelReliability");

/** Alpha per level with its warning (below 0.7): what quality and comparisons show. */
export const ReliabilityWarningSchema = z
  .strictObject({ ...LevelReliabilitySchema.shape, warning: z.boolean() })
  .openapi("LevelReliabilityWithWarning");

export const StartHereSchema = z
  .strictObject({
    level: LevelId.nullable(),
    reasons: z.array(z.enum(REASONS)),
    basis: z.enum(BASES),
    checkFirst: z.array(LevelId).openapi({ description: "Possibly weak levels above the pick: look at them first" }),
    unmeasuredAbove: z.array(LevelId).openapi({
      description: "Levels above the pick (all, without one) not measured reliably: a problem there would come first",
    }),
    noPick: z.enum(NO_PICK_REASONS).nullable().openapi({
      description:
        "Why there is no clear starting point: too few respondents for anything but a flag, no level measured reliably, or nothing points anywhere; null with a pick",
    }),
    downstream: z.array(LevelId),
    indicative: z.boolean().openapi({ description: "Fewer than 30 respondents: a pointer, not a finding" }),
    stability: z.number().nullable().openapi({
      description:
        "Share (0–1) of bootstrap resamples with the same pick; null for groups under 30 and for a pick that is not flag-based",
    }),
    explanation: Localised,
  })
  .openapi("StartHere");

/** The bars levels are judged against: one for the round, and per level where the consultant's norms set them. */
export const ThresholdsSchema = z.strictObject({
  weakBelow: z
    .number()
    .openapi({ description: "The round's bar (0–100): a level whose 95% interval lies below it is weak" }),
  levels: PerLevel.optional().openapi({
    description:
      "Per level, the bar from the consultant's norms (level-bars.ts), frozen at the release; absent: every level uses weakBelow",
  }),
});

export const LevelSummarySchema = z
  .strictObject({
    id: LevelId,
    rank: z.int(),
    name: Localised,
    n: z.int(),
    score: z.number().openapi({ description: "0–100" }),
    ci95: z.tuple([z.number(), z.number()]),
    bar: z.number().openapi({ description: "The bar below which this level is weak (0–100)" }),
    sd: z.number().openapi({ description: "SD of respondents' level means on the 1–5 scale" }),
    favourablePct: z.number(),
    unfavourablePct: z.number(),
    reliable: z.boolean().openapi({
      description: "The level's items hang together in this group (alpha); only then is it called weak or divided",
    }),
    weak: z.boolean(),
    possiblyWeak: z.boolean(),
    divided: z.boolean(),
    camps: z
      .strictObject({ lowPct: z.number(), highPct: z.number() })
      .nullable()
      .openapi({ description: "When divided: the share of respondents in the lower and in the higher camp" }),
    agreement: z.number().nullable().openapi({ description: "rwg(J)" }),
    splitItems: z.array(z.string()),
    note: orNull(Localised),
  })
  .openapi("LevelSummary");

const HeatmapSchema = z
  .strictObject({
    dimension: Dimension,
    rows: z.array(
      z.strictObject({
        value: z.string(),
        label: Localised,
        n: z.int().nullable(),
        suppressed: z.boolean(),
        scores: PerLevel.nullable(),
        weak: z.array(LevelId).nullable(),
        divided: z.array(LevelId).nullable(),
      }),
    ),
  })
  .openapi("Heatmap");

const Shares = z.strictObject({ chosenPct: z.number(), mostPct: z.number() });
export const DecisionMixSchema = z
  .strictObject({
    factors: z.array(
      z.strictObject({
        id: z.string(),
        side: z.enum(["system", "heart"]),
        label: Localised,
        chosenPct: z.number(),
        mostPct: z.number(),
      }),
    ),
    groups: z.strictObject(
      Object.fromEntries(Object.keys(FACTOR_GROUPS).map((g) => [g, Shares])) as Record<
        keyof typeof FACTOR_GROUPS,
        typeof Shares
      >,
    ),
    pattern: z.enum(["coat_rack", "system_leaning", "balanced", "customer_led"]),
    headline: Localised,
  })
  .openapi("DecisionMix");

const levelFigures = { level: LevelId, gap: z.number() };
export const DesiredGapSchema = z
  .array(z.strictObject({ ...levelFigures, current: z.number(), desired: z.number() }))
  .openapi("DesiredGap", { description: "Current against desired state per level (0–100); gap = desired − current" });

/** The report's figures when the round (or the filtered group) is published. */
const Figures = {
  suppressed: z.literal(false),
  n: z.int(),
  levels: z.array(LevelSummarySchema),
  startHere: orNull(StartHereSchema),
  heatmap: orNull(HeatmapSchema),
  decisionFactors: orNull(DecisionMixSchema),
  climate: z.array(z.strictObject({ id: z.enum(CLIMATE_SCALES), score: z.number(), n: z.int() })),
  managementGap: z.array(z.strictObject({ ...levelFigures, management: z.number(), staff: z.number() })).nullable(),
  desiredGap: orNull(DesiredGapSchema),
  items: z.array(
    z.strictObject({
      name: z.string(),
      level: LevelId,
      n: z.int().openapi({
        description:
          "Respondents who answered the item: the group's n, or fewer where some chose n.v.t. or weet niet and the release publishes it over its answerers",
      }),
      score: z.number(),
      favourablePct: z.number(),
      unfavourablePct: z.number(),
      split: z.boolean(),
      facet: z.string().nullable(),
      desired: z.number().nullable(),
    }),
  ),
  facets: z.array(
    z.strictObject({
      id: z.string(),
      level: LevelId,
      n: z.int(),
      score: z.number(),
      agreement: z.number().nullable(),
    }),
  ),
  correlations: z.array(z.strictObject({ upper: LevelId, lower: LevelId, n: z.int(), r: z.number() })),
  reliability: z.array(LevelReliabilitySchema),
  drivers: z
    .strictObject({
      method: z.literal("relative_weights"),
      n: z.int(),
      rSquared: z.number(),
      levels: z.array(z.strictObject({ level: LevelId, r: z.number(), sharePct: z.number() })),
    })
    .nullable(),
  jointFigures: z
    .strictObject({
      roundOnly: z.boolean(),
      concentrated: z.array(z.union([LevelId, z.literal("outcome")])),
      releasedBefore: z
        .boolean()
        .openapi({ description: "A release made before this rule: its correlations and drivers are not shown at all" }),
    })
    .openapi({
      description:
        "Why correlations and drivers may be missing: they are given for the round as a whole only, and never for a level (or the outcome) that fewer than k people answered differently from the most common answer",
    }),
};
const Suppressed = {
  suppressed: z.literal(true),
  n: z.null(),
  reason: z.enum(["too_small", "hidden_unit", "not_offered", "campaign_level_only"]),
};

const ReportHead = {
  campaign: z.strictObject({
    id: z.string(),
    title: z.string(),
    status: z.enum(["draft", "open", "closed"]),
    k: z.int(),
    kComments: z.int(),
    thresholds: ThresholdsSchema,
    releasedOn: z.string(),
    withheld: z.array(z.enum(PLAN_TABLES)).openapi({
      description:
        "Tables the release's plan gave up whole because its audit could not prove them safe within its budget (finest first): department_role or tenure (role and department in releases made before the two-way audit)",
    }),
    publishes: z.enum(["breakdowns", "whole_round"]).openapi({
      description: "What the release's plan publishes: breakdowns (single-use codes), or the round as a whole only",
    }),
  }),
  filters: Filters,
  comments: z.array(z.string()).nullable(),
  benchmark: orNull(BenchmarkLineSchema),
  questions: z
    .record(z.string(), Localised)
    .openapi({ description: "The question behind each item name the report shows, in both languages" }),
};

export const CampaignReportSchema = z
  .discriminatedUnion("suppressed", [
    z.strictObject({ ...ReportHead, ...Figures }).openapi("PublishedReport"),
    z.strictObject({ ...ReportHead, ...Suppressed }).openapi("SuppressedReport"),
  ])
  .openapi("Report");

/** A round's report as management sees it. */
export type CampaignReport = z.infer<typeof CampaignReportSchema>;

export const QualitySchema = z
  .strictObject({
    reliability: z.array(ReliabilityWarningSchema).nullable(),
    careless: z
      .strictObject({
        count: z
          .int()
          .openapi({ description: "Respondents whose answers look careless (straight-lining, contradictions)" }),
        n: z.int().openapi({ description: "Respondents of the round" }),
      })
      .nullable()
      .openapi({
        description:
          "The careless-response screen for the round as a whole: a count, never who, never per group; null below k or in releases made before it",
      }),
  })
  .openapi("Quality", { description: "Alpha per level and the careless-response count; null below k" });

// Compile-time: the schemas describe exactly what the domain builds.
type ReportFigures = Exclude<Report, { suppressed: true }>;
const _figures: SameType<
  Omit<Extract<CampaignReport, { suppressed: false }>, keyof typeof ReportHead>,
  ReportFigures
> = true;
const _suppressed: SameType<
  Omit<Extract<CampaignReport, { suppressed: true }>, keyof typeof ReportHead>,
  Extract<Report, { suppressed: true }>
> = true;
const _head: SameType<CampaignReport["campaign"]["thresholds"], Campaign["thresholds"]> = true;
const _filters: SameType<CampaignReport["filters"], Conditions> = true;
const _localised: SameType<z.infer<typeof Localised>, DomainLocalised> = true;
const _benchmark: SameType<z.infer<typeof BenchmarkLineSchema>, BenchmarkLine> = true;
