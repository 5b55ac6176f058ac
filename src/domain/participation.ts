/**
 * Participation: all that can be read of a round while it runs. The round's respondents, and per
 * department, role and location a count only when the unit has k or more. Every other unit is
 * hidden — an empty one too, so that "nobody yet" is not told apart from "a few" — with the
 * smallest shown units hidden beside it until at least two units with k or more respondents
 * together are hidden, and then, as a release's plan is audited, whatever else lets a set of
 * 1..k−1 respondents be computed from the counts together (liveGroups). Bands are not counted
 * while a round runs. Counts say who took part, never what anyone answered. Once released, the
 * counts are those of the units the release's plan publishes. A unit with a headcount shows its
 * rate beside a shown count only: the headcount is the client's own fact, the count the one thing
 * disclosed.
 */
import { allSteps } from "../lib/steps.js";
import type { Conditions, CountedCell } from "./disclosure.js";
import { type DisclosurePlan, groupKey, planSteps } from "./disclosure-plan.js";
import type { Localised } from "./i18n.js";
import { round } from "./statistics.js";
import { type CampaignUnits, departmentLocation, type Dimension, DIMENSIONS, type Unit } from "./units.js";

export interface UnitParticipation {
  value: string;
  label: Localised;
  /** Null when hidden: fewer than k, or hidden with them. */
  n: number | null;
  /** Staff in the unit, where the client gave it. */
  headcount: number | null;
  /** n as a share of the headcount (one decimal), where both are known. */
  pct: number | null;
}

/** A unit's row: its count where shown, with its response rate where it has a headcount. */
function unitRow(unit: Unit, n: number | null): UnitParticipation {
  const headcount = unit.headcount ?? null;
  return {
    value: unit.value,
    label: unit.label,
    n,
    headcount,
    pct: n !== null && headcount ? round((n / headcount) * 100) : null,
  };
}

/** The dimensions a running round counts: its bands are left out, so the counts are a two-way table the exact audit decides. */
const LIVE_DIMENSIONS = ["department", "role", "location"] as const satisfies readonly Dimension[];

/**
 * The groups a running round's counts show: its units, made and audited as a release's plan is
 * (disclosure-plan.ts, without the department × role table), so no set of 1..k−1 respondents
 * follows from them — a department minus its location, a role minus a department, the round minus
 * them all, respondents who named no unit included. A release audits its own groups with these
 * (`fixed`): the last counts read before it closed are counts of the same people.
 */
export function liveGroups(cells: readonly CountedCell[], units: CampaignUnits, k: number): Conditions[] {
  return allSteps(liveGroupsSteps(cells, units, k));
}

/** liveGroups a step at a time (a release runs it between turns). */
export function* liveGroupsSteps(
  cells: readonly CountedCell[],
  units: CampaignUnits,
  k: number,
): Generator<void, Conditions[]> {
  return (yield* shownLive(cells, units, k)).map((g) => g.conditions);
}

/** The live counts' shown groups, each with its count, a step at a time (a large structure's audit is several). */
function* shownLive(
  cells: readonly CountedCell[],
  units: CampaignUnits,
  k: number,
): Generator<void, { key: string; conditions: Conditions; n: number | null }[]> {
  const locationOf = departmentLocation(units);
  const located = cells.map((cell) => {
    const location = locationOf(cell.department);
    return location === undefined ? cell : { ...cell, location };
  });
  const counted = Object.fromEntries(LIVE_DIMENSIONS.map((d) => [d, units[d] ?? []]));
  const plan = yield* planSteps(located, counted, { k, kComments: k, breakdowns: true, live: true });
  return plan.groups.filter((g) => g.shown && g.key !== "");
}

export function unitParticipation(
  cells: readonly CountedCell[],
  units: CampaignUnits,
  k: number,
): Partial<Record<Dimension, UnitParticipation[]>> {
  return allSteps(unitParticipationSteps(cells, units, k));
}

/** unitParticipation a step at a time: a request lets others in between the audit's steps. */
export function* unitParticipationSteps(
  cells: readonly CountedCell[],
  units: CampaignUnits,
  k: number,
): Generator<void, Partial<Record<Dimension, UnitParticipation[]>>> {
  const shown = new Map((yield* shownLive(cells, units, k)).map((g) => [g.key, g.n]));
  const out: Partial<Record<Dimension, UnitParticipation[]>> = {};
  for (const d of LIVE_DIMENSIONS) {
    const list = units[d];
    if (list?.length) out[d] = list.map((unit) => unitRow(unit, shown.get(groupKey({ [d]: unit.value })) ?? null));
  }
  return out;
}

/** A released round's respondents per unit: the units its plan publishes, every other one hidden. */
export function releasedParticipation(
  plan: DisclosurePlan,
  units: CampaignUnits,
): Partial<Record<Dimension, UnitParticipation[]>> {
  const published = new Map(plan.groups.filter((g) => g.shown).map((g) => [g.key, g.n]));
  const out: Partial<Record<Dimension, UnitParticipation[]>> = {};
  for (const d of DIMENSIONS) {
    const list = units[d];
    if (list?.length) out[d] = list.map((u) => unitRow(u, published.get(groupKey({ [d]: u.value })) ?? null));
  }
  return out;
}
