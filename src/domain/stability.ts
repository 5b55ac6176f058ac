/**
 * How stable a group's start-here pick is: the share of bootstrap resamples of its respondents
 * (Efron & Tibshirani 1993) on which the flag-based pick comes out at the same level. A release
 * keeps a bounded reservoir of respondents per cell (Vitter's algorithm R) while it folds, and
 * resamples a group cell by cell in proportion to the cells' sizes — exact while no cell holds
 * more respondents than its reservoir, stratified beyond. Resamples are at most MAX_RESAMPLE
 * respondents; a larger group would only be steadier, so its share is a lower bound.
 */
import { at, defined, entry } from "../lib/invariant.js";
import type { Thresholds } from "./level-bars.js";
import { LEVEL_IDS, type LevelId } from "./levels.js";
import type { ItemDistribution } from "./release.js";
import { type AlphaResult, cronbachAlpha, itemsAlpha, measuredReliably } from "./reliability.js";
import { isLevelScoreItem, levelLayout, type ResponseScore, type ScoringKey } from "./scoring.js";
import { dividedCamps, gridIndex } from "./split-test.js";
import { assessLevel, INDICATIVE_BELOW, type LevelEvidence, pickFlagged } from "./start-here.js";
import { itemSums, type Sums } from "./statistics.js";

/**
 * Whether a group of `n` is resampled. Not below INDICATIVE_BELOW: its pick is already said to be
 * a pointer, not a finding, and resampling so few people adds little to that — while a large
 * structure publishes hundreds of such department × role cells, which took a hospital's release
 * from 4 to 12 seconds.
 */
export const resampled = (n: number): boolean => n >= INDICATIVE_BELOW;

/** Respondents kept per cell for resampling. */
export const RESERVOIR = 200;
/** Resamples per group: the share's standard error stays below 5 points. */
const RESAMPLES = 100;
/** Respondents per resample at most. */
const MAX_RESAMPLE = 500;

/** One respondent as resampling needs them: level means (NaN where absent) and current-state item answers (0 where absent). */
export interface Sampled {
  levels: Float64Array;
  items: Uint8Array;
}

export function sampled(key: ScoringKey, score: ResponseScore): Sampled {
  const levels = new Float64Array(LEVEL_IDS.length).fill(Number.NaN);
  LEVEL_IDS.forEach((id, i) => {
    const s = score.levels[id];
    if (s) levels[i] = s.mean;
  });
  const items = new Uint8Array(key.items.length);
  key.items.forEach((item, i) => (items[i] = score.values[item.name] ?? 0));
  return { levels, items };
}

/** A bounded uniform sample of a stream (algorithm R). */
export function createReservoir<T>(capacity: number, random: () => number) {
  const kept: T[] = [];
  let seen = 0;
  return {
    /** Offers the next element; `make` is called only when it is kept. */
    offer(make: () => T): void {
      seen += 1;
      if (kept.length < capacity) kept.push(make());
      else {
        const j = Math.floor(random() * seen);
        if (j < capacity) kept[j] = make();
      }
    },
    get seen() {
      return seen;
    },
    kept: kept as readonly T[],
  };
}

export interface Stratum {
  /** Respondents the stratum stands for. */
  n: number;
  sample: readonly Sampled[];
}

/**
 * Which items resampling counts — current-state level items a release publishes, each with its
 * place in the key (and so in a Sampled's items) — and each level's size.
 */
function itemLayout(key: ScoringKey, published?: ReadonlySet<string>) {
  const counted = key.items.flatMap((item, index) =>
    isLevelScoreItem(item) && (!published || published.has(item.name))
      ? [{ index, name: item.name, level: item.level }]
      : [],
  );
  // Each level's scored items (release.ts levelLayout), as places in the key.
  const place = new Map(key.items.map((item, index) => [item.name, index]));
  const levels = Object.entries(levelLayout(key)) as [LevelId, string[]][];
  const levelSize = new Map(levels.map(([level, names]) => [level, names.length]));
  const levelItems = new Map(
    levels.map(([level, names]) => [level, names.map((n) => defined(place.get(n), "a level item is in the key"))]),
  );
  return { counted, levelSize, levelItems };
}

/**
 * Alpha over the rows that answered every item of the level (published or not), as a release
 * computes it for a level with a "not applicable" answer: null below `min` such rows.
 */
function completeRowsAlpha(rows: readonly Sampled[], indices: readonly number[], min: number): AlphaResult | null {
  const items = indices.map(() => ({ n: 0, sum: 0, sumSq: 0 }));
  const means = { n: 0, sum: 0, sumSq: 0 };
  for (const row of rows) {
    if (indices.some((i) => entry(row.items, i) === 0)) continue;
    let total = 0;
    indices.forEach((i, j) => {
      const v = entry(row.items, i);
      const s = at(items, j, "item sums");
      s.n += 1;
      s.sum += v;
      s.sumSq += v * v;
      total += v;
    });
    const m = total / indices.length;
    means.n += 1;
    means.sum += m;
    means.sumSq += m * m;
  }
  return means.n >= min && means.n > 0 ? cronbachAlpha(items, means) : null;
}

/** Alpha of a level's published items over the rows (everyone answered them), from their products. */
function publishedItemsAlpha(
  rows: readonly Sampled[],
  published: readonly { index: number; name: string }[],
  items: readonly { name: string; counts: ItemDistribution }[],
): AlphaResult | null {
  const index = new Map(published.map((p) => [p.name, p.index]));
  const cross = (a: string, b: string) => {
    const ia = index.get(a);
    const ib = index.get(b);
    if (ia === undefined || ib === undefined) return undefined;
    let total = 0;
    for (const row of rows) total += entry(row.items, ia) * entry(row.items, ib);
    return total;
  };
  return itemsAlpha(
    items.map((i) => ({ name: i.name, sums: itemSums(i.counts) })),
    cross,
  );
}

/**
 * The level evidence of a set of sampled respondents, counting only the items a release publishes
 * (answered by everyone), as the group's own pick does: the same sums, item counts, grid of level
 * means and — for a level with an unpublished item — alpha over complete respondents, at least
 * `minComplete` of them (none when null).
 */
export function evidenceOf(
  key: ScoringKey,
  rows: readonly Sampled[],
  published?: ReadonlySet<string>,
  minComplete: number | null = 0,
  layout = itemLayout(key, published),
): LevelEvidence[] {
  const { counted, levelSize, levelItems } = layout;
  const levels = LEVEL_IDS.map((id, index) => {
    const size = levelSize.get(id) ?? 0;
    return { id, index, size, sums: { n: 0, sum: 0, sumSq: 0 } as Sums, grid: new Array<number>(4 * size + 1).fill(0) };
  });
  const tallies = counted.map((item) => ({ ...item, counts: [0, 0, 0, 0, 0] as ItemDistribution }));
  for (const row of rows) {
    for (const { index, sums, size, grid } of levels) {
      const v = entry(row.levels, index);
      if (Number.isNaN(v)) continue;
      sums.n += 1;
      sums.sum += v;
      sums.sumSq += v * v;
      if (size > 0) {
        const g = gridIndex(v, size);
        grid[g] = at(grid, g, "a level's grid") + 1;
      }
    }
    for (const { index, counts } of tallies) {
      const v = entry(row.items, index);
      if (v > 0) counts[v - 1] = at(counts, v - 1, "answer counts (1–5)") + 1;
    }
  }
  return levels.flatMap(({ id, sums, size, grid }) => {
    if (sums.n === 0) return [];
    const items = tallies.flatMap((t) =>
      t.level === id && t.counts.some((c) => c > 0) ? [{ name: t.name, counts: t.counts }] : [],
    );
    const complete = items.length === size;
    // As the group's own evidence (report.ts levelEvidence): the round's alpha over complete
    // respondents when they are at least k, else — and in any other group — over the published items.
    const alpha =
      complete || minComplete === null ? null : completeRowsAlpha(rows, levelItems.get(id) ?? [], minComplete);
    const partialAlpha =
      complete || alpha
        ? null
        : publishedItemsAlpha(
            rows,
            counted.filter((c) => c.level === id),
            items,
          );
    const camps = size > 0 ? dividedCamps(grid) : null;
    return [
      {
        id,
        sums,
        items,
        complete,
        ...(alpha ? { alpha } : {}),
        ...(partialAlpha ? { partialReliable: measuredReliably(partialAlpha) } : {}),
        ...(camps ? { camps } : {}),
      },
    ];
  });
}

export interface BootstrapOptions {
  /** The items a release publishes (answered by everyone); all current-state items when absent. */
  published?: ReadonlySet<string>;
  resamples?: number;
  /**
   * Complete respondents needed for alpha of a level with an unpublished item: the round's k for
   * the round, as the release computes it; null for every other group, where the release computes
   * none (such a level is then not measured reliably, in the resamples as in the group).
   */
  minComplete?: number | null;
}

/**
 * The flag-based pick of each of `resamples` bootstrap resamples (a level, or null for "nothing
 * flagged"), one at a time: a caller can give other work a turn between them. Strata are the
 * group's cells; each draw picks a cell by its size, then a respondent of its sample. Nothing when
 * the strata hold fewer than two respondents.
 */
export function* bootstrapPicks(
  key: ScoringKey,
  strata: readonly Stratum[],
  thresholds: Thresholds,
  random: () => number,
  { published, resamples = RESAMPLES, minComplete = 0 }: BootstrapOptions = {},
): Generator<LevelId | null> {
  const usable = strata.filter((s) => s.n > 0 && s.sample.length > 0);
  const total = usable.reduce((a, s) => a + s.n, 0);
  if (total < 2) return;
  const size = Math.min(total, MAX_RESAMPLE);
  const cumulative: number[] = [];
  usable.reduce((acc, s) => (cumulative.push(acc + s.n), acc + s.n), 0);
  const rows: Sampled[] = new Array(size);
  const layout = itemLayout(key, published);
  for (let b = 0; b < resamples; b++) {
    for (let r = 0; r < size; r++) {
      const { sample } = at(usable, stratumAt(cumulative, random() * total), "strata");
      rows[r] = at(sample, Math.floor(random() * sample.length), "a stratum's sample");
    }
    yield (
      pickFlagged(evidenceOf(key, rows, published, minComplete, layout).map((e) => assessLevel(e, thresholds)))
        ?.level ?? null
    );
  }
}

/** The share of resamples whose pick is `reference`; null when there is nothing to resample. */
export function stabilityShare(picks: Iterable<LevelId | null>, reference: LevelId | null): number | null {
  let all = 0;
  let same = 0;
  for (const pick of picks) {
    all += 1;
    if (pick === reference) same += 1;
  }
  return all === 0 ? null : same / all;
}

/** Bootstrap stability in one go (see bootstrapPicks). */
export function bootstrapStability(
  key: ScoringKey,
  strata: readonly Stratum[],
  reference: LevelId | null,
  thresholds: Thresholds,
  random: () => number,
  resamples = RESAMPLES,
): number | null {
  return stabilityShare(bootstrapPicks(key, strata, thresholds, random, { resamples }), reference);
}

/** A group's flag-based pick from its own figures: what its resamples are compared with. */
export const referencePick = (evidence: readonly LevelEvidence[], thresholds: Thresholds): LevelId | null =>
  pickFlagged(evidence.map((e) => assessLevel(e, thresholds)))?.level ?? null;

/** The first stratum whose cumulative size exceeds `u` (binary search). */
function stratumAt(cumulative: readonly number[], u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(cumulative, mid, "cumulative sizes") <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
