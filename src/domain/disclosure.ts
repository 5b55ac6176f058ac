/**
 * Anonymity guards (DOMAIN.md §4) over cells — the respondent counts per combination of
 * department, role and tenure: the first, table-by-table suppression a disclosure plan starts
 * from (disclosure-plan.ts), whose audit then decides over all tables together. Pure and
 * deterministic.
 *
 * - A group is shown only with at least k respondents.
 * - Differencing: a group defined by conditions is refused when dropping any one condition
 *   (including "the rest of the campaign") leaves a difference of 1..k-1 respondents.
 * - Secondary suppression: when a heatmap hides units, it hides the next-smallest too until at
 *   least two units with k or more respondents together are hidden, so nothing follows from the total.
 * - Units hidden in the campaign-wide heatmap stay hidden under every filter, so filters cannot
 *   rebuild them piece by piece.
 */
import { type AskedDimension, type Dimension, DIMENSIONS, type Unit } from "./units.js";

/** A cell: the units a respondent chose, and the location their department lies in (none where the round has no locations). */
export type CellKey = Record<AskedDimension, string> & { location?: string };
export interface CountedCell extends CellKey {
  n: number;
}

export type Conditions = Partial<Record<Dimension, string>>;

export function matches(cell: CellKey, conditions: Conditions): boolean {
  return DIMENSIONS.every((d) => conditions[d] === undefined || cell[d] === conditions[d]);
}

/**
 * Cells with the size of every group they make, looked up instead of summed: each cell adds its n
 * to each of the 2^dimensions groups it lies in, once. A plan asks thousands of group sizes of a
 * structure of thousands of cells (a hospital's 150 × 12 × 5 spent 26 s of 31 summing them).
 */
export interface SizedCells {
  readonly cells: readonly CountedCell[];
  size(conditions: Conditions): number;
}

const conditionsKey = (values: readonly (string | undefined)[]) => JSON.stringify(values.map((v) => v ?? null));

/** The cells as they are now, with their group sizes; a list of cells changed later needs a new one. */
export function sizedCells(cells: readonly CountedCell[]): SizedCells {
  const sizes = new Map<string, number>();
  for (const cell of cells) {
    // A cell without a location (a round without locations) lies in no location's group.
    const absent = DIMENSIONS.reduce((bits, d, i) => (cell[d] === undefined ? bits | (1 << i) : bits), 0);
    for (let mask = 0; mask < 1 << DIMENSIONS.length; mask++) {
      if (mask & absent) continue;
      const key = conditionsKey(DIMENSIONS.map((d, i) => (mask & (1 << i) ? cell[d] : undefined)));
      sizes.set(key, (sizes.get(key) ?? 0) + cell.n);
    }
  }
  return { cells, size: (conditions) => sizes.get(conditionsKey(DIMENSIONS.map((d) => conditions[d]))) ?? 0 };
}

const sizedOf = (cells: readonly CountedCell[] | SizedCells): SizedCells =>
  "size" in cells ? cells : sizedCells(cells);

export function groupSize(cells: readonly CountedCell[] | SizedCells, conditions: Conditions): number {
  if ("size" in cells) return cells.size(conditions);
  let n = 0;
  for (const cell of cells) if (matches(cell, conditions)) n += cell.n;
  return n;
}

const isSmallDifference = (d: number, k: number) => d > 0 && d < k;

type Refusal = "too_small" | "difference_too_small" | "hidden_unit";
export type Verdict = "ok" | Refusal;

/** Whether the group may be shown, judged on sizes alone (no heatmap context). */
export function sizeVerdict(cells: readonly CountedCell[] | SizedCells, conditions: Conditions, k: number): Verdict {
  const n = groupSize(cells, conditions);
  if (n < k) return "too_small";
  if (isSmallDifference(groupSize(cells, {}) - n, k)) return "difference_too_small";
  for (const d of Object.keys(conditions) as Dimension[]) {
    const { [d]: _dropped, ...parent } = conditions;
    if (isSmallDifference(groupSize(cells, parent) - n, k)) return "difference_too_small";
  }
  return "ok";
}

export interface HeatmapUnit {
  value: string;
  n: number;
  /** Primary (n < k or a small difference) or secondary suppression. */
  suppressed: boolean;
}

/**
 * Units of `dimension` within the group `filters`, each shown or suppressed. An empty unit is
 * shown empty, unless `emptyIsSmall` (a running round's counts) hides it like a small one.
 */
export function heatmapUnits(
  given: readonly CountedCell[] | SizedCells,
  dimension: Dimension,
  units: readonly Unit[],
  filters: Conditions,
  k: number,
  emptyIsSmall = false,
): HeatmapUnit[] {
  const cells = sizedOf(given);
  const hiddenAtTop = Object.keys(filters).length > 0 ? hiddenUnits(cells, dimension, units, k) : new Set<string>();
  const rows = units.map((u) => {
    const conditions = { ...filters, [dimension]: u.value };
    const n = groupSize(cells, conditions);
    // A unit hidden campaign-wide stays hidden under every filter, even where it is empty: a row of
    // 0 would tell its make-up (a hidden department with nobody in three roles is all the fourth).
    const primary = hiddenAtTop.has(u.value) || ((n > 0 || emptyIsSmall) && sizeVerdict(cells, conditions, k) !== "ok");
    return { value: u.value, n, suppressed: primary };
  });
  // Secondary suppression: the hidden units together must be a group of k+ and never a single unit.
  const hidden = rows.filter((r) => r.suppressed);
  const visible = rows.filter((r) => !r.suppressed && r.n > 0).sort((a, b) => a.n - b.n);
  let hiddenN = hidden.reduce((sum, r) => sum + r.n, 0);
  while (hidden.length > 0 && (hidden.length < 2 || hiddenN < k)) {
    const next = visible.shift();
    if (!next) break;
    next.suppressed = true;
    hidden.push(next);
    hiddenN += next.n;
  }
  return rows;
}

/** Units hidden in the campaign-wide heatmap of `dimension`. */
function hiddenUnits(cells: SizedCells, dimension: Dimension, units: readonly Unit[], k: number): Set<string> {
  return new Set(
    heatmapUnits(cells, dimension, units, {}, k)
      .filter((u) => u.suppressed)
      .map((u) => u.value),
  );
}

/**
 * The cells of a group by lookup: each condition's cells are indexed by value, and a group's
 * members are those of its narrowest condition that match the rest (the round: every cell).
 */
export function memberIndex<C extends CellKey>(cells: readonly C[]): (conditions: Conditions) => C[] {
  const byValue = new Map<string, C[]>();
  for (const cell of cells)
    for (const d of DIMENSIONS) {
      const key = `${d}\u0000${cell[d]}`;
      const list = byValue.get(key);
      if (list) list.push(cell);
      else byValue.set(key, [cell]);
    }
  return (conditions) => {
    const lists = DIMENSIONS.flatMap((d) => {
      const value = conditions[d];
      return value === undefined ? [] : [byValue.get(`${d}\u0000${value}`) ?? []];
    });
    const narrowest = lists.reduce<C[] | null>((a, b) => (a === null || b.length < a.length ? b : a), null);
    return narrowest ? narrowest.filter((cell) => matches(cell, conditions)) : [...cells];
  };
}
