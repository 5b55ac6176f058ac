/**
 * Synthetic respondents for the demo, from the latent model (latent-model.ts): one trait per level,
 * each level correlated with the one above; roles that belong to their department; the telephone
 * disagreement realised on every values item (two camps); desired-state answers above the current
 * ones by a gap per level; a 0–10 outcome driven by the levels; decision factors per profile.
 * Each demo organisation's story is its profile, and its headline follows from it.
 */
import type { ClimateScale } from "../domain/factors.js";
import type { LevelId } from "../domain/levels.js";
import { isCurrentItem, NOT_APPLICABLE, reverseCode } from "../domain/scoring.js";
import { DEFAULT_TENURE } from "../domain/units.js";
import type { Instrument } from "../instruments/instrument.js";
import { at, defined } from "../lib/invariant.js";
import { type LatentModel, latentTraits, latentValues, normal, type Random, toLikert } from "./latent-model.js";

export interface DemoProfile {
  /** Level means (1–5, scored direction) and spreads of the current-state items. */
  model: LatentModel;
  /** Share of staff in the "ask the customer first" camp on the values items; absent: no split. */
  beliefSplit?: number;
  /** Mean (1–5) of each decision-climate scale's items; scales not named: the midpoint. */
  climate: Partial<Record<ClimateScale, number>>;
  /** How far (scale points) staff want each level above where it is; levels not named: `desiredGap`. */
  desiredGaps?: Partial<Record<LevelId, number>>;
  desiredGap: number;
  /** Weight of each level in the 0–10 outcome. */
  outcome: Partial<Record<LevelId, number>>;
  /** Chance to name policy or process (the coat rack), and that it then weighed most. */
  system: number;
  systemMost: number;
  /** Chance to name personal fairness and (about twice as often) the customer's needs. */
  heart: number;
  /** Chance that staff without customer contact answer "not applicable" where it is offered. */
  notApplicable: number;
}

/** Roles per department, with weights: who works where. */
export type RoleMix = readonly (readonly [role: string, weight: number])[];

const pick = <T>(random: Random, list: readonly T[]): T =>
  at(list, Math.floor(random() * list.length), "a list to pick from");

function weighted(random: Random, mix: RoleMix): string {
  const total = mix.reduce((a, [, w]) => a + w, 0);
  let u = random() * total;
  for (const [role, w] of mix) if ((u -= w) < 0) return role;
  return defined(mix.at(-1), "a role mix names a role")[0];
}

/**
 * The items staff split on in the telephone example: every current-state values item. Both camps
 * answer all of them their own way, as people who disagree on a value do — a split on two items of
 * six would hardly move anyone's level score, and the rule decides "divided" on level scores.
 */
function valuesItems(instrument: Instrument): string[] {
  return instrument.key.items.filter((i) => isCurrentItem(i) && i.level === "values").map((i) => i.name);
}

/** Realistic camps: one around "disagree" (2), one around "agree" (4–5), with a dip at 3 between them. */
export const CAMP_CENTRES = [4.3, 2.0] as const;

/** One respondent's answers to the instrument, as a survey would send them. */
export function demoAnswers(
  instrument: Instrument,
  profile: DemoProfile,
  department: string,
  roles: RoleMix,
  comments: readonly string[],
  random: Random,
): Record<string, unknown> {
  const { key } = instrument;
  const model: LatentModel = {
    ...profile.model,
    splits:
      profile.beliefSplit === undefined
        ? []
        : [{ items: valuesItems(instrument), share: profile.beliefSplit, centres: CAMP_CENTRES }],
    scaleMean: undefined,
  };
  const traits = latentTraits(model, random);
  const values = latentValues(key, model, random, traits);
  const role = weighted(random, roles);
  const remote = role === "back_office" || role === "management";
  const answers: Record<string, unknown> = {};
  const current = (level: LevelId) => (model.means[level] ?? model.fallback ?? 3.6) + traits[level];
  for (const item of key.items) {
    let value = defined(values[item.name], "a latent value for every item of the key");
    if (item.perspective === "desired" && item.level)
      value = toLikert(
        current(item.level) + (profile.desiredGaps?.[item.level] ?? profile.desiredGap) + normal(random) * 0.45,
      );
    else if (item.scale) value = toLikert((profile.climate[item.scale] ?? 3) + normal(random) * 0.7);
    if (item.na && remote && random() < profile.notApplicable) {
      answers[item.name] = NOT_APPLICABLE;
      continue;
    }
    answers[item.name] = item.reverse ? reverseCode(value) : value;
  }
  if (key.outcomeQuestion) {
    const weights = Object.entries(profile.outcome) as [LevelId, number][];
    const total = weights.reduce((a, [, w]) => a + w, 0);
    const level = weights.reduce((a, [l, w]) => a + w * current(l), 0) / total;
    answers[key.outcomeQuestion] = Math.min(10, Math.max(0, Math.round(2 * level - 1 + normal(random) * 0.9)));
  }
  const factors = new Set<string>();
  if (random() < profile.system) factors.add(random() < 0.75 ? "policy" : "process");
  if (random() < 0.55 * profile.system) factors.add("process");
  if (random() < 0.4 * profile.system) factors.add("policy");
  const optional: [string, number][] = [
    ["equal_treatment", 0.62 * profile.system],
    ["accountability_fear", 0.38 * profile.system],
    ["manager_approval", 0.33],
    ["personal_fairness", profile.heart],
    ["customer_needs", Math.min(0.95, profile.heart * 1.8)],
    ["customer_behaviour", 0.06],
    ["customer_context", profile.heart * 0.9],
    ["relationship_events", 0.05],
  ];
  for (const [factor, p] of optional) if (random() < p) factors.add(factor);
  if (factors.size === 0) factors.add("customer_needs");
  const chosen = [...factors];
  if (key.factorsQuestion) answers[key.factorsQuestion] = chosen;
  const rules = chosen.filter((f) => f === "policy" || f === "process");
  if (key.mostQuestion)
    answers[key.mostQuestion] =
      rules.length > 0 && random() < profile.systemMost ? pick(random, rules) : pick(random, chosen);
  if (instrument.groupings.department) answers[instrument.groupings.department] = department;
  if (instrument.groupings.role) answers[instrument.groupings.role] = role;
  if (instrument.groupings.tenure) answers[instrument.groupings.tenure] = pick(random, DEFAULT_TENURE).value;
  if (instrument.commentQuestion && random() < 0.22) answers[instrument.commentQuestion] = pick(random, comments);
  return answers;
}
