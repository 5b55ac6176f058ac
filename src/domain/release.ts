/**
 * A round's release: everything its reports need, folded once from all its scored responses
 * when the round closes, per cell (department × role × tenure) and for the whole round. Because
 * the fold sees every response, it keeps what running sums per submission never could: each
 * item's answer distribution and, per pair of levels (and per level with the 0–10 outcome), the
 * cross-products a correlation needs.
 * Pure: storage pages responses in, this folds them.
 */
import { at } from "../lib/invariant.js";
import { allSteps } from "../lib/steps.js";
import { type AnsweredItems, type PatternCell, patternKey } from "./answered-items.js";
import { carelessScreen } from "./careless.js";
import { type CellKey, type Conditions, type CountedCell } from "./disclosure.js";
import type { DisclosurePlan, GroupKey } from "./disclosure-plan.js";
import { type ClimateScale, factorGroupHits } from "./factors.js";
import { concentratedVariables, type JointVariable, spreadPairs } from "./joint-figures.js";
import type { Thresholds } from "./level-bars.js";
import { LEVEL_IDS, type LevelId } from "./levels.js";
import { addComplete, type AlphaResult, type CompleteSums, itemsAlpha, measuredReliably } from "./reliability.js";
import type { ScaleSums } from "./report.js";
import {
  isCurrentItem,
  levelLayout,
  OUTCOME_MAX,
  OUTCOME_MIN,
  RELEASE_PREFIX,
  type ResponseScore,
  type ScaleScore,
  type ScoringKey,
} from "./scoring.js";
import { dividedCamps, gridIndex } from "./split-test.js";
import { createReservoir, RESERVOIR, type Sampled, sampled } from "./stability.js";
import { addCounters, copyCounters, itemSums } from "./statistics.js";
import { decodeScore } from "./stored-score.js";

/** Counts of the answers 1–5 (after reverse-coding) to one item. */
export type ItemDistribution = [number, number, number, number, number];

/** Over respondents with both levels (or a level and the outcome): n, Σa, Σb, Σa², Σb², Σab of their level means (and outcomes). */
export interface PairSums {
  n: number;
  a: number;
  b: number;
  aa: number;
  bb: number;
  ab: number;
}

export interface ReleaseStats {
  n: number;
  /** By scale id: a level id, "desired:<level>", "climate:<scale>" or "facet:<facet>". */
  scales: Record<string, ScaleSums>;
  /** By factor id or "group:<name>": how many chose it, and how many said it weighed most. */
  factors: Record<string, { chosen: number; most: number }>;
  /** By item name. */
  items: Record<string, ItemDistribution>;
  /**
   * By "upper|lower" level pair, upper first in the method's order; and by "<level>|outcome". A
   * release keeps them for the round only, without the variables in `concentrated` (joint-figures.ts).
   */
  pairs: Record<string, PairSums>;
  /** The round's variables too concentrated to be paired (joint-figures.ts); absent in releases made before. */
  concentrated?: JointVariable[];
  /**
   * How many answered 0, 1, … 10 to the outcome item (length 11). Absent when the instrument has
   * no outcome item — and in releases stored before it existed.
   */
  outcome?: number[];
  /** A published group's bootstrapped pick (stability.ts); set once the plan is known, never summed. */
  stability?: StoredStability;
  /** A published group's alpha per level, over those who answered all of the level's items; set once the plan is known, never summed. */
  alpha?: Record<string, AlphaResult>;
  /**
   * By level: how many respondents' level means fall on each step of the level's grid (1 to 5 in
   * steps of 1/J, J its items): what the two-camps test reads (split-test.ts) — in memory only,
   * while a release folds. Stored, the finer points would single people out (a count of one that
   * several groups share, or a rounding residual that marks an n/a answer), so it never is.
   */
  grids?: Record<string, number[]>;
  /**
   * A published group's levels on which respondents fall into two camps (split-test.ts), with each
   * camp's share in whole percent: all a release keeps of the grids. Absent in releases made before.
   */
  splits?: Record<string, { lowPct: number; highPct: number }>;
  /**
   * By level: for each two of its scored items a, b (levelLayout's order, a first), Σ of the
   * product of their answers over respondents who answered both, at `pairSlot` (read it with
   * `itemProduct`) — in memory only, while a release folds. With
   * the items' counts it gives alpha of a level's published items (`partialReliable`); stored, it
   * would pair one rare answer to an item with that person's answer to another, so it never is.
   */
  itemPairs?: Record<string, number[]>;
  /**
   * A published group's levels whose items someone answered "not applicable": whether alpha over the
   * level's published items, which everyone in the group answered, passes the quality gate
   * (reliability.ts measuredReliably). Only the outcome: a two-item alpha's value would give the
   * items' product sum. Set once the plan is known, never summed.
   */
  partialReliable?: Record<string, boolean>;
}

/**
 * The version of the start-here rule (start-here.ts): a stored stability counts only for a pick made
 * by the same rule. 2: the quality gate and the calibrated two-camps test (#24).
 */
export const PICK_RULE = 2;

/** How often resamples of a group repeated its flag-based pick, under the bars it was made with. */
export interface StoredStability extends Thresholds {
  level: LevelId | null;
  /** 0–1. */
  share: number;
  /** The version of the pick rule it was made under (PICK_RULE); absent before versions were kept. */
  rule?: number;
}

export interface ReleaseCell extends CellKey, ReleaseStats {}

export interface ReleaseTotals extends ReleaseStats {
  /** The current-state items of each level, by name: what Cronbach's alpha groups on. */
  itemLevels: Record<string, LevelId>;
  /** The facet of each current-state item that has one (e.g. "belief"), by name. */
  itemFacets?: Record<string, string>;
  /** Per desired-state item, the current-state item whose wording it repeats. */
  itemMirrors?: Record<string, string>;
  /** Current-state items kept out of their level's score (instrument v4's perceived agreement and telephone probe): reported, not scored. */
  unscored?: string[];
  /**
   * The bars the round's levels were judged against, frozen at the release (level-bars.ts): the
   * round's one bar, or per level from the consultant's norms. Absent in releases made before.
   */
  thresholds?: Thresholds;
  /**
   * Items published over those who answered them, where some respondents left them open
   * (answered-items.ts): only these may count fewer than a group's n. Absent in releases made before.
   */
  answeredOnly?: string[];
  /** Respondents of the round whose answers look careless (careless.ts): a count for the consultant, never who, never per group. */
  careless?: number;
}

export const emptyStats = (): ReleaseStats => ({ n: 0, scales: {}, factors: {}, items: {}, pairs: {} });

function addScale(into: Record<string, ScaleSums>, id: string, s: ScaleScore): void {
  const acc = (into[id] ??= { n: 0, sum: 0, sumSq: 0, items: 0, favourable: 0, unfavourable: 0 });
  acc.n += 1;
  acc.sum += s.mean;
  acc.sumSq += s.mean * s.mean;
  acc.items += s.items;
  acc.favourable += s.favourable;
  acc.unfavourable += s.unfavourable;
}

function addFactor(into: ReleaseStats["factors"], id: string, chosen: boolean, most: boolean): void {
  if (!chosen && !most) return;
  const acc = (into[id] ??= { chosen: 0, most: 0 });
  if (chosen) acc.chosen += 1;
  if (most) acc.most += 1;
}

/** The key of a level pair, upper level first; or of a level and the outcome (`pairKey(level, "outcome")`). */
export const pairKey = (upper: LevelId, lower: LevelId | "outcome") => `${upper}|${lower}`;

/** The outcome's scale has 11 points, 0–10. */
const OUTCOME_POINTS = OUTCOME_MAX - OUTCOME_MIN + 1;

function addPair(pairs: Record<string, PairSums>, id: string, a: number, b: number): void {
  const acc = (pairs[id] ??= { n: 0, a: 0, b: 0, aa: 0, bb: 0, ab: 0 });
  acc.n += 1;
  acc.a += a;
  acc.b += b;
  acc.aa += a * a;
  acc.bb += b * b;
  acc.ab += a * b;
}

/**
 * The keys of the level pairs, LEVEL_PAIR_KEYS[i][j] for levels i < j in the method's order, and of
 * each level with the outcome: made once, not per response (a release folds a million).
 */
const LEVEL_PAIR_KEYS = LEVEL_IDS.map((upper, i) => LEVEL_IDS.map((lower, j) => (j > i ? pairKey(upper, lower) : "")));
const OUTCOME_KEYS = LEVEL_IDS.map((level) => pairKey(level, "outcome"));

/**
 * The scale id of each prefix and scale: a response's scale ids are the same strings again and
 * again, and made anew per response they cost a hash each. A memo only.
 */
const scaleIds = new Map<string, Map<string, string>>();
function addScaleOf(into: Record<string, ScaleSums>, prefix: string, id: string, s: ScaleScore | undefined): void {
  if (!s) return;
  let ids = scaleIds.get(prefix);
  if (!ids) scaleIds.set(prefix, (ids = new Map()));
  let full = ids.get(id);
  if (full === undefined) ids.set(id, (full = `${prefix}${id}`));
  addScale(into, full, s);
}

/**
 * Where the product of a level's items i < j sits in its list of `size` items' products: the pairs
 * row by row (0,1) (0,2) … (1,2) … A list of numbers, not an object keyed by "a|b": the fold adds
 * a level's products for every response, and keyed they cost as much as the rest of the fold.
 */
const pairSlot = (i: number, j: number, size: number) => (i * (2 * size - i - 1)) / 2 + (j - i - 1);

/**
 * Σ a·b over the respondents who answered both items of `level` (whose scored items, levelLayout's,
 * are `names`); undefined where the products were not folded or an item is not the level's.
 */
export function itemProduct(
  stats: ReleaseStats,
  level: string,
  names: readonly string[],
  a: string,
  b: string,
): number | undefined {
  const i = names.indexOf(a);
  const j = names.indexOf(b);
  if (i < 0 || j < 0 || i === j) return undefined;
  return stats.itemPairs?.[level]?.[pairSlot(Math.min(i, j), Math.max(i, j), names.length)];
}

/**
 * Adds one respondent's score to `stats` (in place); with the levels' items (levelLayout), also
 * their level means to the grids and their item products to the pairs.
 */
export function addScore(
  stats: ReleaseStats,
  score: ResponseScore,
  layout?: Readonly<Record<string, readonly string[]>>,
): void {
  stats.n += 1;
  for (const id in score.levels) {
    const s = score.levels[id as LevelId];
    if (!s) continue;
    addScale(stats.scales, id, s);
    const names = layout?.[id];
    if (!names) continue;
    const grid = ((stats.grids ??= {})[id] ??= new Array<number>(4 * names.length + 1).fill(0));
    const g = gridIndex(s.mean, names.length);
    grid[g] = at(grid, g, "a level's grid") + 1;
    const size = names.length;
    const products = ((stats.itemPairs ??= {})[id] ??= new Array<number>((size * (size - 1)) / 2).fill(0));
    for (let i = 0; i < size; i++) {
      const va = score.values[at(names, i, "a level's items")];
      if (va === undefined) continue;
      for (let j = i + 1; j < size; j++) {
        const vb = score.values[at(names, j, "a level's items")];
        if (vb === undefined) continue;
        const slot = pairSlot(i, j, size);
        products[slot] = at(products, slot, "a level's item products") + va * vb;
      }
    }
  }
  for (const id in score.desired) addScaleOf(stats.scales, RELEASE_PREFIX.desired, id, score.desired[id as LevelId]);
  for (const id in score.climate)
    addScaleOf(stats.scales, RELEASE_PREFIX.climate, id, score.climate[id as ClimateScale]);
  for (const id in score.facets) addScaleOf(stats.scales, RELEASE_PREFIX.facet, id, score.facets[id]);
  const { factors, most } = score;
  factors.forEach((factor, i) => {
    if (factors.indexOf(factor) === i) addFactor(stats.factors, factor, true, most === factor);
  });
  if (most !== null && !factors.includes(most)) addFactor(stats.factors, most, false, true);
  // Unions ("any system factor") cannot be summed from per-factor counts, so they are counted too.
  for (const g of factorGroupHits(factors, most)) addFactor(stats.factors, `group:${g.group}`, g.chosen, g.most);
  for (const name in score.values) {
    const value = score.values[name];
    if (value === undefined) continue;
    const counts = (stats.items[name] ??= [0, 0, 0, 0, 0]);
    counts[value - 1] = at(counts, value - 1, "answer counts (1–5)") + 1;
  }
  // Each pair of levels the respondent has a score on, upper first in the method's order; and each with the outcome.
  const means = LEVEL_IDS.map((level) => score.levels[level]?.mean);
  means.forEach((upper, i) => {
    if (upper === undefined) return;
    const keys = at(LEVEL_PAIR_KEYS, i, "pair keys of a level");
    for (let j = i + 1; j < means.length; j++) {
      const lower = means[j];
      if (lower !== undefined) addPair(stats.pairs, at(keys, j, "a level pair's key"), upper, lower);
    }
  });
  const { outcome } = score;
  if (outcome !== null) {
    const counts = (stats.outcome ??= new Array<number>(OUTCOME_POINTS).fill(0));
    const point = outcome - OUTCOME_MIN;
    counts[point] = at(counts, point, "outcome counts") + 1;
    means.forEach((mean, i) => {
      if (mean !== undefined) addPair(stats.pairs, at(OUTCOME_KEYS, i, "a level's outcome key"), mean, outcome);
    });
  }
}

/** Adds each entry's counters into `into`, copying entries it does not have yet. */
function addRecord<T extends object>(into: Record<string, T>, from: Readonly<Record<string, T>>): void {
  for (const [id, counters] of Object.entries(from)) {
    const acc = into[id];
    if (acc) addCounters(acc, counters);
    else into[id] = copyCounters(counters);
  }
}

/** Adds `from` into `into` (in place): stats of disjoint groups add up. */
export function mergeStats(into: ReleaseStats, from: ReleaseStats): ReleaseStats {
  into.n += from.n;
  addRecord(into.scales, from.scales);
  addRecord(into.factors, from.factors);
  addRecord(into.items, from.items);
  addRecord(into.pairs, from.pairs);
  if (from.grids) addRecord((into.grids ??= {}), from.grids);
  if (from.itemPairs) addRecord((into.itemPairs ??= {}), from.itemPairs);
  if (from.outcome?.length) {
    if (into.outcome?.length) addCounters(into.outcome, from.outcome);
    else into.outcome = copyCounters(from.outcome);
  }
  return into;
}

/** A cell's location as a property, where it has one (no `location: undefined`). */
const locatedAt = (location: string | undefined) => (location === undefined ? {} : { location });

const cellId = (cell: CellKey) => `${cell.department}\u0000${cell.role}\u0000${cell.tenure}`;

/**
 * Respondents a cell keeps in their stored form (stored-score.ts, about 130 bytes each) before it
 * sums them: a cell's sums take about 20 KB, and most cells of a large structure (a hospital's
 * department × role × band) hold one to three people. Memory grows with the respondents' stored
 * forms and the few large cells' sums, not with the structure's size times 20 KB.
 */
export const SMALL_CELL = 16;

/** Responses (or a large cell for SMALL_CELL of them) summed into the totals between two yields. */
const TOTALS_PER_STEP = 400;

/** Memory of a cell's sums and complete sums (measured about 22 KB on instrument v4). */
const SUMMED_CELL_BYTES = 24 * 1024;
/** Memory of each respondent a summed cell's reservoir keeps (about 550 bytes measured). */
const SAMPLE_BYTES = 700;
/** Memory of a cell kept in stored form. */
const KEPT_CELL_BYTES = 600;
/**
 * Memory of each stored response: its text (about 250 bytes with its entry), and its sample while
 * the bootstrap of the round reads every cell at once (about 550).
 */
const STORED_BYTES = 250 + SAMPLE_BYTES;

/** A cell as the fold holds it: its respondents summed, or (few, and in stored form) not yet. */
interface FoldEntry extends CountedCell {
  summed: ReleaseCell | null;
  stored: string[];
}

/**
 * Folds scored responses into a release's cells and totals, one response at a time, keeping per
 * cell a bounded random sample of its respondents for the bootstrap (stability.ts). A response
 * given with its stored form is kept so while its cell is small (SMALL_CELL); a cell's sums,
 * samples and complete sums are then made when they are read, in the order the responses came,
 * so they equal those of a fold that summed at once.
 */
export function createReleaseFold(
  key: ScoringKey,
  random: () => number = Math.random,
  locationOf: (department: string) => string | undefined = () => undefined,
) {
  const entries = new Map<string, FoldEntry>();
  const samples = new Map<string, ReturnType<typeof createReservoir<Sampled>>>();
  const complete = new Map<string, Record<string, CompleteSums>>();
  const layout = levelLayout(key);
  const levelItems = Object.entries(layout);
  const looksCareless = carelessScreen(key);
  let careless = 0;
  let summedCells = 0;
  let storedResponses = 0;
  // The items a respondent can leave open ("n.v.t.", "weet niet"), and per cell how many left open which (answered-items.ts).
  const optional = key.items.filter((i) => i.na || i.dk).map((i) => i.name);
  const patterns = new Map<string, Map<string, number>>();

  /** Adds one respondent to a summed cell: its sums, its sample and its complete sums. */
  const absorb = (id: string, stats: ReleaseCell, score: ResponseScore) => {
    addScore(stats, score, layout);
    let reservoir = samples.get(id);
    if (!reservoir) samples.set(id, (reservoir = createReservoir<Sampled>(RESERVOIR, random)));
    reservoir.offer(() => sampled(key, score));
    let sums = complete.get(id);
    if (!sums) complete.set(id, (sums = {}));
    addComplete(sums, levelItems, score.values);
  };

  /** A cell of the entry's units with no respondents summed yet. */
  const emptyCell = ({ department, role, tenure, location }: FoldEntry): ReleaseCell => ({
    department,
    role,
    tenure,
    ...locatedAt(location),
    ...emptyStats(),
  });

  /** Adds a small entry's stored responses into `into` (in place). */
  const addStored = <T extends ReleaseStats>(into: T, entry: FoldEntry): T => {
    for (const text of entry.stored) addScore(into, decodeScore(key, text), layout);
    return into;
  };

  /** The entry's sums, made now from its stored responses if it has none yet (and kept from then on). */
  const summed = (id: string, entry: FoldEntry): ReleaseCell => {
    if (entry.summed) return entry.summed;
    const stats = emptyCell(entry);
    for (const text of entry.stored) absorb(id, stats, decodeScore(key, text));
    storedResponses -= entry.stored.length;
    entry.stored = [];
    entry.summed = stats;
    summedCells += 1;
    return stats;
  };

  const entryOf = (cell: CellKey) => entries.get(cellId(cell));

  /** `result` a slice at a time: the totals are the sums of every cell, thousands of them in a large structure. */
  function* resultSteps(): Generator<void, { cells: CountedCell[]; totals: ReleaseTotals }> {
    const totals = emptyStats();
    let summedSoFar = 0;
    for (const entry of entries.values()) {
      if (entry.summed) mergeStats(totals, entry.summed);
      else addStored(totals, entry);
      summedSoFar += entry.summed ? SMALL_CELL : entry.stored.length;
      if (summedSoFar >= TOTALS_PER_STEP) {
        summedSoFar = 0;
        yield;
      }
    }
    const list = [...entries.values()].map(({ department, role, tenure, location, n }) => ({
      department,
      role,
      tenure,
      ...locatedAt(location),
      n,
    }));
    const current = key.items.filter(isCurrentItem);
    const itemLevels = Object.fromEntries(current.map((i) => [i.name, i.level]));
    const itemFacets = Object.fromEntries(current.flatMap((i) => (i.facet ? [[i.name, i.facet]] : [])));
    const itemMirrors = Object.fromEntries(
      key.items.flatMap((i) => (i.perspective === "desired" && i.mirrors ? [[i.name, i.mirrors]] : [])),
    );
    const unscored = current.filter((i) => i.levelScore === false).map((i) => i.name);
    return {
      cells: list,
      totals: {
        ...totals,
        itemLevels,
        itemFacets,
        itemMirrors,
        careless,
        ...(unscored.length > 0 ? { unscored } : {}),
      },
    };
  }

  return {
    /** Adds a respondent; with `stored` (its stored-score form) it may be kept so while its cell is small. */
    add(cell: CellKey, score: ResponseScore, stored?: string): void {
      const id = cellId(cell);
      let entry = entries.get(id);
      if (!entry)
        entries.set(
          id,
          (entry = {
            department: cell.department,
            role: cell.role,
            tenure: cell.tenure,
            // The location follows from the department: a respondent is asked the department only.
            ...locatedAt(locationOf(cell.department)),
            n: 0,
            summed: null,
            stored: [],
          }),
        );
      entry.n += 1;
      if (looksCareless(score.values)) careless += 1;
      if (!entry.summed && stored !== undefined && entry.stored.length < SMALL_CELL - 1) {
        entry.stored.push(stored);
        storedResponses += 1;
      } else absorb(id, summed(id, entry), score);
      const open: number[] = [];
      optional.forEach((name, i) => {
        if (score.values[name] === undefined) open.push(i);
      });
      let counts = patterns.get(id);
      if (!counts) patterns.set(id, (counts = new Map()));
      const pattern = patternKey(open);
      counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
    },
    /** The cells (their units and respondents) and the round's totals. A cell's sums: `stats` or `sumInto`. */
    result(): { cells: CountedCell[]; totals: ReleaseTotals } {
      return allSteps(resultSteps());
    },
    /** `result` a slice at a time. */
    resultSteps,
    /** The cell's sums (a copy made for this read where the cell is still small). */
    stats(cell: CellKey): ReleaseCell {
      const entry = entryOf(cell);
      if (!entry) return { ...cell, ...emptyStats() };
      return entry.summed ?? addStored(emptyCell(entry), entry);
    },
    /** Adds the cell's sums into `into` (in place), without keeping sums for a small cell. */
    sumInto(into: ReleaseStats, cell: CellKey): ReleaseStats {
      const entry = entryOf(cell);
      if (!entry) return into;
      return entry.summed ? mergeStats(into, entry.summed) : addStored(into, entry);
    },
    /** The items a respondent can leave open, in the order pattern keys index them. */
    optional,
    /** Occupied cells so far. */
    get size(): number {
      return entries.size;
    },
    /** About how much memory the fold holds now, in bytes: what a release bounds (maxReleaseBytes). */
    get bytes(): number {
      let sampled = 0;
      for (const reservoir of samples.values()) sampled += reservoir.kept.length;
      return (
        summedCells * SUMMED_CELL_BYTES +
        sampled * SAMPLE_BYTES +
        entries.size * KEPT_CELL_BYTES +
        storedResponses * STORED_BYTES
      );
    },
    /** Per cell, its respondents by which of those items they left open (answered-items.ts): in memory only. */
    patternCells(): PatternCell[] {
      return [...entries].map(([id, entry]) => ({
        department: entry.department,
        role: entry.role,
        tenure: entry.tenure,
        ...locatedAt(entry.location),
        patterns: patterns.get(id) ?? new Map(),
      }));
    },
    /** The cell's complete-respondent sums per level (reliability.ts): in memory only. */
    complete(cell: CellKey): Readonly<Record<string, CompleteSums>> {
      const id = cellId(cell);
      const entry = entries.get(id);
      if (entry && !entry.summed) {
        const sums: Record<string, CompleteSums> = {};
        for (const text of entry.stored) addComplete(sums, levelItems, decodeScore(key, text).values);
        return sums;
      }
      return complete.get(id) ?? {};
    },
    /** The cell's kept respondents. */
    sample(cell: CellKey): readonly Sampled[] {
      const id = cellId(cell);
      const entry = entries.get(id);
      if (entry && !entry.summed) return entry.stored.map((text) => sampled(key, decodeScore(key, text)));
      return samples.get(id)?.kept ?? [];
    },
  };
}

/**
 * What every respondent of the round answered: the scales, items and pairs whose count is the
 * round's n, and the outcome when everyone gave one. These are stored and published in every group
 * alike; an item some left open only where answered-items.ts finds it safe. A figure of those who did
 * not answer "not applicable" stands for a subset the disclosure plan never audited; and deciding
 * per group would tell, by an item missing in one group and present in another, who answered it.
 */
export function answeredByAll(totals: ReleaseStats): {
  scales: Set<string>;
  items: Set<string>;
  pairs: Set<string>;
  outcome: boolean;
} {
  const n = totals.n;
  const whole = (record: Record<string, { n: number }>) =>
    new Set(Object.entries(record).flatMap(([k, v]) => (v.n === n ? [k] : [])));
  return {
    scales: whole(totals.scales),
    items: new Set(Object.entries(totals.items).flatMap(([k, c]) => (c.reduce((a, b) => a + b, 0) === n ? [k] : []))),
    pairs: whole(totals.pairs),
    outcome: (totals.outcome ?? []).reduce((a, b) => a + b, 0) === n && n > 0,
  };
}

/** The items that can be left open which some in the round answered and some did not: answered-items.ts's candidates. */
export const partiallyAnswered = (
  optional: readonly string[],
  totals: ReleaseStats,
  keep: ReturnType<typeof answeredByAll>,
): string[] => optional.filter((name) => totals.items[name] !== undefined && !keep.items.has(name));

/**
 * `stats` with only what `keep` lists (answeredByAll of the round), and the items in `answered`:
 * those the release publishes over their answerers in this group (answered-items.ts).
 */
export function keepAnsweredByAll<T extends ReleaseStats>(
  stats: T,
  keep: ReturnType<typeof answeredByAll>,
  answered: ReadonlySet<string> = new Set(),
): T {
  const pick = <V>(record: Record<string, V>, set: Set<string>) =>
    Object.fromEntries(Object.entries(record).filter(([k]) => set.has(k)));
  // Grids and item products are never kept: they served splits and partialReliable (publishedGroup).
  const { outcome, grids: _grids, itemPairs: _products, ...rest } = stats;
  return {
    ...rest,
    scales: pick(stats.scales, keep.scales),
    items: pick(stats.items, new Set([...keep.items, ...answered])),
    pairs: pick(stats.pairs, keep.pairs),
    ...(keep.outcome && outcome ? { outcome } : {}),
  } as T;
}

/**
 * A group's stats as a release stores them: only what the whole round answered (keepAnsweredByAll);
 * per level, whether its respondents fall into two camps (from the grid) and — where an item of it
 * is unpublished — the alpha of its published items (from the item products). `levels`: the items
 * in each level's score (levelLayout). Grids and products are dropped once these are derived.
 * Level pairs only for the round (`round`: its k), without its concentrated variables (joint-figures.ts).
 */
export function publishedGroup(
  stats: ReleaseStats,
  keep: ReturnType<typeof answeredByAll>,
  levels: Readonly<Record<string, readonly string[]>>,
  answered: ReadonlySet<string> = new Set(),
  round: { k: number } | null = null,
): ReleaseStats {
  const partialReliable: Record<string, boolean> = {};
  const splits: Record<string, { lowPct: number; highPct: number }> = {};
  for (const [level, names] of Object.entries(levels)) {
    if (!keep.scales.has(level)) continue;
    const grid = stats.grids?.[level];
    const camps = grid ? dividedCamps(grid) : null;
    if (camps) splits[level] = { lowPct: Math.round(camps.low * 100), highPct: Math.round(camps.high * 100) };
    const published = names.filter((name) => keep.items.has(name));
    if (published.length === names.length) continue;
    const alpha = itemsAlpha(
      published.map((name) => ({ name, sums: itemSums(stats.items[name] ?? [0, 0, 0, 0, 0]) })),
      (a, b) => itemProduct(stats, level, names, a, b),
    );
    partialReliable[level] = measuredReliably(alpha);
  }
  const kept = keepAnsweredByAll(stats, keep, answered);
  const concentrated = round ? concentratedVariables(stats, levels, round.k) : [];
  return {
    ...kept,
    pairs: round ? spreadPairs(kept.pairs, concentrated) : {},
    ...(round ? { concentrated } : {}),
    splits,
    ...(Object.keys(partialReliable).length > 0 ? { partialReliable } : {}),
  };
}

/**
 * `stats` with each scale's counts of item answers (all, favourable, unfavourable) summed from the
 * items it publishes (`scales`: scaleLayout). Folded per response, they also count the answers to
 * items kept out of the group, and an item some left open then shows in its level's percentages:
 * how many answered it, and how, per group. Summed from the published items, they tell nothing
 * those items' own figures do not. (For a scale everyone has, the two are equal when every item
 * is published.)
 */
export function countsFromPublishedItems<T extends ReleaseStats>(
  stats: T,
  scales: Readonly<Record<string, readonly string[]>>,
): T {
  const scaleCounts = Object.fromEntries(
    Object.entries(stats.scales).map(([id, sums]) => {
      let items = 0;
      let favourable = 0;
      let unfavourable = 0;
      for (const name of scales[id] ?? []) {
        const c = stats.items[name];
        if (!c) continue;
        items += c[0] + c[1] + c[2] + c[3] + c[4];
        favourable += c[3] + c[4];
        unfavourable += c[0] + c[1];
      }
      return [id, { ...sums, items, favourable, unfavourable }];
    }),
  );
  return { ...stats, scales: scaleCounts };
}

/** Heap the server and the rest of a release keep for themselves. */
const RESERVED_BYTES = 64 * 1024 * 1024;
/** A Workers isolate's memory, the bound where no heap size is given. */
export const DEFAULT_RELEASE_HEAP_BYTES = 128 * 1024 * 1024;

/**
 * The most memory (bytes, as the fold estimates it) a release may fold within a heap of
 * `heapBytes`: a round past it fails its release cleanly ("too_large", with advice) instead of
 * taking the server down with it.
 */
export const maxReleaseBytes = (heapBytes: number): number =>
  Math.max(16 * 1024 * 1024, Math.floor((heapBytes - RESERVED_BYTES) * 0.6));

/** Cells summed between two yields: a few milliseconds. */
const MERGES_PER_STEP = 200;

/**
 * The stats of each group the plan publishes, summed from the cells (publishedGroup), with scale
 * counts from its published items (countsFromPublishedItems): all a release stores besides its
 * totals. `answered`: the items published over their answerers (answered-items.ts).
 *
 * A group at a time: it yields after each (and within a group of thousands of cells), so a
 * release of a large structure lets other requests in. Each group's cells come from `membersOf`
 * (disclosure.ts memberIndex, made once per release), and are summed by `sumInto` (the fold's: a
 * small cell is summed from its stored responses).
 */
export function* publishedSteps(
  membersOf: (conditions: Conditions) => readonly CountedCell[],
  sumInto: (into: ReleaseStats, cell: CountedCell) => ReleaseStats,
  plan: DisclosurePlan,
  keep: ReturnType<typeof answeredByAll>,
  layout: { levels: Readonly<Record<string, readonly string[]>>; scales: Readonly<Record<string, readonly string[]>> },
  answered: AnsweredItems = { everywhere: [], roundOnly: [] },
): Generator<void, Map<GroupKey, ReleaseStats>> {
  const { levels, scales } = layout;
  const out = new Map<GroupKey, ReleaseStats>();
  const inGroups = new Set(answered.everywhere);
  const inRound = new Set([...answered.everywhere, ...answered.roundOnly]);
  for (const [i, group] of plan.groups.entries()) {
    if (!group.shown) continue;
    const stats = emptyStats();
    // A group of thousands of cells (the round of a large structure) is summed in slices.
    for (const [j, cell] of membersOf(group.conditions).entries()) {
      sumInto(stats, cell);
      if (j % MERGES_PER_STEP === MERGES_PER_STEP - 1) yield;
    }
    // The plan's first group is the round.
    out.set(
      group.key,
      countsFromPublishedItems(
        publishedGroup(stats, keep, levels, i === 0 ? inRound : inGroups, i === 0 ? { k: plan.k } : null),
        scales,
      ),
    );
    yield;
  }
  return out;
}

/** Pearson's r between two levels' respondent means; null without spread or with fewer than 3 respondents. */
export function levelCorrelation(p: PairSums): number | null {
  if (p.n < 3) return null;
  const cov = p.ab - (p.a * p.b) / p.n;
  const va = p.aa - (p.a * p.a) / p.n;
  const vb = p.bb - (p.b * p.b) / p.n;
  if (va <= 1e-12 || vb <= 1e-12) return null;
  return Math.max(-1, Math.min(1, cov / Math.sqrt(va * vb)));
}
