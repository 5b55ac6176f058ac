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

export function unitParticipation(
  cells: readonly CountedCell[],
  units: CampaignUnits,
  k: number,
): Partial<Record<Dimension, UnitParticipation[]>> {
  const locationOf = departmentLocation(units);
  const located = cells.map((cell) => {
    const location = locationOf(cell.department);
    return location === undefined ? cell : { ...cell, location };
  });
  const total = groupSize(located, {});
  const rows: Partial<Record<Dimension, Row[]>> = {};
  for (const d of DIMENSIONS) {
    const list = units[d];
    if (!list?.length) continue;
    const dimension = list.map((unit) => {
      const n = groupSize(located, { [d]: unit.value });
      return { unit, n, hidden: n < k };
    });
    rows[d] = dimension;
    hideWithHidden(dimension, unlistedIn(dimension, total), k);
  }
  if (rows.department && rows.location) hideNested(rows.department, rows.location, located, total, k);
  const out: Partial<Record<Dimension, UnitParticipation[]>> = {};
  for (const [d, list] of Object.entries(rows) as [Dimension, Row[]][])
    out[d] = list.map(({ unit, n, hidden }) => unitRow(unit, hidden ? null : n));
  return out;
}

interface Row {
  unit: Unit;
  n: number;
  hidden: boolean;
}

/** Respondents in none of a dimension's units (a grouping question left open on an instrument that allows it). */
const unlistedIn = (rows: readonly Row[], total: number) => total - rows.reduce((sum, r) => sum + r.n, 0);

/**
 * Secondary suppression within one dimension: the round minus the shown units is the hidden units
 * and the respondents in none, so the smallest shown units go until that is none, or k together
 * and never one unit alone.
 */
function hideWithHidden(rows: readonly Row[], unlisted: number, k: number): void {
  const hidden = () => rows.filter((r) => r.hidden);
  const remainder = () => hidden().reduce((sum, r) => sum + r.n, unlisted);
  const exposed = () =>
    (hidden().length > 0 || unlisted > 0) && (remainder() < k || (hidden().length === 1 && unlisted === 0));
  while (exposed()) {
    const [smallestShown] = rows.filter((r) => !r.hidden).sort((a, b) => a.n - b.n);
    if (!smallestShown) break;
    smallestShown.hidden = true;
  }
}

/**
 * Departments nested in locations: a shown location minus its shown departments is its hidden
 * ones, and the round minus the shown locations and the shown departments outside them is every
 * other hidden respondent. Those are exactly the sets the counts of the two dimensions compute
 * (two-way-audit.ts, with one role), so each must hold none or k and more: a smallest shown
 * department beside them is hidden too — a location when it has none left — until they do.
 */
function hideNested(
  departments: readonly Row[],
  locations: readonly Row[],
  cells: readonly CountedCell[],
  total: number,
  k: number,
): void {
  const small = (n: number) => n > 0 && n < k;
  const smallest = (rows: readonly Row[]) => rows.filter((r) => !r.hidden).sort((a, b) => a.n - b.n)[0];
  const shownDepartment = new Map(departments.map((r) => [r.unit.value, r]));
  for (;;) {
    const shownLocations = new Set(locations.filter((r) => !r.hidden).map((r) => r.unit.value));
    const hiddenIn = new Map<string | undefined, number>();
    for (const cell of cells) {
      if (shownDepartment.get(cell.department)?.hidden === false) continue;
      const place = cell.location !== undefined && shownLocations.has(cell.location) ? cell.location : undefined;
      hiddenIn.set(place, (hiddenIn.get(place) ?? 0) + cell.n);
    }
    const found = [...hiddenIn].find(([, n]) => small(n));
    if (!found) return;
    const [place] = found;
    const inPlace = (r: Row) =>
      place === undefined ? !shownLocations.has(r.unit.location ?? "") : r.unit.location === place;
    const next =
      smallest(departments.filter(inPlace)) ??
      (place === undefined ? smallest(locations) : locations.find((r) => r.unit.value === place));
    if (!next) return;
    next.hidden = true;
    hideWithHidden(locations, unlistedIn(locations, total), k);
  }
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
