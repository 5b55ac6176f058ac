/**
 * The audit of a disclosure plan: can any group of 1..k−1 respondents be computed from the
 * published groups? A reader can add and subtract published figures, so what they can compute is
 * the linear span of the published groups' cell indicators. The audit looks for a set of cells
 * with 1..k−1 respondents whose indicator lies in that span — a single cell, a filter
 * combination, a union of hidden units, anything.
 *
 * Complete, not sampled: in reduced echelon form every vector of the span is the sum of its
 * pivot-column values times the echelon rows, so a 0/1 vector of fewer than k respondents is the
 * sum of echelon rows whose pivot cells together hold fewer than k — the search enumerates exactly
 * those. Empty cells are left out of the columns: the reader is assumed to know which combinations
 * are empty (a manager who knows who sits where does), which only makes more sets computable.
 *
 * The search is bounded; a plan too intricate to prove safe within the bound counts as unsafe.
 */
import { at, entry } from "../lib/invariant.js";
import { allSteps } from "../lib/steps.js";
import { rowSpaceSteps, TOLERANCE } from "./linear-span.js";

/** Work units (vector entries touched) one audit may spend before it calls the plan unprovable. */
const AUDIT_BUDGET = 20_000_000;

/**
 * The largest matrix (groups × columns) an audit builds: about 16 MB of echelon rows. Memory is
 * bounded by this, not by the respondents: a structure whose finest table would need more is
 * unprovable, and the plan gives that table up (a 400 × 20 × 5 round took a 160 MB heap down).
 */
export const MAX_AUDIT_ENTRIES = 2_000_000;

/** Work between two yields of the search: a few milliseconds. */
const WORK_PER_STEP = 1_000_000;

export type AuditResult =
  | { safe: true }
  /** `cells`: indices of a computable set of 1..k−1 respondents; null when the search ran out of budget. */
  | { safe: false; cells: number[] | null };

/**
 * @param counts respondents per cell (every entry ≥ 1)
 * @param groups the published groups, each as the indices of its cells
 */
export function auditPlan(
  counts: readonly number[],
  groups: readonly (readonly number[])[],
  k: number,
  budget = AUDIT_BUDGET,
): AuditResult {
  return allSteps(auditSteps(counts, groups, k, budget));
}

/** auditPlan a step at a time: it yields during the elimination and every few milliseconds of the search. */
export function* auditSteps(
  counts: readonly number[],
  groups: readonly (readonly number[])[],
  k: number,
  budget = AUDIT_BUDGET,
): Generator<void, AuditResult> {
  const width = counts.length;
  if (groups.length * width > MAX_AUDIT_ENTRIES) return { safe: false, cells: null };
  const matrix = groups.map((cells) => {
    const row = new Array<number>(width).fill(0);
    for (const c of cells) row[c] = 1;
    return row;
  });
  const space = yield* rowSpaceSteps(matrix, width);
  // Echelon rows whose pivot cell is small enough to be part of a small set, smallest first.
  const candidates = space.rows
    .map((row, i) => ({ row, n: at(counts, at(space.pivots, i, "pivots"), "counts") }))
    .filter((r) => r.n < k)
    .sort((a, b) => a.n - b.n);
  const sum = new Float64Array(width);
  let work = 0;

  /** The cells of `sum` when it is the indicator of a set of 1..k−1 respondents. */
  const smallSet = (): number[] | null => {
    work += width;
    const cells: number[] = [];
    let n = 0;
    for (let c = 0; c < width; c++) {
      const x = entry(sum, c);
      if (Math.abs(x) < TOLERANCE) continue;
      if (Math.abs(x - 1) >= TOLERANCE) return null;
      cells.push(c);
      n += at(counts, c, "counts");
      if (n >= k) return null;
    }
    return n > 0 ? cells : null;
  };

  const add = (row: Float64Array, sign: 1 | -1) => {
    work += width;
    for (let c = 0; c < width; c++) sum[c] = entry(sum, c) + sign * entry(row, c);
  };

  let yieldedAt = 0;
  function* search(start: number, total: number): Generator<void, AuditResult | null> {
    for (let i = start; i < candidates.length; i++) {
      const { row, n } = at(candidates, i, "candidates");
      if (total + n >= k) break; // sorted: every later candidate is at least as large
      if (work >= budget) return { safe: false, cells: null };
      if (work - yieldedAt >= WORK_PER_STEP) {
        yieldedAt = work;
        yield;
      }
      add(row, 1);
      const found = smallSet() ?? null;
      const deeper = found ? { safe: false as const, cells: found } : yield* search(i + 1, total + n);
      add(row, -1);
      if (deeper) return deeper;
    }
    return null;
  }

  return (yield* search(0, 0)) ?? { safe: true };
}
