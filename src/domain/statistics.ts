/**
 * Group statistics from running sums (n, Σx, Σx²), which is all the aggregates keep:
 * mean, sample SD and a 95% confidence interval from Student's t (jstat).
 */
import jstat from "jstat";

// jstat is CommonJS: Node's ESM loader sees only its default export.
const { jStat } = jstat;

export interface Sums {
  n: number;
  sum: number;
  sumSq: number;
}

export interface ItemCounts {
  items: number;
  favourable: number;
  unfavourable: number;
}

export const ZERO_SUMS: Sums = { n: 0, sum: 0, sumSq: 0 };

export function addSums(a: Sums, b: Sums): Sums {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq };
}

export function mean({ n, sum }: Sums): number {
  return n > 0 ? sum / n : Number.NaN;
}

/** Sample standard deviation; 0 for a single value. Guarded against tiny negative rounding. */
export function sampleSd({ n, sum, sumSq }: Sums): number {
  if (n < 2) return 0;
  const variance = (sumSq - (sum * sum) / n) / (n - 1);
  return Math.sqrt(Math.max(0, variance));
}

/** Two-sided 95% confidence interval of the mean, on the same scale as the values. */
export function confidenceInterval95(sums: Sums): [number, number] {
  const m = mean(sums);
  if (sums.n < 2) return [m, m];
  const half = jStat.studentt.inv(0.975, sums.n - 1) * (sampleSd(sums) / Math.sqrt(sums.n));
  return [m - half, m + half];
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
