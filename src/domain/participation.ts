/**
 * Participation: all that can be read of a round while it runs. The round's respondents, and per
 * unit of each dimension a count only when the unit has k or more. Every other unit is hidden —
 * an empty one too, so that "nobody yet" is not told apart from "a few" — and while anything is
 * hidden, the smallest shown units are hidden with it until at least two units with k or more
 * respondents together are hidden: no hidden count follows from the total, nor does its change.
 * Counts say who took part, never what anyone answered. Once released, the counts are those of
 * the units the release's plan publishes. A unit with a headcount shows its rate beside a shown
 * count only: the headcount is the client's own fact, the count the one thing disclosed.
 */
import { type CountedCell, groupSize } from "./disclosure.js";
import { type DisclosurePlan, groupKey } from "./disclosure-plan.js";
import type { Localised } from "./i18n.js";
import { round } from "./statistics.js";
import { type CampaignUnits, type Dimension, DIMENSIONS, type Unit } from "./units.js";

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

export function unitParticipation(
  cells: readonly CountedCell[],
  units: CampaignUnits,
  k: number,
): Partial<Record<Dimension, UnitParticipation[]>> {
  const out: Partial<Record<Dimension, UnitParticipation[]>> = {};
  for (const d of DIMENSIONS) {
    const list = units[d];
    if (!list?.length) continue;
    const rows = list.map((unit) => {
      const n = groupSize(cells, { [d]: unit.value });
      return { unit, n, hidden: n < k };
    });
    const hidden = () => rows.filter((r) => r.hidden);
    const hiddenTotal = () => hidden().reduce((sum, r) => sum + r.n, 0);
    while (hidden().length > 0 && (hidden().length < 2 || hiddenTotal() < k)) {
      const [smallestShown] = rows.filter((r) => !r.hidden).sort((a, b) => a.n - b.n);
      if (!smallestShown) break;
      smallestShown.hidden = true;
    }
    out[d] = rows.map(({ unit, n, hidden }) => unitRow(unit, hidden ? null : n));
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
