/**
 * Scores one respondent: per level (and per decision-climate scale) the mean of its items
 * after reverse-coding, plus the decision factors chosen. Pure; the input is already validated.
 */
import type { ClimateScale, FactorId } from "./factors.js";
import type { LevelId } from "./levels.js";

/** Every scored item is a 1–5 agreement rating; the instrument loader enforces it. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

export interface ScoredItem {
  name: string;
  /** Exactly one of level and scale is set. */
  level?: LevelId;
  scale?: ClimateScale;
  reverse: boolean;
  /** "desired" items ask how it should be; they score a level's desired state, not its current one. */
  perspective?: "desired";
}

/** What the scoring needs to know about an instrument, independent of SurveyJS. */
export interface ScoringKey {
  items: readonly ScoredItem[];
  factorsQuestion?: string;
  mostQuestion?: string;
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
  factors: FactorId[];
  most: FactorId | null;
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

function summarise(values: number[]): ScaleScore {
  const total = values.reduce((a, b) => a + b, 0);
  return {
    mean: total / values.length,
    items: values.length,
    favourable: values.filter((v) => v >= 4).length,
    unfavourable: values.filter((v) => v <= 2).length,
  };
}

/** Each scored item's answer after reverse-coding, by name; items left open are absent. */
export function itemValues(key: ScoringKey, answers: Answers): Record<string, number> {
  const values: Record<string, number> = {};
  for (const item of key.items) {
    const raw = answers[item.name];
    if (typeof raw === "number") values[item.name] = item.reverse ? reverseCode(raw) : raw;
  }
  return values;
}

export function scoreResponse(key: ScoringKey, answers: Answers): ResponseScore {
  const factors = key.factorsQuestion ? answers[key.factorsQuestion] : undefined;
  const most = key.mostQuestion ? answers[key.mostQuestion] : undefined;
  return scoreValues(key, itemValues(key, answers), Array.isArray(factors) ? (factors as FactorId[]) : [], typeof most === "string" ? (most as FactorId) : null);
}

/** The score of already reverse-coded item values: what a release computes from a stored score. */
export function scoreValues(key: ScoringKey, values: Readonly<Record<string, number>>, factors: FactorId[], most: FactorId | null): ResponseScore {
  const byLevel = new Map<LevelId, number[]>();
  const byDesired = new Map<LevelId, number[]>();
  const byScale = new Map<ClimateScale, number[]>();
  for (const item of key.items) {
    const value = values[item.name];
    if (value === undefined) continue; // optional item left open
    if (item.level && item.perspective === "desired") push(byDesired, item.level, value);
    else if (item.level) push(byLevel, item.level, value);
    else if (item.scale) push(byScale, item.scale, value);
  }
  return {
    values: { ...values },
    levels: mapValues(byLevel),
    desired: mapValues(byDesired),
    climate: mapValues(byScale),
    factors,
    most,
  };
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function mapValues<K extends string>(map: Map<K, number[]>): Partial<Record<K, ScaleScore>> {
  const out: Partial<Record<K, ScaleScore>> = {};
  for (const [k, values] of map) out[k] = summarise(values);
  return out;
}
