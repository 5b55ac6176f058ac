/**
 * Method quality: Cronbach's alpha says whether a level's items measure one thing. It is
 * computed from running sums only — per item (n, Σx, Σx²) and per respondent level mean —
 * so it can be kept up to date on every submission without reading responses back.
 */
import jstat from "jstat";
import { LEVEL_IDS, type LevelId } from "./levels.js";
import { sampleVariance, type Sums } from "./statistics.js";

// jstat is CommonJS: Node's ESM loader sees only its default export.
const { jStat } = jstat;

/** Below this, a level's items do not hang together well enough to read its score as one thing. */
export const ALPHA_WARNING_BELOW = 0.7;

export type AlphaResult =
  | { alpha: number; items: number; n: number; warning: boolean }
  | { alpha: null; items: number; n: number; reason: "too_few_items" | "too_few_respondents" | "incomplete" | "no_variance" };

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

export interface ItemSums extends Sums {
  level: string;
}

/** Alpha for every level that has items, top-down, from item sums and the level's respondent-mean sums. */
export function levelReliability(items: readonly ItemSums[], levelMeans: (level: LevelId) => Sums | undefined): ({ level: LevelId } & AlphaResult)[] {
  return LEVEL_IDS.flatMap((level) => {
    const own = items.filter((i) => i.level === level);
    const means = levelMeans(level);
    if (own.length === 0 || !means) return [];
    return [{ level, ...cronbachAlpha(own, means) }];
  });
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
