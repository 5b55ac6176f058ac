/**
 * The management report, computed from a release's per-cell sums: level scores with their spread,
 * the start-here diagnosis, a heatmap, the decision-factor mix and the management–staff gap —
 * of the groups the release's disclosure plan publishes, and of no other.
 */
import { at, defined } from "../lib/invariant.js";
import { itemMoments, rwgJ } from "./agreement.js";
import { type Conditions, type CountedCell, matches } from "./disclosure.js";
import type { PlanRefusal } from "./disclosure-plan.js";
import { relativeWeights } from "./drivers.js";
import { CLIMATE_SCALES, type ClimateScale, DECISION_FACTORS, FACTOR_GROUPS, type FactorGroup } from "./factors.js";
import type { Localised } from "./i18n.js";
import { type JointVariable, spreadPairs } from "./joint-figures.js";
import { DEFAULT_THRESHOLDS, sameBars, type Thresholds } from "./level-bars.js";
import { type Level, type LevelId, LEVELS } from "./levels.js";
import {
  type ItemDistribution,
  levelCorrelation,
  pairKey,
  type PairSums,
  PICK_RULE,
  type ReleaseStats,
  type ReleaseTotals,
  type StoredStability,
} from "./release.js";
import { alphaInterval, type AlphaResult } from "./reliability.js";
import { toPercentScore } from "./scoring.js";
import {
  assessLevel,
  flagNote,
  isSplitItem,
  levelAlpha,
  type LevelAssessment,
  type LevelEvidence,
  type StartHere,
  startHere,
} from "./start-here.js";
import { addEntries, type ItemCounts, mean, round, sampleSd, type Sums } from "./statistics.js";
import type { Dimension, Unit } from "./units.js";

export type ScaleSums = Sums & ItemCounts;

export interface CellStats extends CountedCell {
  /** By scale id: a level id or "climate:<scale>". */
  scales: Record<string, ScaleSums>;
  /** By factor id or "group:<name>". */
  factors: Record<string, { chosen: number; most: number }>;
}

/**
 * What a report is computed from: the published groups it reads (chosen by the release's plan,
 * disclosure-plan.ts), already summed. The report shows them and nothing else.
 */
export interface ReportInput {
  /** The group the report is about: the round, or the plan group a filter chose. */
  group: Group;
  /** Per unit of the broken-down dimension, its group, or null where the plan hides it. */
  heatmap: { dimension: Dimension; rows: { unit: Unit; group: Group | null }[] } | null;
  /** The management role within the group, when the plan shows it. */
  management: Group | null;
  thresholds?: Thresholds;
}

interface LevelSummary {
  id: LevelId;
  rank: number;
  name: Localised;
  n: number;
  /** 0–100 */
  score: number;
  ci95: [number, number];
  /** The bar below which this level is weak (0–100): the round's, or the level's own from the norms. */
  bar: number;
  /** SD of respondents' level means on the 1–5 scale. */
  sd: number;
  favourablePct: number;
  unfavourablePct: number;
  /** The level's items hang together in the group: only then is it weak or divided. */
  reliable: boolean;
  /** The 95% interval lies below the threshold. */
  weak: boolean;
  /** The 95% interval straddles the threshold. */
  possiblyWeak: boolean;
  /** Respondents' level means fall into two camps (split-test.ts). */
  divided: boolean;
  /** When divided, the camps' shares (0–100). */
  camps: { lowPct: number; highPct: number } | null;
  /** rwg(J): 1 full agreement, 0 no more than answers at random. */
  agreement: number | null;
  splitItems: string[];
  /** Each flag in one sentence, with the numbers behind it; null without a flag. */
  note: Localised | null;
}

/** One item as the group answered it (after reverse-coding: higher is always more customer-centric). */
interface ItemResult {
  name: string;
  level: LevelId;
  n: number;
  /** Mean on 0–100. */
  score: number;
  favourablePct: number;
  unfavourablePct: number;
  /** Staff fall into two camps on it. */
  split: boolean;
  /** The facet it belongs to, if any (e.g. "belief": what the respondent believes). */
  facet: string | null;
  /** The same item rated "how it should be", 0–100, when the instrument asks it and the whole group answered. */
  desired: number | null;
}

/** A facet: a narrower scale inside a level (facets of instrument v3: belief, perception, ownership, …). */
interface FacetResult {
  id: string;
  level: LevelId;
  n: number;
  /** 0–100. */
  score: number;
  /**
   * rwg(J) over its items: how far staff agree. For "belief" — what staff themselves believe about
   * customers — this is the alignment index: low means the values the organisation runs on are not shared.
   */
  agreement: number | null;
}

interface LevelCorrelation {
  upper: LevelId;
  lower: LevelId;
  n: number;
  /** Pearson's r of respondents' level means. */
  r: number;
}

export interface LevelReliability {
  level: LevelId;
  items: number;
  /** Respondents it is computed over: those who answered every item of the level. */
  n: number;
  alpha: number;
  /** Feldt's 95% interval. */
  ci95: [number, number];
}

interface DriverAnalysis {
  method: "relative_weights";
  n: number;
  /** Share (0–1) of the outcome's variance the levels explain together. */
  rSquared: number;
  /** Per level, its share (0–100) of what is explained; they add up to 100. */
  levels: { level: LevelId; r: number; sharePct: number }[];
}

interface HeatmapRow {
  value: string;
  label: Localised;
  n: number | null;
  suppressed: boolean;
  scores: Partial<Record<LevelId, number>> | null;
  /** The levels the start-here rule calls weak, and divided, in this unit (as its own report would). */
  weak: LevelId[] | null;
  divided: LevelId[] | null;
}

interface FactorShare {
  id: string;
  side: "system" | "heart";
  label: Localised;
  chosenPct: number;
  mostPct: number;
}

export interface DecisionMix {
  factors: FactorShare[];
  groups: Record<FactorGroup, { chosenPct: number; mostPct: number }>;
  /** Which side weighed most, by the seed's 80% / 10% (decisionHeadline). */
  pattern: DecisionPattern;
  headline: Localised;
}

interface GapRow {
  level: LevelId;
  management: number;
  staff: number;
  gap: number;
}

/** Current against desired state per level (0–100); gap = desired − current. */
export interface DesiredGapRow {
  level: LevelId;
  current: number;
  desired: number;
  gap: number;
}

export type Report =
  | { suppressed: true; n: null; reason: PlanRefusal }
  | {
      suppressed: false;
      n: number;
      levels: LevelSummary[];
      startHere: StartHere | null;
      heatmap: { dimension: Dimension; rows: HeatmapRow[] } | null;
      decisionFactors: DecisionMix | null;
      climate: { id: ClimateScale; score: number; n: number }[];
      managementGap: GapRow[] | null;
      desiredGap: DesiredGapRow[] | null;
      items: ItemResult[];
      facets: FacetResult[];
      correlations: LevelCorrelation[];
      reliability: LevelReliability[];
      drivers: DriverAnalysis | null;
      /**
       * Why correlations and drivers may be missing (joint-figures.ts): they are given for the round
       * as a whole only (`roundOnly` is true for any other group), and never for a variable too few
       * people answered differently from the rest.
       */
      jointFigures: { roundOnly: boolean; concentrated: JointVariable[]; releasedBefore: boolean };
    };

export interface Group {
  n: number;
  scales: Map<string, ScaleSums>;
  factors: Map<string, { chosen: number; most: number }>;
  /** Answer counts per item, of items everyone in the group answered. */
  items: Map<string, ItemDistribution>;
  /**
   * Answer counts of items published over those who answered them, where some in the group left them
   * open (answered-items.ts): shown as items with their own n, never part of a level's alpha, split or gap.
   */
  answered: Map<string, ItemDistribution>;
  /** The instrument's current-state level items, by name. */
  itemLevels: Readonly<Record<string, LevelId>>;
  /** Their facets, by name, where they have one. */
  itemFacets: Readonly<Record<string, string>>;
  /** Per desired-state item, the current-state item it mirrors. */
  itemMirrors: Readonly<Record<string, string>>;
  /** Pairwise sums of level means (and the outcome), of pairs everyone in the group answered: the round's only. */
  pairs: Map<string, PairSums>;
  /**
   * For the round, its variables too concentrated to pair; null for any other group, which has no
   * pairs, and for the round of a release made before they were looked for, which has none either.
   */
  concentrated: JointVariable[] | null;
  /** Whether the group is its release's round (the only group with pairs, where its release looked for concentrated variables). */
  isRound: boolean;
  /** Counts of the outcome item's answers 0–10, when the instrument has one. */
  outcome: readonly number[] | null;
  /** The release's bootstrap of this group's pick, when it made one. */
  stability: StoredStability | null;
  /** The release's alpha per level over those who answered every item of it, when it computed one. */
  alpha: Readonly<Record<string, AlphaResult>> | null;
  /** The levels whose respondents fall into two camps, with each camp's share (the release's splits). */
  splits: Readonly<Record<string, { lowPct: number; highPct: number }>>;
  /** Whether alpha of a level's published items passes the gate, where one of its items is unpublished (the release's partialReliable). */
  partialReliable: Readonly<Record<string, boolean>>;
  /** Current-state items outside their level's score: shown as items, never part of the level's alpha or split. */
  unscored: ReadonlySet<string>;
}

/** Which items a release's groups hold: their levels, facets and mirrored desired items (a release's totals carry them). */
export type ItemLayout = Pick<ReleaseTotals, "itemLevels" | "itemFacets" | "itemMirrors" | "unscored" | "answeredOnly">;

/**
 * A group from a release's stored figures. Only what every respondent of the group answered comes
 * along (see wholeScale) — and, apart, the items the release published over their answerers
 * (`answered`): every reader of a group — report, trends, comparisons, alpha — then shows nothing
 * of a smaller set inside it, and no rule reads an item some in the round left open as one all
 * answered, even in a group where all did (the round's rule and its bootstrap would then differ).
 */
export function groupOf(stats: ReleaseStats, layout: ItemLayout = { itemLevels: {} }, round = false): Group {
  const n = stats.n;
  const whole = <T>(entries: [string, T][], size: (value: T) => number) =>
    new Map(entries.filter(([, v]) => size(v) === n));
  const answeredOnly = new Set(layout.answeredOnly ?? []);
  const answers = (c: ItemDistribution) => c.reduce((a, b) => a + b, 0);
  const items = Object.entries(stats.items ?? {});
  return {
    n,
    scales: whole(Object.entries(stats.scales), (s) => s.n),
    factors: new Map(Object.entries(stats.factors)),
    items: whole(
      items.filter(([name]) => !answeredOnly.has(name)),
      answers,
    ),
    // Never more answers than n; fewer only for the items the release published over their answerers.
    answered: new Map(items.filter(([name, c]) => answeredOnly.has(name) && answers(c) > 0 && answers(c) <= n)),
    itemLevels: layout.itemLevels,
    itemFacets: layout.itemFacets ?? {},
    itemMirrors: layout.itemMirrors ?? {},
    ...jointOf(stats, round),
    outcome: stats.outcome && stats.outcome.reduce((a, b) => a + b, 0) === n ? stats.outcome : null,
    stability: stats.stability ?? null,
    alpha: stats.alpha ?? null,
    splits: stats.splits ?? {},
    partialReliable: stats.partialReliable ?? {},
    unscored: new Set(layout.unscored ?? []),
  };
}

/**
 * A group's level pairs as a reader may see them (joint-figures.ts): the round's, without the
 * concentrated variables its release found; none for any other group, whatever an older release
 * kept, and none for the round of a release made before they were looked for (its items' counts
 * alone cannot tell a level whose scores few people share).
 */
function jointOf(stats: ReleaseStats, round: boolean): Pick<Group, "pairs" | "concentrated" | "isRound"> {
  const concentrated = round ? (stats.concentrated ?? null) : null;
  if (!concentrated) return { pairs: new Map(), concentrated: null, isRound: round };
  const pairs = spreadPairs<PairSums>(stats.pairs ?? {}, concentrated);
  return {
    pairs: new Map(Object.entries(pairs).filter(([, p]) => p.n === stats.n)),
    concentrated,
    isRound: round,
  };
}

export function combine(cells: readonly CellStats[], conditions: Conditions): Group {
  const group = emptyGroup();
  for (const cell of cells) if (matches(cell, conditions)) addCell(group, cell);
  return group;
}

const emptyGroup = (): Group => ({
  n: 0,
  scales: new Map(),
  factors: new Map(),
  items: new Map(),
  answered: new Map(),
  itemLevels: {},
  itemFacets: {},
  itemMirrors: {},
  pairs: new Map(),
  // Cells combined (combine, for tests of the statistics) read as a round whose pairs are all there.
  concentrated: [],
  isRound: true,
  outcome: null,
  stability: null,
  alpha: null,
  splits: {},
  partialReliable: {},
  unscored: new Set(),
});

/**
 * Adds a cell's sums into a group, in place; the cell itself stays as it was. The adders name
 * their fields: a report combines hundreds of cells per read, and a loop over keys costs twice as much.
 */
function addCell(group: Group, cell: CellStats): void {
  group.n += cell.n;
  addEntries(group.scales, cell.scales, addScaleSums);
  addEntries(group.factors, cell.factors, addFactorCounts);
}

function addScaleSums(acc: ScaleSums, s: ScaleSums): void {
  acc.n += s.n;
  acc.sum += s.sum;
  acc.sumSq += s.sumSq;
  acc.items += s.items;
  acc.favourable += s.favourable;
  acc.unfavourable += s.unfavourable;
}

function addFactorCounts(acc: { chosen: number; most: number }, f: { chosen: number; most: number }): void {
  acc.chosen += f.chosen;
  acc.most += f.most;
}

const pct = (part: number, whole: number) => (whole > 0 ? round((part / whole) * 100) : 0);

/**
 * A scale's sums when every respondent of the group answered it. Every scored question is
 * required, so anything less means some skipped it — and the few who did not would be shown as a
 * group smaller than the one the plan published, down to one person: such a scale is not shown.
 */
function wholeScale(group: Group, id: string): ScaleSums | null {
  const sums = group.scales.get(id);
  return sums && sums.n > 0 && sums.n === group.n ? sums : null;
}

/** The levels the group has answers for, top-down, with their sums. */
function answeredLevels(group: Group): { level: Level; sums: ScaleSums }[] {
  return LEVELS.flatMap((level) => {
    const sums = wholeScale(group, level.id);
    return sums ? [{ level, sums }] : [];
  });
}

/** What the start-here rule reads of one level in the group: its sums and its items' answer counts. */
export function levelEvidence(group: Group): LevelEvidence[] {
  return answeredLevels(group).map(({ level, sums }) => {
    const names = Object.entries(group.itemLevels).flatMap(([name, l]) =>
      l === level.id && !group.unscored.has(name) ? [name] : [],
    );
    const items = names.flatMap((name) => {
      const counts = group.items.get(name);
      return counts ? [{ name, counts }] : [];
    });
    // An item someone in the group marked "not applicable" is not published for it; alpha then needs all of them.
    const stored = group.alpha?.[level.id];
    const complete = items.length === names.length;
    // With an item unpublished and no alpha over complete respondents: alpha of the published items,
    // which everyone in the group answered — for the quality gate only.
    const partial = complete || stored ? undefined : group.partialReliable[level.id];
    const split = group.splits[level.id];
    return {
      id: level.id,
      sums,
      items,
      complete,
      ...(stored ? { alpha: stored } : {}),
      ...(partial !== undefined ? { partialReliable: partial } : {}),
      ...(split ? { camps: { low: split.lowPct / 100, high: split.highPct / 100 } } : {}),
    };
  });
}

/** A level as the rule sees it and as the report shows it. */
function summarise(level: Level, s: ScaleSums, a: LevelAssessment): LevelSummary {
  return {
    id: level.id,
    rank: level.rank,
    name: level.name,
    n: s.n,
    score: round(a.score),
    ci95: [round(a.ci95[0]), round(a.ci95[1])],
    bar: a.bar,
    sd: round(sampleSd(s), 2),
    favourablePct: pct(s.favourable, s.items),
    unfavourablePct: pct(s.unfavourable, s.items),
    reliable: a.reliable,
    weak: a.weak,
    possiblyWeak: a.possiblyWeak,
    divided: a.divided,
    camps: a.camps && { lowPct: round(a.camps.low * 100), highPct: round(a.camps.high * 100) },
    agreement: a.agreement === null ? null : round(a.agreement, 2),
    splitItems: a.splitItems,
    note: flagNote(a),
  };
}

/** Unrounded 0–100 score per answered level: the input to benchmarks and percentiles. */
export function profileScores(group: Group): Partial<Record<LevelId, number>> {
  return Object.fromEntries(answeredLevels(group).map(({ level, sums }) => [level.id, toPercentScore(mean(sums))]));
}

function levelScores(group: Group): Partial<Record<LevelId, number>> {
  return Object.fromEntries(Object.entries(profileScores(group)).map(([id, score]) => [id, round(score)]));
}

/**
 * How it is against how it should be, per level. Where the desired items repeat a current item's
 * wording (`mirrors`), the gap is between those same items — a level's other items differ in how
 * easily people agree with them, and would make a gap where there is none. Without mirrors (older
 * instruments), the level's desired items against its current score.
 */
export function desiredGap(group: Group): DesiredGapRow[] | null {
  const mirrors = Object.entries(group.itemMirrors);
  const itemScore = (name: string) => {
    const counts = group.items.get(name);
    return counts ? toPercentScore(itemMoments(counts).mean) : null;
  };
  const rows = answeredLevels(group).flatMap(({ level, sums }) => {
    const pairs = mirrors.flatMap(([desired, current]) => {
      const now = group.itemLevels[current] === level.id ? itemScore(current) : null;
      const should = now === null ? null : itemScore(desired);
      return now !== null && should !== null ? [[now, should] as const] : [];
    });
    if (pairs.length > 0) {
      const current = round(pairs.reduce((a, [now]) => a + now, 0) / pairs.length);
      const wanted = round(pairs.reduce((a, [, should]) => a + should, 0) / pairs.length);
      return [{ level: level.id, current, desired: wanted, gap: round(wanted - current) }];
    }
    if (mirrors.length > 0) return [];
    const desired = wholeScale(group, `desired:${level.id}`);
    if (!desired) return [];
    const current = round(toPercentScore(mean(sums)));
    const wanted = round(toPercentScore(mean(desired)));
    return [{ level: level.id, current, desired: wanted, gap: round(wanted - current) }];
  });
  return rows.length > 0 ? rows : null;
}

export interface Overview {
  n: number;
  levels: LevelSummary[];
  startHere: StartHere | null;
  decisionFactors: DecisionMix | null;
  desiredGap: DesiredGapRow[] | null;
}

/** The whole-group figures without breakdowns: what a portfolio row or a comparison shows of a campaign. */
export function overviewOf(group: Group, thresholds: Thresholds): Overview {
  const answered = answeredLevels(group);
  const assessed = levelEvidence(group).map((e) => assessLevel(e, thresholds));
  const gaps = desiredGap(group);
  const drivers = driverAnalysis(group);
  // A stored stability counts for a pick by the same rule, under the same bars.
  const s = group.stability;
  const stored = s && sameBars(s, thresholds) && s.rule === PICK_RULE ? s : null;
  let start = startHere(assessed, {
    gaps,
    drivers: drivers?.levels.map((d) => ({ level: d.level, weight: d.sharePct })) ?? null,
  });
  // The release bootstrapped the flag-based pick; it says how often resamples agreed with it.
  if (start && stored && start.basis === "flagged" && stored.level === start.level)
    start = startHere(assessed, { gaps }, stored.share);
  return {
    n: group.n,
    levels: answered.map(({ level, sums }, i) =>
      summarise(level, sums, at(assessed, i, "assessments, one per answered level")),
    ),
    startHere: start,
    decisionFactors: decisionMix(group),
    desiredGap: gaps,
  };
}

/**
 * Each current-state item the group answered, in the instrument's order: those everyone answered,
 * and those the release published over their answerers (`n` then says how many answered).
 */
function itemResults(group: Group): ItemResult[] {
  const mirrored = new Map(Object.entries(group.itemMirrors).map(([desired, current]) => [current, desired]));
  return Object.entries(group.itemLevels).flatMap(([name, level]) => {
    const counts = group.items.get(name) ?? group.answered.get(name);
    if (!counts) return [];
    const { n, mean: m } = itemMoments(counts);
    const mirror = mirrored.get(name);
    const desired = mirror ? (group.items.get(mirror) ?? group.answered.get(mirror)) : undefined;
    return [
      {
        name,
        level,
        n,
        score: round(toPercentScore(m)),
        favourablePct: pct(counts[3] + counts[4], n),
        unfavourablePct: pct(counts[0] + counts[1], n),
        split: isSplitItem(counts),
        facet: group.itemFacets[name] ?? null,
        desired: desired ? round(toPercentScore(itemMoments(desired).mean)) : null,
      },
    ];
  });
}

/** Each facet's score, and how far staff agree on its items: for "belief", the values alignment index. */
function facetResults(group: Group): FacetResult[] {
  const facets = new Map<string, { level: LevelId; names: string[] }>();
  for (const [name, facet] of Object.entries(group.itemFacets)) {
    const level = group.itemLevels[name];
    if (!level) continue;
    const entry = facets.get(facet) ?? { level, names: [] };
    entry.names.push(name);
    facets.set(facet, entry);
  }
  return [...facets].flatMap(([id, { level, names }]) => {
    const sums = wholeScale(group, `facet:${id}`);
    if (!sums) return [];
    const counts = names.flatMap((n) => {
      const c = group.items.get(n);
      return c ? [c] : [];
    });
    const agreement = counts.length === names.length ? rwgJ(counts.map((c) => itemMoments(c).variance)) : null;
    return [
      {
        id,
        level,
        n: sums.n,
        score: round(toPercentScore(mean(sums))),
        agreement: agreement === null ? null : round(agreement, 2),
      },
    ];
  });
}

/** Pearson's r between every two levels, upper level first. */
function levelCorrelations(group: Group): LevelCorrelation[] {
  const levels = answeredLevels(group).map((l) => l.level.id);
  return levels.flatMap((upper, i) =>
    levels.slice(i + 1).flatMap((lower) => {
      const p = group.pairs.get(pairKey(upper, lower));
      const r = p ? levelCorrelation(p) : null;
      return p && r !== null ? [{ upper, lower, n: p.n, r: round(r, 2) }] : [];
    }),
  );
}

/**
 * Cronbach's alpha per level with Feldt's interval: as the release computed it over those who
 * answered every item of the level, or — for releases made before — from the group's items.
 */
export function levelReliabilities(group: Group): LevelReliability[] {
  return levelEvidence(group).flatMap((e) => {
    const a = levelAlpha(e);
    if (!a || a.alpha === null) return [];
    const [lo, hi] = alphaInterval(a.alpha, a.n, a.items);
    return [
      {
        level: e.id,
        items: a.items,
        n: a.n,
        alpha: round(a.alpha, 2),
        ci95: [round(lo, 2), round(hi, 2)] as [number, number],
      },
    ];
  });
}

/** Below this many respondents a driver analysis is not shown: weights of seven correlated levels need more. */
const MIN_DRIVER_N = 30;

/** Relative weights of the levels in explaining the outcome item, when the group answered one. */
function driverAnalysis(group: Group): DriverAnalysis | null {
  if (!group.outcome || group.n < MIN_DRIVER_N) return null;
  const levels = answeredLevels(group)
    .map((l) => l.level.id)
    .filter((id) => group.pairs.has(pairKey(id, "outcome")));
  const correlation = (key: string) => {
    const p = group.pairs.get(key);
    return p ? levelCorrelation(p) : null;
  };
  const r = (a: LevelId, b: LevelId) =>
    a === b
      ? 1
      : correlation(
          LEVELS.findIndex((l) => l.id === a) < LEVELS.findIndex((l) => l.id === b) ? pairKey(a, b) : pairKey(b, a),
        );
  const rxy = levels.map((id) => correlation(pairKey(id, "outcome")));
  const rxx = levels.map((a) => levels.map((b) => r(a, b)));
  if (levels.length < 2 || !allKnown(rxy) || !rxx.every(allKnown)) return null;
  const result = relativeWeights(rxx, rxy);
  if (!result || result.rSquared <= 0) return null;
  return {
    method: "relative_weights",
    n: group.n,
    rSquared: round(result.rSquared, 2),
    levels: levels.map((level, i) => ({
      level,
      r: round(at(rxy, i, "correlations with the outcome"), 2),
      sharePct: round((at(result.weights, i, "relative weights") / result.rSquared) * 100),
    })),
  };
}

const allKnown = (values: readonly (number | null)[]): values is number[] => values.every((x) => x !== null);

export function decisionMix(group: Group): DecisionMix | null {
  // The decision question is required, so every respondent in the group answered it.
  const n = group.n;
  if (group.factors.size === 0 || n === 0) return null;
  const factors = DECISION_FACTORS.map((f) => {
    const c = group.factors.get(f.id) ?? { chosen: 0, most: 0 };
    return { id: f.id, side: f.side, label: f.label, chosenPct: pct(c.chosen, n), mostPct: pct(c.most, n) };
  });
  const groups = Object.fromEntries(
    (Object.keys(FACTOR_GROUPS) as FactorGroup[]).map((g) => {
      const c = group.factors.get(`group:${g}`) ?? { chosen: 0, most: 0 };
      return [g, { chosenPct: pct(c.chosen, n), mostPct: pct(c.most, n) }];
    }),
  ) as DecisionMix["groups"];
  const { pattern, headline } = decisionHeadline(
    Math.round(groups.system.mostPct),
    Math.round(groups.heart.mostPct),
    Math.round(groups.rules.mostPct),
    Math.round(
      defined(
        factors.find((f) => f.id === "personal_fairness"),
        "personal fairness is a decision factor",
      ).chosenPct,
    ),
  );
  const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  return { factors, groups, pattern, headline: { nl: capitalise(headline.nl), en: capitalise(headline.en) } };
}

/**
 * The seed case: for more than 80% policy and process were decisive, and only about 10% weighed
 * their own sense of fairness. A group where the system weighed most for more than COAT_RACK_SHARE
 * is that picture; "only" is said of fairness at FAIRNESS_ONLY or below, and not otherwise.
 */
const COAT_RACK_SHARE = 80;
const FAIRNESS_ONLY = 10;
/** System and customer within this many points of each other weigh about the same. */
const BALANCED_WITHIN = 10;

export type DecisionPattern = "coat_rack" | "system_leaning" | "balanced" | "customer_led";

/** The decision headline from "weighed most" (whole percentages): which side decides, in words that follow the numbers. */
export function decisionHeadline(
  system: number,
  heart: number,
  rules: number,
  fairness: number,
): { pattern: DecisionPattern; headline: Localised } {
  const pattern: DecisionPattern =
    system > COAT_RACK_SHARE
      ? "coat_rack"
      : Math.abs(system - heart) < BALANCED_WITHIN
        ? "balanced"
        : system > heart
          ? "system_leaning"
          : "customer_led";
  const lead: Record<DecisionPattern, Localised> = {
    coat_rack: { nl: "Het hart hangt aan de kapstok: ", en: "Heart on the coat rack: " },
    system_leaning: {
      nl: "Het systeem weegt zwaarder dan de klant: ",
      en: "The system weighs more than the customer: ",
    },
    balanced: { nl: "Systeem en klant wegen ongeveer even zwaar: ", en: "System and customer weigh about the same: " },
    customer_led: { nl: "De klant weegt het zwaarst: ", en: "The customer weighs most: " },
  };
  const sides: Localised =
    pattern === "customer_led"
      ? {
          nl: `voor ${heart}% gaf bij een uitzondering de klant of het eigen rechtvaardigheidsgevoel de doorslag, voor ${system}% een regel of werkwijze van de organisatie (beleid of werkproces: ${rules}%).`,
          en: `for ${heart}% the customer or their own sense of fairness decided an exception, for ${system}% a rule or way of working of the organisation (policy or process: ${rules}%).`,
        }
      : {
          nl: `voor ${system}% gaf bij een uitzondering een regel of werkwijze van de organisatie de doorslag (beleid of werkproces: ${rules}%), voor ${heart}% de klant of het eigen rechtvaardigheidsgevoel.`,
          en: `for ${system}% a rule or way of working of the organisation decided an exception (policy or process: ${rules}%), for ${heart}% the customer or their own sense of fairness.`,
        };
  const fair: Localised =
    fairness <= FAIRNESS_ONLY
      ? {
          nl: ` Slechts ${fairness}% woog het eigen gevoel voor rechtvaardigheid mee.`,
          en: ` Only ${fairness}% weighed their own sense of fairness at all.`,
        }
      : {
          nl: ` ${fairness}% woog het eigen gevoel voor rechtvaardigheid mee.`,
          en: ` ${fairness}% weighed their own sense of fairness too.`,
        };
  return {
    pattern,
    headline: { nl: lead[pattern].nl + sides.nl + fair.nl, en: lead[pattern].en + sides.en + fair.en },
  };
}

export function buildReport(input: ReportInput): Report {
  const { group, management } = input;
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  const heatmap = input.heatmap && {
    dimension: input.heatmap.dimension,
    rows: input.heatmap.rows.map(({ unit, group: g }): HeatmapRow =>
      g
        ? {
            value: unit.value,
            label: unit.label,
            n: g.n,
            suppressed: false,
            scores: levelScores(g),
            ...unitFlags(g, thresholds),
          }
        : { value: unit.value, label: unit.label, n: null, suppressed: true, scores: null, weak: null, divided: null },
    ),
  };
  return {
    suppressed: false,
    ...overviewOf(group, thresholds),
    items: itemResults(group),
    facets: facetResults(group),
    correlations: levelCorrelations(group),
    reliability: levelReliabilities(group),
    drivers: driverAnalysis(group),
    jointFigures: {
      roundOnly: !group.isRound,
      concentrated: group.concentrated ?? [],
      releasedBefore: group.isRound && group.concentrated === null,
    },
    heatmap,
    climate: CLIMATE_SCALES.flatMap((id) => {
      const s = wholeScale(group, `climate:${id}`);
      return s ? [{ id, score: round(toPercentScore(mean(s))), n: s.n }] : [];
    }),
    managementGap: management ? managementGap(group, management) : null,
  };
}

/** The levels weak and divided in a unit's group, by the same rule as its own report. */
function unitFlags(group: Group, thresholds: Thresholds): { weak: LevelId[]; divided: LevelId[] } {
  const assessed = levelEvidence(group).map((e) => assessLevel(e, thresholds));
  return {
    weak: assessed.filter((a) => a.weak).map((a) => a.id),
    divided: assessed.filter((a) => a.divided).map((a) => a.id),
  };
}

/** Management versus everyone else in the group, per level; the plan published both, so their difference passed its audit. */
function managementGap(all: Group, management: Group): GapRow[] | null {
  if (all.n - management.n <= 0) return null;
  return LEVELS.flatMap((level) => {
    const m = management.scales.get(level.id);
    const a = all.scales.get(level.id);
    if (!m || !a || a.n - m.n === 0) return [];
    const staffSums = { n: a.n - m.n, sum: a.sum - m.sum, sumSq: a.sumSq - m.sumSq };
    const managementScore = round(toPercentScore(mean(m)));
    const staffScore = round(toPercentScore(mean(staffSums)));
    return [
      { level: level.id, management: managementScore, staff: staffScore, gap: round(managementScore - staffScore) },
    ];
  });
}
