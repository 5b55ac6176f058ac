/**
 * The management report, computed from a release's per-cell sums: level scores with their spread,
 * the start-here diagnosis, a heatmap, the decision-factor mix and the management–staff gap —
 * of the groups the release's disclosure plan publishes, and of no other.
 */
import { CLIMATE_SCALES, DECISION_FACTORS, FACTOR_GROUPS, type ClimateScale, type FactorGroup } from "./factors.js";
import type { Localised } from "./i18n.js";
import { isLevelId, LEVELS, type Level, type LevelId } from "./levels.js";
import { toPercentScore } from "./scoring.js";
import { DEFAULT_THRESHOLDS, isDivided, isWeak, startHere, type LevelResult, type StartHere, type Thresholds } from "./start-here.js";
import { addEntries, confidenceInterval95, mean, round, sampleSd, type ItemCounts, type Sums } from "./statistics.js";
import { matches, type Conditions, type CountedCell } from "./disclosure.js";
import type { PlanRefusal } from "./disclosure-plan.js";
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

export interface LevelSummary {
  id: LevelId;
  rank: number;
  name: Localised;
  n: number;
  /** 0–100 */
  score: number;
  ci95: [number, number];
  /** SD of respondents' level means on the 1–5 scale. */
  sd: number;
  favourablePct: number;
  unfavourablePct: number;
  weak: boolean;
  divided: boolean;
}

export interface HeatmapRow {
  value: string;
  label: Localised;
  n: number | null;
  suppressed: boolean;
  scores: Partial<Record<LevelId, number>> | null;
}

export interface FactorShare {
  id: string;
  side: "system" | "heart";
  label: Localised;
  chosenPct: number;
  mostPct: number;
}

export interface DecisionMix {
  factors: FactorShare[];
  groups: Record<FactorGroup, { chosenPct: number; mostPct: number }>;
  headline: Localised;
}

export interface GapRow {
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
    };

export interface Group {
  n: number;
  scales: Map<string, ScaleSums>;
  factors: Map<string, { chosen: number; most: number }>;
}

/**
 * A group from sums that were already combined elsewhere (a release's group or totals). Only the
 * scales every respondent of the group answered come along (see wholeScale): every reader of a
 * group — report, trends, comparisons, alpha — then shows nothing of a smaller set inside it.
 */
export function groupOf(n: number, scales: Record<string, ScaleSums>, factors: Record<string, { chosen: number; most: number }>): Group {
  return { n, scales: new Map(Object.entries(scales).filter(([, s]) => s.n === n)), factors: new Map(Object.entries(factors)) };
}

export function combine(cells: readonly CellStats[], conditions: Conditions): Group {
  const group = emptyGroup();
  for (const cell of cells) if (matches(cell, conditions)) addCell(group, cell);
  return group;
}

const emptyGroup = (): Group => ({ n: 0, scales: new Map(), factors: new Map() });

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

export function levelResult(id: LevelId, s: ScaleSums): LevelResult {
  return {
    id,
    score: toPercentScore(mean(s)),
    sd: sampleSd(s),
    favourable: s.items > 0 ? s.favourable / s.items : 0,
    unfavourable: s.items > 0 ? s.unfavourable / s.items : 0,
  };
}

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

/** A level as the rule sees it (unrounded) and as the report shows it. */
function assessLevel(level: Level, s: ScaleSums, thresholds: Thresholds): { result: LevelResult; summary: LevelSummary } {
  const result = levelResult(level.id, s);
  const [lo, hi] = confidenceInterval95(s);
  return {
    result,
    summary: {
      id: level.id,
      rank: level.rank,
      name: level.name,
      n: s.n,
      score: round(result.score),
      ci95: [round(Math.max(0, toPercentScore(lo))), round(Math.min(100, toPercentScore(hi)))],
      sd: round(result.sd, 2),
      favourablePct: pct(s.favourable, s.items),
      unfavourablePct: pct(s.unfavourable, s.items),
      weak: isWeak(result, thresholds),
      divided: isDivided(result, thresholds),
    },
  };
}

/** Unrounded 0–100 score per answered level: the input to benchmarks and percentiles. */
export function profileScores(group: Group): Partial<Record<LevelId, number>> {
  return Object.fromEntries(answeredLevels(group).map(({ level, sums }) => [level.id, toPercentScore(mean(sums))]));
}

function levelScores(group: Group): Partial<Record<LevelId, number>> {
  return Object.fromEntries(Object.entries(profileScores(group)).map(([id, score]) => [id, round(score)]));
}

export function desiredGap(group: Group): DesiredGapRow[] | null {
  const rows = answeredLevels(group).flatMap(({ level, sums }) => {
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
  const assessed = answeredLevels(group).map(({ level, sums }) => assessLevel(level, sums, thresholds));
  return {
    n: group.n,
    levels: assessed.map((a) => a.summary),
    startHere: startHere(assessed.map((a) => a.result), thresholds),
    decisionFactors: decisionMix(group),
    desiredGap: desiredGap(group),
  };
}

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
  // Headlines use whole percentages, written the way each language writes them.
  const fairness = Math.round(factors.find((f) => f.id === "personal_fairness")!.chosenPct);
  const rules = Math.round(groups.rules.chosenPct);
  const system = Math.round(groups.system.mostPct);
  const heart = Math.round(groups.heart.mostPct);
  const coatRack = groups.system.mostPct >= 2 * groups.heart.mostPct;
  const headline: Localised = {
    nl:
      `${coatRack ? "Het hart hangt aan de kapstok: " : ""}voor ${rules}% gaven beleid of werkproces de doorslag bij een uitzondering; ` +
      `${system}% liet het systeem het zwaarst wegen, ${heart}% de klant of het eigen rechtvaardigheidsgevoel. ` +
      `Slechts ${fairness}% woog het eigen gevoel voor rechtvaardigheid mee.`,
    en:
      `${coatRack ? "Heart on the coat rack: " : ""}for ${rules}% policy or the work process decided an exception; ` +
      `${system}% weighed the system most, ${heart}% the customer or their own sense of fairness. ` +
      `Only ${fairness}% weighed their own sense of fairness at all.`,
  };
  const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  return { factors, groups, headline: { nl: capitalise(headline.nl), en: capitalise(headline.en) } };
}

export function buildReport(input: ReportInput): Report {
  const { group, management } = input;
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  const heatmap = input.heatmap && {
    dimension: input.heatmap.dimension,
    rows: input.heatmap.rows.map(({ unit, group: g }): HeatmapRow =>
      g ? { value: unit.value, label: unit.label, n: g.n, suppressed: false, scores: levelScores(g) } : { value: unit.value, label: unit.label, n: null, suppressed: true, scores: null },
    ),
  };
  return {
    suppressed: false,
    ...overviewOf(group, thresholds),
    heatmap,
    climate: CLIMATE_SCALES.flatMap((id) => {
      const s = wholeScale(group, `climate:${id}`);
      return s ? [{ id, score: round(toPercentScore(mean(s))), n: s.n }] : [];
    }),
    managementGap: management ? managementGap(group, management) : null,
  };
}

/** Management versus everyone else in the group, per level; the plan published both, so their difference passed its audit. */
export function managementGap(all: Group, management: Group): GapRow[] | null {
  if (all.n - management.n <= 0) return null;
  return LEVELS.flatMap((level) => {
    const m = management.scales.get(level.id);
    const a = all.scales.get(level.id);
    if (!m || !a || a.n - m.n === 0) return [];
    const staffSums = { n: a.n - m.n, sum: a.sum - m.sum, sumSq: a.sumSq - m.sumSq };
    const managementScore = round(toPercentScore(mean(m)));
    const staffScore = round(toPercentScore(mean(staffSums)));
    return [{ level: level.id, management: managementScore, staff: staffScore, gap: round(managementScore - staffScore) }];
  });
}
