/**
 * The results summary for staff (pure): what a round's shared link shows. It is made from the
 * report of the round as a whole — the group the disclosure plan publishes whenever the round
 * reached k — and takes from it only the seven levels, the start-here pick with its explanation
 * and the decision-factor headline, plus the plan's actions. No unit, no filter, no heatmap, no
 * management gap and no comments: a comment names its writer more easily than any figure, and
 * staff read the summary outside any login, so nothing finer than the round goes in. A round below
 * k has no summary at all.
 */
import type { PlanAction } from "./action-plan.js";
import type { Localised } from "./i18n.js";
import type { LevelId } from "./levels.js";
import type { Report } from "./report.js";
import type { Basis, Reason } from "./start-here.js";

/**
 * The results summary for staff: what a round's shared link shows. The API's schema
 * (schemas/plan.ts) is checked at compile time to describe exactly this type.
 */
export interface StaffSummary {
  round: { organisation: string; title: string; releasedOn: string; respondents: number; k: number };
  levels: {
    id: LevelId;
    name: Localised;
    score: number;
    weak: boolean;
    possiblyWeak: boolean;
    divided: boolean;
    note: Localised | null;
  }[];
  startHere: {
    level: LevelId | null;
    reasons: Reason[];
    basis: Basis;
    indicative: boolean;
    explanation: Localised;
  } | null;
  /** Which side staff weigh most when a customer needs an exception; null when the instrument did not ask. */
  decisions: { headline: Localised; systemPct: number; heartPct: number } | null;
  plan: { focusLevels: LevelId[]; actions: Omit<PlanAction, "id">[] };
}

type Released = Extract<Report, { suppressed: false }>;

/** The summary of a round-level report. `report` must be the round as a whole (no filter, no breakdown). */
export function staffSummary(
  round: Omit<StaffSummary["round"], "respondents">,
  report: Released,
  plan: { focusLevels: LevelId[]; actions: readonly PlanAction[] },
): StaffSummary {
  const start = report.startHere;
  const mix = report.decisionFactors;
  return {
    round: { ...round, respondents: report.n },
    levels: report.levels.map((l) => ({
      id: l.id,
      name: l.name,
      score: l.score,
      weak: l.weak,
      possiblyWeak: l.possiblyWeak,
      divided: l.divided,
      note: l.note,
    })),
    startHere: start && {
      level: start.level,
      reasons: start.reasons,
      basis: start.basis,
      indicative: start.indicative,
      explanation: start.explanation,
    },
    decisions: mix && {
      headline: mix.headline,
      systemPct: mix.groups.system.mostPct,
      heartPct: mix.groups.heart.mostPct,
    },
    plan: { focusLevels: plan.focusLevels, actions: plan.actions.map(({ id: _id, ...action }) => action) },
  };
}
