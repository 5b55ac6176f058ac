/**
 * Trends across rounds: per level, the score of each round that reached k, and whether the
 * change between two rounds is real. A change is called only when it is both
 *
 * - significant after Holm–Bonferroni correction: Welch's t-test per level, and the p-values of
 *   all levels compared in the same step (the same pair of rounds) adjusted as one family, so
 *   seven tests per step do not give chance seven tries at p < .05; the first → latest comparisons
 *   (`overall`) are a family of their own; and
 * - at least MIN_MEANINGFUL_CHANGE points on the 0–100 scale: with a few hundred respondents a
 *   difference nobody would act on is significant too.
 *
 * Labels: `improved` / `declined` (both hold), `not_meaningful` (significant, but smaller than
 * the minimum), `no_significant_change` (not significant after correction, or no test possible),
 * `not_comparable` (the two rounds' instruments share too few items of the level: no step).
 *
 * Rounds on different instrument versions. An item is shared when both versions have an item of
 * that name on the same level (current state, not desired); a renamed or moved item is not
 * shared, whatever its wording. Then per level:
 * - the same version, or versions whose items of this level are the very same names: respondents'
 *   level means are the same quantity in both rounds, and the test runs on them (basis `level`);
 * - fewer than MIN_SHARED_ITEMS shared items: no step (`comparable: false`) — one question does
 *   not stand for a level;
 * - otherwise the level is compared on the shared items only (basis `shared_items`). The score on
 *   shared items is the mean of those items' means, from the release's answer distributions. It
 *   equals the mean of respondents' means over the shared items exactly when everyone answered
 *   every shared item (levels' items are required in the built-in instruments); with skipped items
 *   it weights each answer instead of each respondent.
 *   Respondents' means over only the shared items are not stored, so their SD is not known. The
 *   test takes an upper bound instead: the SD of a mean of items is at most the mean of the items'
 *   SDs (the SD of a sum is at most the sum of SDs, whatever the items' correlations), and the
 *   smallest item n as the number of respondents. Welch's test on that bound has a standard error
 *   at least the true one, so it is conservative: it may miss a real change, never calls chance
 *   one more often than its α. (At an inter-item correlation of .5, two items' bound overstates
 *   the SD by about 15%.) We chose this over no test at all: a change on shared items is still a
 *   question of chance, and a conservative answer is more use to a reader than none.
 */
import { at } from "../lib/invariant.js";
import { LEVEL_IDS, type LevelId } from "./levels.js";
import type { ItemDistribution } from "./release.js";
import { SCALE_MAX, SCALE_MIN, toPercentScore } from "./scoring.js";
import { holm, itemSums, mean, sampleSd, type Sums, welchTest } from "./statistics.js";

export const SIGNIFICANCE = 0.05;

/**
 * The smallest change, in points on the 0–100 scale, that is called improved or declined. Level
 * scores of individual staff typically have an SD of about 15 points (0.6 on the 1–5 scale); 5
 * points is a third of that, Cohen's d ≈ 0.3 — above his "small" effect of d = 0.2 and below
 * "medium" d = 0.5 (Cohen, Statistical Power Analysis for the Behavioral Sciences, 1988). Smaller
 * differences are within what rewording a question or a different season moves.
 */
export const MIN_MEANINGFUL_CHANGE = 5;

/** A level compared on fewer shared items than this between two instrument versions has no step. */
const MIN_SHARED_ITEMS = 2;

export interface Round {
  campaignId: string;
  title: string;
  /** Calendar date the round is placed on (YYYY-MM-DD). */
  date: string;
  n: number;
  k: number;
  /** The instrument version the round pinned. */
  instrument: { id: string; version: number };
  /** Per level: sums of respondents' level means on the 1–5 scale. */
  levels: Partial<Record<LevelId, Sums>>;
  /** Per level: the names of the instrument's current-state items. */
  levelItems: Partial<Record<LevelId, readonly string[]>>;
  /** Per item, what makes it the same question in another version (level, keying, wording); absent: the name alone. */
  wording?: Readonly<Record<string, string>>;
  /** By item name: the release's answer counts 1–5, after reverse-coding. */
  items: Readonly<Record<string, ItemDistribution>>;
}

export const TREND_LABELS = [
  "improved",
  "declined",
  "not_meaningful",
  "no_significant_change",
  "not_comparable",
] as const;
export type TrendLabel = (typeof TREND_LABELS)[number];

export interface TrendStep {
  from: string;
  to: string;
  /** False when the two rounds' instruments share fewer than MIN_SHARED_ITEMS items of the level. */
  comparable: boolean;
  reason: "too_few_shared_items" | null;
  /** What was compared: respondents' level means, or the items both versions share; null when not comparable. */
  basis: "level" | "shared_items" | null;
  /** With different instrument versions: the level's items both share (name and level); null with the same version. */
  sharedItems: string[] | null;
  /** Scores (0–100) on the basis compared; null when not comparable. */
  fromScore: number | null;
  toScore: number | null;
  /** Change in points on the 0–100 scale; null when not comparable. */
  change: number | null;
  /** Welch's two-sided p, raw; null without a test. */
  p: number | null;
  /** Holm-adjusted within the step's family; null without a test. */
  pAdjusted: number | null;
  label: TrendLabel;
}

export interface LevelTrend {
  level: LevelId;
  /** Each round's score on its own items of the level. */
  points: { campaignId: string; title: string; date: string; n: number; score: number }[];
  /** Between consecutive rounds. */
  steps: TrendStep[];
  /** First round against the latest, when there are more than two. */
  overall: TrendStep | null;
}

const POINTS_PER_UNIT = 100 / (SCALE_MAX - SCALE_MIN);

/** Sums standing in for respondents' means over the shared items: the mean of item means, and the conservative SD and n described above. */
export function sharedItemSums(distributions: readonly ItemDistribution[]): Sums {
  const items = distributions.map(itemSums);
  const n = Math.min(...items.map((i) => i.n));
  const m = items.reduce((acc, i) => acc + mean(i), 0) / items.length;
  const sd = items.reduce((acc, i) => acc + sampleSd(i), 0) / items.length;
  // Sums with exactly this n, mean and sample SD.
  return { n, sum: n * m, sumSq: (n - 1) * sd * sd + n * m * m };
}

const sameVersion = (a: Round, b: Round) =>
  a.instrument.id === b.instrument.id && a.instrument.version === b.instrument.version;
const answered = (counts: Readonly<ItemDistribution>) => counts.some((c) => c > 0);

/** A round with its sums of a level it measured. */
interface Measured {
  round: Round;
  sums: Sums;
}

/** The sums to compare a level on between two rounds that measured it, or why there is no step. */
function basisOf(
  { round: a, sums: aSums }: Measured,
  { round: b, sums: bSums }: Measured,
  level: LevelId,
):
  | { basis: "level"; a: Sums; b: Sums; shared: string[] | null }
  | { basis: "shared_items"; a: Sums; b: Sums; shared: string[] }
  | { basis: null; shared: string[] } {
  if (sameVersion(a, b)) return { basis: "level", a: aSums, b: bSums, shared: null };
  const inA = a.levelItems[level] ?? [];
  const inB = new Set(b.levelItems[level] ?? []);
  // The same question: same name and, where known, the same level, keying and wording.
  const shared = inA.filter((name) => inB.has(name) && (a.wording?.[name] ?? "") === (b.wording?.[name] ?? ""));
  if (shared.length > 0 && shared.length === inA.length && shared.length === inB.size)
    return { basis: "level", a: aSums, b: bSums, shared };
  // An item nobody answered in either round has no mean to compare.
  const usable = shared.flatMap((name) => {
    const inRoundA = a.items[name];
    const inRoundB = b.items[name];
    return inRoundA && inRoundB && answered(inRoundA) && answered(inRoundB) ? [{ name, a: inRoundA, b: inRoundB }] : [];
  });
  if (usable.length < MIN_SHARED_ITEMS) return { basis: null, shared };
  return {
    basis: "shared_items",
    a: sharedItemSums(usable.map((i) => i.a)),
    b: sharedItemSums(usable.map((i) => i.b)),
    shared: usable.map((i) => i.name),
  };
}

/** A step with its raw p; pAdjusted and the label are set once its family is known (adjust). */
function step(from: Measured, to: Measured, level: LevelId): TrendStep {
  const ends = { from: from.round.campaignId, to: to.round.campaignId };
  const compared = basisOf(from, to, level);
  if (compared.basis === null) {
    return {
      ...ends,
      comparable: false,
      reason: "too_few_shared_items",
      basis: null,
      sharedItems: compared.shared,
      fromScore: null,
      toScore: null,
      change: null,
      p: null,
      pAdjusted: null,
      label: "not_comparable",
    };
  }
  const test = welchTest(compared.a, compared.b);
  return {
    ...ends,
    comparable: true,
    reason: null,
    basis: compared.basis,
    sharedItems: compared.shared,
    fromScore: toPercentScore(mean(compared.a)),
    toScore: toPercentScore(mean(compared.b)),
    change: (mean(compared.b) - mean(compared.a)) * POINTS_PER_UNIT,
    p: test?.p ?? null,
    pAdjusted: null,
    label: "no_significant_change",
  };
}

/** The label of a comparable step from its change and Holm-adjusted p. */
function labelOf(change: number, pAdjusted: number | null): TrendLabel {
  if (pAdjusted === null || !(pAdjusted < SIGNIFICANCE)) return "no_significant_change";
  if (Math.abs(change) < MIN_MEANINGFUL_CHANGE) return "not_meaningful";
  return change > 0 ? "improved" : "declined";
}

/** Adjusts the tested steps of each family together (in place) and labels every comparable step. */
function adjust(steps: readonly TrendStep[], familyOf: (s: TrendStep) => string): void {
  const families = new Map<string, { step: TrendStep; p: number }[]>();
  for (const s of steps) {
    if (s.p === null) continue;
    const tested = { step: s, p: s.p };
    const family = families.get(familyOf(s));
    if (family) family.push(tested);
    else families.set(familyOf(s), [tested]);
  }
  for (const family of families.values()) {
    const adjusted = holm(family.map((t) => t.p));
    family.forEach((t, i) => (t.step.pAdjusted = at(adjusted, i, "Holm-adjusted p-values")));
  }
  for (const s of steps) if (s.comparable && s.change !== null) s.label = labelOf(s.change, s.pAdjusted);
}

/** Rounds below k are left out; the rest are ordered by date. Levels need two rounds to trend. */
export function levelTrends(rounds: readonly Round[]): LevelTrend[] {
  const usable = rounds.filter((r) => r.n >= r.k).sort((a, b) => a.date.localeCompare(b.date));
  const trends = LEVEL_IDS.flatMap((level): LevelTrend[] => {
    const measured = usable.flatMap((round): Measured[] => {
      const sums = round.levels[level];
      return sums && sums.n > 0 ? [{ round, sums }] : [];
    });
    const [first] = measured;
    const last = measured.at(-1);
    if (measured.length < 2 || !first || !last) return [];
    return [
      {
        level,
        points: measured.map(({ round, sums }) => ({
          campaignId: round.campaignId,
          title: round.title,
          date: round.date,
          n: sums.n,
          score: toPercentScore(mean(sums)),
        })),
        steps: measured.flatMap((to, i) => {
          const from = measured[i - 1];
          return from ? [step(from, to, level)] : [];
        }),
        overall: measured.length > 2 ? step(first, last, level) : null,
      },
    ];
  });
  // A step's family: the levels compared between the same pair of rounds.
  adjust(
    trends.flatMap((t) => t.steps),
    (s) => `${s.from}\u0000${s.to}`,
  );
  adjust(
    trends.flatMap((t) => (t.overall ? [t.overall] : [])),
    () => "overall",
  );
  return trends;
}
