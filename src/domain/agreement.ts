/**
 * Agreement within a group, from the answer counts of its items (1–5): how far staff agree, and
 * whether a disagreement is two camps rather than noise. All a release keeps per item is its
 * answer distribution, so every measure here works from counts.
 *
 * - rwg and rwg(J) (James, Demaree & Wolf 1984): observed variance against the variance of
 *   answers given at random (a uniform null, σ²EU = (A² − 1) / 12 = 2 for five options);
 *   1 is full agreement, 0 no more than chance. Values are truncated to [0, 1] when the observed
 *   variance exceeds the null (LeBreton & Senter 2008).
 * - AD (Burke, Finkelstein & Dusig 1999): mean absolute deviation from the item mean, in scale
 *   points; above c / 6 (0.83 for five options) agreement is lacking.
 * - The bimodality coefficient (SAS; Pfister et al. 2013): (skewness² + 1) over the kurtosis with
 *   small-sample corrections; an even spread over the five options scores 1/1.7 ≈ 0.59 (a
 *   continuous uniform 5/9), a two-peaked one more. It also rises with skew alone, so a split
 *   needs two camps of size as well.
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

/** The bimodality coefficient with small-sample skewness and kurtosis; null below four answers or without spread. */
export function bimodalityCoefficient(counts: Readonly<ItemDistribution>): number | null {
  const { n, mean } = itemMoments(counts);
  if (n < 4) return null;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  counts.forEach((c, i) => {
    const d = i + 1 - mean;
    m2 += c * d * d;
    m3 += c * d ** 3;
    m4 += c * d ** 4;
  });
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 === 0) return null;
  const g1 = m3 / m2 ** 1.5;
  const g2 = m4 / (m2 * m2) - 3;
  const skew = (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
  const kurtosis = (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
  return (skew * skew + 1) / (kurtosis + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
}

/** Shares (0–1) of answers on the disagreeing side (1–2) and on the agreeing side (4–5). */
export function camps(counts: Readonly<ItemDistribution>): { low: number; high: number } {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return { low: 0, high: 0 };
  return { low: (counts[0] + counts[1]) / n, high: (counts[3] + counts[4]) / n };
}
