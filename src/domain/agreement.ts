/**
 * Agreement within a group, from the answer counts of its items (1–5): how far staff agree. All a
 * release keeps per item is its answer distribution, so every measure here works from counts.
 *
 * - rwg and rwg(J) (James, Demaree & Wolf 1984): observed variance against the variance of
 *   answers given at random (a uniform null, σ²EU = (A² − 1) / 12 = 2 for five options);
 *   1 is full agreement, 0 no more than chance. Values are truncated to [0, 1] when the observed
 *   variance exceeds the null (LeBreton & Senter 2008).
 * - AD (Burke, Finkelstein & Dusig 1999): mean absolute deviation from the item mean, in scale
 *   points; above c / 6 (0.83 for five options) agreement is lacking.
 *
 * Whether a disagreement is two camps is decided elsewhere (split-test.ts): these indices are
 * descriptive figures for consultants.
 */
import type { ItemDistribution } from "./release.js";

/** Answer options of every scored item (1–5). */
const OPTIONS = 5;

/** The variance of answers given uniformly at random over the options. */
export const NULL_VARIANCE = (OPTIONS * OPTIONS - 1) / 12;

export interface ItemMoments {
  n: number;
  mean: number;
  /** Sample variance (n − 1). */
  variance: number;
}

export function itemMoments(counts: Readonly<ItemDistribution>): ItemMoments {
  let n = 0;
  let sum = 0;
  counts.forEach((c, i) => {
    n += c;
    sum += c * (i + 1);
  });
  if (n === 0) return { n, mean: Number.NaN, variance: 0 };
  const mean = sum / n;
  let ss = 0;
  counts.forEach((c, i) => (ss += c * (i + 1 - mean) ** 2));
  return { n, mean, variance: n > 1 ? ss / (n - 1) : 0 };
}

/** Single-item rwg: 1 − s² / σ²EU, truncated to [0, 1]. */
export function rwg(variance: number): number {
  return Math.min(1, Math.max(0, 1 - variance / NULL_VARIANCE));
}

/** rwg(J) over the items of one scale, from their sample variances; null without items. */
export function rwgJ(variances: readonly number[]): number | null {
  const j = variances.length;
  if (j === 0) return null;
  const ratio = variances.reduce((a, b) => a + b, 0) / j / NULL_VARIANCE;
  if (ratio >= 1) return 0;
  const shared = j * (1 - ratio);
  return shared / (shared + ratio);
}

/** Average deviation from the item mean (ADM), in scale points. */
export function averageDeviation(counts: Readonly<ItemDistribution>): number {
  const { n, mean } = itemMoments(counts);
  if (n === 0) return 0;
  let total = 0;
  counts.forEach((c, i) => (total += c * Math.abs(i + 1 - mean)));
  return total / n;
}
