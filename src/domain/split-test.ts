/**
 * "Divided": do staff fall into two camps on a level? Decided on the level's items jointly —
 * on the distribution of respondents' level means, where two camps that answer every item
 * differently stand out as two peaks with a dip between them, wherever on the scale they sit —
 * by the unimodality test of unimodality.ts against a critical value calibrated for the group's
 * size (split-calibration.ts), so that a one-peaked group of any size is called divided at most
 * SPLIT_TAIL of the time. A split counts only when each camp holds at least MIN_CAMP of the group:
 * a handful of dissenters is a minority, not a division. The same test on one item's answers says
 * which items carry the split. Pure.
 */
import { at } from "../lib/invariant.js";
import { CALIBRATED_N, CALIBRATED_POINTS, CRITICAL } from "./split-calibration.js";
import { campShares, rebin, unimodalityStatistic } from "./unimodality.js";

/** Below this many respondents nobody is called divided: two camps of two are not camps. */
const MIN_DIVIDED_N = 10;
/** Each camp holds at least this share of the group. */
const MIN_CAMP = 0.2;

/**
 * The calibrated critical value for a grid of `points` and n respondents: the nearest simulated grid
 * size; between two simulated group sizes the larger of their values (the statistic is discrete, so
 * interpolating could fall below the quantile of the size in between), beyond the last the last.
 */
export function criticalValue(points: number, n: number): number {
  let p = 0;
  CALIBRATED_POINTS.forEach((size, i) => {
    if (Math.abs(size - points) < Math.abs(at(CALIBRATED_POINTS, p, "grid sizes") - points)) p = i;
  });
  const row = at(CRITICAL, p, "critical values per grid size");
  const last = CALIBRATED_N.length - 1;
  if (n <= CALIBRATED_N[0]) return at(row, 0, "critical values");
  if (n >= at(CALIBRATED_N, last, "group sizes")) return at(row, last, "critical values");
  const i = CALIBRATED_N.findIndex((size) => size >= n);
  if (CALIBRATED_N[i] === n) return at(row, i, "critical values");
  return Math.max(at(row, i - 1, "critical values"), at(row, i, "critical values"));
}

export interface SplitResult {
  /** Two camps, each of at least MIN_CAMP. */
  split: boolean;
  /** The unimodality statistic G² and the critical value it was held against. */
  statistic: number;
  critical: number;
  /** The camps' shares (0–1) either side of the dip, when there is one. */
  camps: { low: number; high: number } | null;
}

/** Whether both camps are large enough to count: each holds at least MIN_CAMP of the group. */
const campsCount = (camps: { low: number; high: number } | null): camps is { low: number; high: number } =>
  camps !== null && camps.low >= MIN_CAMP && camps.high >= MIN_CAMP;

/** The test on a histogram over a grid of points (one item's 1–5, or a level's means in steps of 1/J). */
export function splitTest(grid: readonly number[]): SplitResult {
  const n = grid.reduce((a, b) => a + b, 0);
  const { counts, widths } = rebin(grid);
  const critical = criticalValue(grid.length, n);
  if (n < MIN_DIVIDED_N) return { split: false, statistic: 0, critical, camps: null };
  const statistic = unimodalityStatistic(counts, widths);
  const shares = campShares(counts, widths);
  const camps = shares && { low: shares.low, high: shares.high };
  const split = statistic > critical && campsCount(camps);
  return { split, statistic, critical, camps };
}

/**
 * The camps of a histogram that `splitTest` calls divided, else null: the same verdict, with the
 * camps' shares checked before the statistic, which is the costly part and decides nothing when a
 * camp is too small. A release's bootstrap asks this of every level of a hundred resamples per group.
 */
export function dividedCamps(grid: readonly number[]): { low: number; high: number } | null {
  const n = grid.reduce((a, b) => a + b, 0);
  if (n < MIN_DIVIDED_N) return null;
  const { counts, widths } = rebin(grid);
  const shares = campShares(counts, widths);
  if (!campsCount(shares)) return null;
  return unimodalityStatistic(counts, widths) > criticalValue(grid.length, n)
    ? { low: shares.low, high: shares.high }
    : null;
}

/** The index on a level's grid (0 … 4J) of a respondent's level mean over J items. */
export const gridIndex = (mean: number, items: number) =>
  Math.min(4 * items, Math.max(0, Math.round((mean - 1) * items)));
