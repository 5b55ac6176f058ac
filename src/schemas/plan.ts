/**
 * The shapes of an action plan and of the staff summary, defined once: the routes answer with
 * these schemas (validated, and in the OpenAPI document). The services and the pages take the
 * plan's type from its schema (z.infer); the staff summary's type is the domain's (it is made
 * there), and its schema is checked to describe exactly that type, so what the code builds and
 * what the API documents cannot drift apart. Enums come from the domain's own lists.
 */
import { z } from "@hono/zod-openapi";

import { ACTION_STATUSES } from "../domain/action-plan.js";
import type { StaffSummary } from "../domain/staff-summary.js";
import { BASES, REASONS } from "../domain/start-here.js";
import { TREND_LABELS } from "../domain/trends.js";
import { LevelId, Localised, type SameType } from "../lib/schemas.js";

const Level = LevelId;

/** Why the start-here level was picked: the flags, and what the pick rests on. */
export const StartHereReasons = { reasons: z.array(z.enum(REASONS)), basis: z.enum(BASES) };

export const ActionSchema = z
  .strictObject({
    id: z.string(),
    level: Level,
    title: z.string(),
    owner: z.string(),
    dueOn: z.string().nullable(),
    status: z.enum(ACTION_STATUSES),
  })
  .openapi("PlanAction");

const MoveSchema = z.strictObject({
  level: Level,
  before: z.number().nullable(),
  after: z.number().nullable(),
  change: z.number().nullable(),
  label: z.enum(TREND_LABELS).nullable(),
});

export const PlanSchema = z
  .strictObject({
    campaign: z.strictObject({ id: z.string(), title: z.string() }),
    editable: z
      .boolean()
      .openapi({ description: "Whether this reader may change the plan (consultants and unscoped managers)" }),
    startHere: Level.nullable().openapi({
      description:
        "The release's start-here level (null below k or when nothing points anywhere): what a new plan preselects",
    }),
    saved: z.boolean().openapi({
      description: "Whether the focus levels were saved; until then they are the start-here level, offered",
    }),
    focusLevels: z.array(Level),
    actions: z.array(ActionSchema),
    maxActions: z.number(),
    previous: z
      .strictObject({
        campaignId: z.string(),
        title: z.string(),
        focusLevels: z.array(Level),
        actions: z.array(ActionSchema),
        moves: z.array(MoveSchema),
      })
      .nullable()
      .openapi({
        description: "The latest earlier round's plan, each of its levels beside the trend up to this round",
      }),
    summaryLink: z.strictObject({ createdAt: z.string() }).nullable().openapi({
      description:
        "The live staff summary link's date, when there is one (its token is not stored, so it cannot be shown again)",
    }),
  })
  .openapi("ActionPlan");

/** A round's action plan as a reader sees it. */
export type ActionPlanView = z.infer<typeof PlanSchema>;

export const SummarySchema = z
  .strictObject({
    round: z.strictObject({
      organisation: z.string(),
      title: z.string(),
      releasedOn: z.string(),
      respondents: z.number(),
      k: z.number(),
    }),
    levels: z.array(
      z.strictObject({
        id: Level,
        name: Localised,
        score: z.number(),
        weak: z.boolean(),
        possiblyWeak: z.boolean(),
        divided: z.boolean(),
        note: Localised.nullable(),
      }),
    ),
    startHere: z
      .strictObject({ level: Level.nullable(), ...StartHereReasons, indicative: z.boolean(), explanation: Localised })
      .nullable(),
    decisions: z.strictObject({ headline: Localised, systemPct: z.number(), heartPct: z.number() }).nullable().openapi({
      description:
        "Which side staff weigh most when a customer needs an exception, in one sentence; null when the instrument did not ask",
    }),
    plan: z.strictObject({ focusLevels: z.array(Level), actions: z.array(ActionSchema.omit({ id: true })) }),
  })
  .openapi("StaffSummary");

/** The schema's output and the domain's StaffSummary are one type, optional fields included. */
const _summarySchemaIsTheDomains: SameType<z.infer<typeof SummarySchema>, StaffSummary> = true;
