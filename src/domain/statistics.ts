/**
 * Group statistics from running sums (n, Σx, Σx²), which is all a release keeps per group:
 * mean, sample SD, a 95% confidence interval from Student's t and Welch's two-sample t-test (jstat).
 */
import jstat from "jstat";

import { defined } from "../lib/invariant.js";

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

/**
 * Adds every counter of `from` into `into`, in place, and returns it: sums of disjoint groups
 * add up. Reports and releases combine hundreds of cells this way per read.
 */
export function addCounters<T extends object>(into: T, from: T): T {
  const acc = into as unknown as Record<string, number>;
  for (const [key, value] of Object.entries(from as unknown as Record<string, number>))
    acc[key] = defined(acc[key], "both sets of counters have the same fields") + value;
  return into;
}

/** A copy of some counters to add into, leaving the original as it was. */
export const copyCounters = <T extends object>(counters: T): T =>
  (Array.isArray(counters) ? [...counters] : { ...counters }) as T;

/**
 * Adds each keyed entry of `from` into the map: an entry it has not yet is copied, one it has is
 * added to — by `add`, which a hot path may give as a function that names its fields.
 */
export function addEntries<T extends object>(
  into: Map<string, T>,
  from: Readonly<Record<string, T>>,
  add: (into: T, from: T) => void = addCounters,
): void {
  for (const [id, counters] of Object.entries(from)) {
    const acc = into.get(id);
    if (acc) add(acc, counters);
    else into.set(id, copyCounters(counters));
  }
}

export function mean({ n, sum }: Sums): number {
  return n > 0 ? sum / n : Number.NaN;
}

/** Sample variance; 0 for a single value. Guarded against tiny negative rounding. */
export function sampleVariance({ n, sum, sumSq }: Sums): number {
  if (n < 2) return 0;
  return Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
}

/** Sample standard deviation; 0 for a single value. */
export function sampleSd(sums: Sums): number {
  return Math.sqrt(sampleVariance(sums));
}

/** Two-sided 95% confidence interval of the mean, on the same scale as the values. */
export function confidenceInterval95(sums: Sums): [number, number] {
  const m = mean(sums);
  if (sums.n < 2) return [m, m];
  const half = jStat.studentt.inv(0.975, sums.n - 1) * (sampleSd(sums) / Math.sqrt(sums.n));
  return [m - half, m + half];
}

/**
 * `value` to `digits` decimals. A mean that lies on a half (48.75) comes out of a sum a hair above
 * or below it depending on the order its values were added (a release reads responses in the order
 * of their random ids): it is taken at 12 significant digits first, so it rounds the same way each time.
 */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(Number((value * f).toPrecision(12))) / f;
}

export interface WelchResult {
  /** Difference of means, b − a, on the values' scale. */
  difference: number;
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
}

/**
 * Welch's t-test for two independent groups with possibly unequal variances, from their running
 * sums only. Null when either group has fewer than two values or both have no spread.
 */
export function welchTest(a: Sums, b: Sums): WelchResult | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = sampleVariance(a) / a.n;
  const vb = sampleVariance(b) / b.n;
  const se2 = va + vb;
  if (se2 === 0) return null;
  const difference = mean(b) - mean(a);
  const t = difference / Math.sqrt(se2);
  // Welch–Satterthwaite degrees of freedom.
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const p = 2 * (1 - jStat.studentt.cdf(Math.abs(t), df));
  return { difference, t, df, p: Math.min(1, Math.max(0, p)) };
}

/**
 * Holm–Bonferroni step-down adjustment of a family of p-values, returned in the given order:
 * the i-th smallest of m is multiplied by (m − i + 1), capped at 1, and never allowed below the
 * adjusted value before it. Rejecting where the adjusted p is below α keeps the chance of any
 * false call in the family at most α, and rejects at least what Bonferroni (every p × m) would.
 */
export function holm(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ value, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * value));
    adjusted[index] = running;
  });
  return adjusted;
}

/** An item's n, Σx and Σx² from its answer counts. */
export function itemSums(counts: readonly number[]): Sums {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  counts.forEach((c, i) => {
    const v = i + 1;
    n += c;
    sum += c * v;
    sumSq += c * v * v;
  });
  return { n, sum, sumSq };
}
