/**
 * Scores one respondent: per level (and per decision-climate scale and facet) the mean of the
 * items they answered after reverse-coding, plus the decision factors chosen and the 0–10 outcome.
 * "Don't know / not applicable" is no answer: a scale counts for a person only when they answered
 * enough of its items (meetsMinimum). Pure; the input is already validated.
 */
import { type ClimateScale, type FactorId, inFactorOrder } from "./factors.js";
import type { LevelId } from "./levels.js";

/** Every scored item is a 1–5 agreement rating; the instrument loader enforces it. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/** The answer "don't know / not applicable", offered on items where the question may not apply. */
export const NOT_APPLICABLE = "na";

/**
 * The answer "don't know", offered apart from "not applicable" from instrument v4 on: the item
 * applies, the respondent cannot judge it. Scored the same way: as no answer.
 */
export const DONT_KNOW = "dk";

/** The one overall outcome item ("how customer-centric is our organisation?") is rated 0–10. */
export const OUTCOME_MIN = 0;
export const OUTCOME_MAX = 10;

/** A scale counts for a person only if they answered at least this share of its items (and at least one). */
export const MIN_ANSWERED_SHARE = 0.5;

/** Whether `answered` of a scale's `total` items are enough for the scale to count for a person. */
export function meetsMinimum(answered: number, total: number): boolean {
  return answered >= 1 && answered >= MIN_ANSWERED_SHARE * total;
}

export interface ScoredItem {
  name: string;
  /** Exactly one of level and scale is set. */
  level?: LevelId;
  scale?: ClimateScale;
  reverse: boolean;
  /** "desired" items ask how it should be; they score a level's desired state, not its current one. */
  perspective?: "desired";
  /** A narrower scale inside the level (e.g. "ownership"): the item counts into both. Current-state items only. */
  facet?: string;
  /** On a desired item: the current-state item of the same level whose wording it repeats. */
  mirrors?: string;
  /** The item offers "don't know / not applicable" (NOT_APPLICABLE), which scores as not answered. */
  na?: boolean;
  /** The item offers "don't know" (DONT_KNOW) apart from "n/a"; it scores as not answered too. */
  dk?: boolean;
  /**
   * false: a current-state item of a level kept out of its level's score (and its size): it counts
   * only in its facet, if it has one, and is reported as an item of its level. E.g. perceived
   * agreement beside own beliefs, or a dilemma asked only to see whether staff are split.
   */
  levelScore?: false;
}

/** A current-state item of a level: what a level's item results are made of. */
export const isCurrentItem = (item: ScoredItem): item is ScoredItem & { level: LevelId } =>
  item.level !== undefined && item.perspective !== "desired";

/** A current-state item that counts in its level's score: what the score's alpha, grid and two-camps test are made of. */
export const isLevelScoreItem = (item: ScoredItem): item is ScoredItem & { level: LevelId } =>
  isCurrentItem(item) && item.levelScore !== false;

/** What the scoring needs to know about an instrument, independent of SurveyJS. */
export interface ScoringKey {
  items: readonly ScoredItem[];
  factorsQuestion?: string;
  mostQuestion?: string;
  /** The 0–10 outcome item, if the instrument has one. */
  outcomeQuestion?: string;
}

/** One respondent's result on one level or scale. */
export interface ScaleScore {
  /** Mean item answer on the 1–5 scale, after reverse-coding. */
  mean: number;
  /** Items answered. */
  items: number;
  /** Answers of 4–5 (after reverse-coding). */
  favourable: number;
  /** Answers of 1–2 (after reverse-coding). */
  unfavourable: number;
}

export interface ResponseScore {
  /** Every scored item answered, by name, after reverse-coding: what a release counts per item. */
  values: Record<string, number>;
  levels: Partial<Record<LevelId, ScaleScore>>;
  /** How it should be, per level, from the desired-state items. */
  desired: Partial<Record<LevelId, ScaleScore>>;
  climate: Partial<Record<ClimateScale, ScaleScore>>;
  /** Facet sub-scores, by facet id, from the current-state items tagged with it. */
  facets: Record<string, ScaleScore>;
  factors: FactorId[];
  most: FactorId | null;
  /** The 0–10 outcome answer; null without an outcome item (or in a score stored before it existed). */
  outcome: number | null;
}

export type Answers = Readonly<Record<string, unknown>>;

/** Reverse-keyed items are mirrored on the scale: 1 ↔ 5, 2 ↔ 4. */
export function reverseCode(value: number): number {
  return SCALE_MIN + SCALE_MAX - value;
}

/** Maps a 1–5 mean onto 0–100, the scale management reads. */
export function toPercentScore(mean: number): number {
  return ((mean - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)) * 100;
}

/** Each scored item's answer after reverse-coding, by name; items left open or answered "n/a" are absent. */
function itemValues(key: ScoringKey, answers: Answers): Record<string, number> {
  const values: Record<string, number> = {};
  for (const item of key.items) {
    const raw = answers[item.name];
    if (typeof raw === "number") values[item.name] = item.reverse ? reverseCode(raw) : raw;
  }
  return values;
}

/** The outcome answer, when the key has an outcome item and it was answered in range. */
export function outcomeValue(key: ScoringKey, answers: Answers): number | null {
  const raw = key.outcomeQuestion ? answers[key.outcomeQuestion] : undefined;
  return typeof raw === "number" && Number.isInteger(raw) && raw >= OUTCOME_MIN && raw <= OUTCOME_MAX ? raw : null;
}

export function scoreResponse(key: ScoringKey, answers: Answers): ResponseScore {
  const factors = key.factorsQuestion ? answers[key.factorsQuestion] : undefined;
  const most = key.mostQuestion ? answers[key.mostQuestion] : undefined;
  return scoreValues(
    key,
    itemValues(key, answers),
    Array.isArray(factors) ? inFactorOrder(factors as unknown[]) : [],
    typeof most === "string" ? (most as FactorId) : null,
    outcomeValue(key, answers),
  );
}

/** The score of already reverse-coded item values: what a release computes from a stored score. */
export function scoreValues(
  key: ScoringKey,
  values: Readonly<Record<string, number>>,
  factors: FactorId[],
  most: FactorId | null,
  outcome: number | null = null,
): ResponseScore {
  const { level, desired, climate, facet } = scalesByKind(key);
  return {
    values: { ...values },
    levels: scaleScores(level, values),
    desired: scaleScores(desired, values),
    climate: scaleScores(climate, values),
    facets: scaleScores(facet, values),
    factors,
    most,
    outcome,
  };
}

/** One scale of an instrument and its items, in the instrument's order. */
interface ScaleItems<K extends string> {
  id: K;
  names: readonly string[];
}

interface ScalesByKind {
  level: ScaleItems<LevelId>[];
  desired: ScaleItems<LevelId>[];
  climate: ScaleItems<ClimateScale>[];
  facet: ScaleItems<string>[];
}

/**
 * The key's scales by kind, each with its items, in the order the instrument first names them.
 * A memo only (keyed weakly by the key): a release scores a million stored responses on one key,
 * and working the scales out per response was half of its scoring time.
 */
const scalesMemo = new WeakMap<ScoringKey, ScalesByKind>();
function scalesByKind(key: ScoringKey): ScalesByKind {
  let known = scalesMemo.get(key);
  if (known) return known;
  const byKind: Record<ItemScale["kind"], Map<string, string[]>> = {
    level: new Map(),
    desired: new Map(),
    climate: new Map(),
    facet: new Map(),
  };
  for (const item of key.items)
    for (const scale of scalesOf(item)) {
      const names = byKind[scale.kind].get(scale.id);
      if (names) names.push(item.name);
      else byKind[scale.kind].set(scale.id, [item.name]);
    }
  const list = <K extends string>(map: Map<string, string[]>) =>
    [...map].map(([id, names]) => ({ id: id as K, names }));
  known = {
    level: list<LevelId>(byKind.level),
    desired: list<LevelId>(byKind.desired),
    climate: list<ClimateScale>(byKind.climate),
    facet: list<string>(byKind.facet),
  };
  scalesMemo.set(key, known);
  return known;
}

/**
 * Per scale that counts for this person (see meetsMinimum), the mean of the answers given to its
 * items, how many, and how many were favourable (4–5) and unfavourable (1–2). Every item of a scale
 * counts towards its size; only answered ones (not left open, not "n/a") towards its mean.
 */
function scaleScores<K extends string>(
  scales: readonly ScaleItems<K>[],
  values: Readonly<Record<string, number>>,
): Record<K, ScaleScore> {
  const out = {} as Record<K, ScaleScore>;
  for (const { id, names } of scales) {
    let items = 0;
    let total = 0;
    let favourable = 0;
    let unfavourable = 0;
    for (const name of names) {
      const value = values[name];
      if (value === undefined) continue;
      items += 1;
      total += value;
      if (value >= 4) favourable += 1;
      else if (value <= 2) unfavourable += 1;
    }
    if (meetsMinimum(items, names.length)) out[id] = { mean: total / items, items, favourable, unfavourable };
  }
  return out;
}

/** The items in each level's score, by level, in the instrument's order: their number is the step of the level's grid of means. */
export function levelLayout(key: ScoringKey): Record<string, string[]> {
  const items: Record<string, string[]> = {};
  for (const item of key.items) if (isLevelScoreItem(item)) (items[item.level] ??= []).push(item.name);
  return items;
}

type ItemScale =
  | { kind: "level"; id: LevelId }
  | { kind: "desired"; id: LevelId }
  | { kind: "climate"; id: ClimateScale }
  | { kind: "facet"; id: string };

/** The scales an item counts in: its level's current or desired state, or its climate scale; and its facet. */
function scalesOf(item: ScoredItem): ItemScale[] {
  const out: ItemScale[] = [];
  if (item.level && item.perspective === "desired") out.push({ kind: "desired", id: item.level });
  else if (item.level) {
    if (item.levelScore !== false) out.push({ kind: "level", id: item.level });
  } else if (item.scale) out.push({ kind: "climate", id: item.scale });
  if (item.facet && item.perspective !== "desired") out.push({ kind: "facet", id: item.facet });
  return out;
}

/** The id a release keys a scale by: a level id, "desired:<level>", "climate:<scale>" or "facet:<facet>". */
export const RELEASE_PREFIX: Record<ItemScale["kind"], string> = {
  level: "",
  desired: "desired:",
  climate: "climate:",
  facet: "facet:",
};

/** The items of every scale a response is scored on, by the id a release keys the scale by (scalesOf). */
export function scaleLayout(key: ScoringKey): Record<string, string[]> {
  const items: Record<string, string[]> = {};
  for (const item of key.items)
    for (const scale of scalesOf(item)) (items[`${RELEASE_PREFIX[scale.kind]}${scale.id}`] ??= []).push(item.name);
  return items;
}
