/**
 * Method quality: Cronbach's alpha says whether a level's items measure one thing. It is
 * computed from running sums only — per item (n, Σx, Σx²) and per respondent level mean —
 * so it can be kept up to date on every submission without reading responses back.
 */
import jstat from "jstat";

import { defined } from "../lib/invariant.js";
import { sampleVariance, type Sums } from "./statistics.js";

// jstat is CommonJS: Node's ESM loader sees only its default export.
const { jStat } = jstat;

/** Below this, a level's items do not hang together well enough to read its score as one thing. */
export const ALPHA_WARNING_BELOW = 0.7;

export type AlphaResult =
  | { alpha: number; items: number; n: number; warning: boolean }
  | {
      alpha: null;
      items: number;
      n: number;
      reason: "too_few_items" | "too_few_respondents" | "incomplete" | "no_variance";
    };

/**
 * α = m/(m−1) · (1 − Σ var(item) / var(total)), where the total is the sum of the m items.
 * Each respondent's level mean is that total divided by m, so var(total) = m² · var(mean).
 * That identity holds only when every respondent answered every item of the level, so items
 * answered by fewer respondents than the level make the result "incomplete".
 */
export function cronbachAlpha(items: readonly Sums[], levelMeans: Sums): AlphaResult {
  const m = items.length;
  const n = levelMeans.n;
  if (m < 2) return { alpha: null, items: m, n, reason: "too_few_items" };
  if (n < 3) return { alpha: null, items: m, n, reason: "too_few_respondents" };
  if (items.some((item) => item.n !== n)) return { alpha: null, items: m, n, reason: "incomplete" };
  const totalVariance = m * m * sampleVariance(levelMeans);
  if (totalVariance === 0) return { alpha: null, items: m, n, reason: "no_variance" };
  const itemVariance = items.reduce((acc, item) => acc + sampleVariance(item), 0);
  const alpha = (m / (m - 1)) * (1 - itemVariance / totalVariance);
  return { alpha, items: m, n, warning: alpha < ALPHA_WARNING_BELOW };
}

/**
 * Feldt's (1965) 95% confidence interval of Cronbach's alpha, for n respondents and m items:
 * 1 − (1 − α)·F, with F the 2.5% and 97.5% points of F(n − 1, (n − 1)(m − 1)).
 */
export function alphaInterval(alpha: number, n: number, m: number): [number, number] {
  const df1 = n - 1;
  const df2 = (n - 1) * (m - 1);
  const F = (p: number) => jStat.centralF.inv(p, df1, df2);
  return [1 - (1 - alpha) * F(0.975), 1 - (1 - alpha) * F(0.025)];
}

/**
 * Alpha of a set of items everyone in a group answered, from each item's sums and the sums of
 * products of every two of them (`cross`, Σ a·b over the group): the variance of their total is the
 * sum of their variances and twice their covariances. Null when a product is not known.
 */
export function itemsAlpha(
  items: readonly { name: string; sums: Sums }[],
  cross: (a: string, b: string) => number | undefined,
): AlphaResult | null {
  const m = items.length;
  const n = items[0]?.sums.n ?? 0;
  if (m < 2) return { alpha: null, items: m, n, reason: "too_few_items" };
  if (n < 3) return { alpha: null, items: m, n, reason: "too_few_respondents" };
  if (items.some((i) => i.sums.n !== n)) return { alpha: null, items: m, n, reason: "incomplete" };
  const itemVariance = items.reduce((acc, i) => acc + sampleVariance(i.sums), 0);
  let covariance = 0;
  for (const [i, a] of items.entries())
    for (const b of items.slice(i + 1)) {
      const ab = cross(a.name, b.name);
      if (ab === undefined) return null;
      covariance += (ab - (a.sums.sum * b.sums.sum) / n) / (n - 1);
    }
  const totalVariance = itemVariance + 2 * covariance;
  if (totalVariance <= 1e-12) return { alpha: null, items: m, n, reason: "no_variance" };
  const alpha = (m / (m - 1)) * (1 - itemVariance / totalVariance);
  return { alpha, items: m, n, warning: alpha < ALPHA_WARNING_BELOW };
}

/** A level whose items hang together less than this (Cronbach's α) is not measured reliably in the group. */
const MIN_RELIABILITY = 0.5;

/** The quality gate's α part (start-here.ts): high enough and surely above zero. A missing α never passes. */
export function measuredReliably(r: AlphaResult | null): boolean {
  if (r === null || r.alpha === null) return false;
  return r.alpha >= MIN_RELIABILITY && alphaLowerBound(r.alpha, r.n, r.items) > 0;
}

/** The one-sided 95% lower bound of alpha (Feldt): above 0, the items measure something in common. */
function alphaLowerBound(alpha: number, n: number, m: number): number {
  return 1 - (1 - alpha) * jStat.centralF.inv(0.95, n - 1, (n - 1) * (m - 1));
}

/**
 * Per level, over the respondents who answered every one of its items (none "not applicable"):
 * n, Σ and Σ² of their level means, and Σ and Σ² per item. Cronbach's alpha needs one set of
 * people for all items; with "not applicable" offered, that is this set. Kept only in memory while
 * a release folds: what is stored is the alpha it gives, never these sums of a subset.
 */
export interface CompleteSums {
  n: number;
  sum: number;
  sumSq: number;
  items: Record<string, [sum: number, sumSq: number]>;
}

/** Adds one respondent's values to the complete-respondent sums of every level they answered in full. */
export function addComplete(
  into: Record<string, CompleteSums>,
  levelItems: readonly (readonly [level: string, names: readonly string[]])[],
  values: Readonly<Record<string, number>>,
): void {
  // Called once per response of a release: no allocation on the way (a million responses).
  levels: for (const [level, names] of levelItems) {
    if (names.length === 0) continue;
    let total = 0;
    for (const name of names) {
      const v = values[name];
      if (v === undefined) continue levels;
      total += v;
    }
    const acc = (into[level] ??= { n: 0, sum: 0, sumSq: 0, items: {} });
    const mean = total / names.length;
    acc.n += 1;
    acc.sum += mean;
    acc.sumSq += mean * mean;
    for (const name of names) {
      const v = defined(values[name], "an answer to every item of the level, checked above");
      const item = (acc.items[name] ??= [0, 0]);
      item[0] += v;
      item[1] += v ** 2;
    }
  }
}

/** Adds complete-respondent sums of disjoint groups (in place). */
export function mergeComplete(
  into: Record<string, CompleteSums>,
  from: Readonly<Record<string, CompleteSums>>,
): Record<string, CompleteSums> {
  for (const [level, c] of Object.entries(from)) {
    const acc = (into[level] ??= { n: 0, sum: 0, sumSq: 0, items: {} });
    acc.n += c.n;
    acc.sum += c.sum;
    acc.sumSq += c.sumSq;
    for (const [name, [s, ss]] of Object.entries(c.items)) {
      const item = (acc.items[name] ??= [0, 0]);
      item[0] += s;
      item[1] += ss;
    }
  }
  return into;
}

/** Alpha per level from complete-respondent sums, for levels where at least `min` respondents answered every item. */
export function completeAlpha(
  complete: Readonly<Record<string, CompleteSums>>,
  min: number,
): Record<string, AlphaResult> {
  return Object.fromEntries(
    Object.entries(complete).flatMap(([level, c]) =>
      c.n < min
        ? []
        : [
            [
              level,
              cronbachAlpha(
                Object.values(c.items).map(([sum, sumSq]) => ({ n: c.n, sum, sumSq })),
                { n: c.n, sum: c.sum, sumSq: c.sumSq },
              ),
            ],
          ],
    ),
  );
}
