/**
 * Trends across rounds: per level, the score of each round that reached k, and whether the
 * change between rounds is more than chance (Welch's t-test on respondents' level means).
 * Rounds on different instruments stay comparable because only level scores are compared.
 */
import { LEVEL_IDS, type LevelId } from "./levels.js";
import { toPercentScore, SCALE_MAX, SCALE_MIN } from "./scoring.js";
import { mean, welchTest, type Sums } from "./statistics.js";

export const SIGNIFICANCE = 0.05;

export interface Round {
  campaignId: string;
  title: string;
  /** Calendar date the round is placed on (YYYY-MM-DD). */
  date: string;
  n: number;
  k: number;
  /** Per level: sums of respondents' level means on the 1–5 scale. */
  levels: Partial<Record<LevelId, Sums>>;
}

export type TrendLabel = "improved" | "declined" | "no_significant_change";

export interface TrendStep {
  from: string;
  to: string;
  /** Change in points on the 0–100 scale. */
  change: number;
  p: number | null;
  label: TrendLabel;
}

export interface LevelTrend {
  level: LevelId;
  points: { campaignId: string; title: string; date: string; n: number; score: number }[];
  /** Between consecutive rounds. */
  steps: TrendStep[];
  /** First round against the latest, when there are more than two. */
  overall: TrendStep | null;
}

const POINTS_PER_UNIT = 100 / (SCALE_MAX - SCALE_MIN);

function step(from: Round, to: Round, level: LevelId): TrendStep {
  const a = from.levels[level]!;
  const b = to.levels[level]!;
  const test = welchTest(a, b);
  const change = (mean(b) - mean(a)) * POINTS_PER_UNIT;
  const label: TrendLabel = test && test.p < SIGNIFICANCE ? (change > 0 ? "improved" : "declined") : "no_significant_change";
  return { from: from.campaignId, to: to.campaignId, change, p: test?.p ?? null, label };
}

/** Rounds below k are left out; the rest are ordered by date. Levels need two rounds to trend. */
export function levelTrends(rounds: readonly Round[]): LevelTrend[] {
  const usable = rounds.filter((r) => r.n >= r.k).sort((a, b) => a.date.localeCompare(b.date));
  return LEVEL_IDS.flatMap((level) => {
    const measured = usable.filter((r) => (r.levels[level]?.n ?? 0) > 0);
    if (measured.length < 2) return [];
    const steps = measured.slice(1).map((to, i) => step(measured[i]!, to, level));
    return [
      {
        level,
        points: measured.map((r) => ({ campaignId: r.campaignId, title: r.title, date: r.date, n: r.levels[level]!.n, score: toPercentScore(mean(r.levels[level]!)) })),
        steps,
        overall: measured.length > 2 ? step(measured[0]!, measured.at(-1)!, level) : null,
      },
    ];
  });
}
