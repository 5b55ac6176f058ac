/**
 * The validated answers as a submission stores them, in their scored form, so a release never
 * validates or reverse-codes them again: each rating's value after reverse-coding, in the
 * instrument's key order, as one digit ("-" where left open or answered "don't know / n/a": both
 * are simply no answer to the score), plus the decision factors (in FACTOR_IDS order, whatever
 * order they were shown or ticked in), the one that weighed most and, when the instrument has
 * one, the 0–10 outcome. With the units and the comment (stored beside
 * it) this is the whole validated response — `answersOf` gives the ratings back as answered — in
 * about 100 bytes, which keeps the one write of a submission small.
 */
import { type FactorId, inFactorOrder } from "./factors.js";
import {
  DONT_KNOW,
  NOT_APPLICABLE,
  outcomeValue,
  type ResponseScore,
  reverseCode,
  scoreValues,
  type ScoringKey,
} from "./scoring.js";

interface StoredScore {
  /** One character per key item: "1"–"5", or "-" for an item left open or answered "n/a". */
  v: string;
  f: FactorId[];
  m: FactorId | null;
  /** The outcome (0–10); absent without an outcome item, and in scores stored before it existed. */
  o?: number;
}

/** The stored form of validated answers: what a submission writes (it needs no scoring first). */
export function encodeAnswers(key: ScoringKey, answers: Readonly<Record<string, unknown>>): string {
  let v = "";
  for (const item of key.items) {
    const raw = answers[item.name];
    v += typeof raw === "number" ? String(item.reverse ? reverseCode(raw) : raw) : "-";
  }
  const factors = key.factorsQuestion ? answers[key.factorsQuestion] : undefined;
  const most = key.mostQuestion ? answers[key.mostQuestion] : undefined;
  const stored: StoredScore = {
    v,
    f: Array.isArray(factors) ? inFactorOrder(factors as unknown[]) : [],
    m: typeof most === "string" ? (most as FactorId) : null,
  };
  const outcome = outcomeValue(key, answers);
  if (outcome !== null) stored.o = outcome;
  return JSON.stringify(stored);
}

/** The score back from its stored form; throws on a form that does not fit the key. */
export function decodeScore(key: ScoringKey, text: string): ResponseScore {
  const stored = JSON.parse(text) as StoredScore;
  if (typeof stored.v !== "string" || stored.v.length !== key.items.length)
    throw new Error("stored score does not fit the instrument");
  const values: Record<string, number> = {};
  key.items.forEach((item, i) => {
    const c = stored.v.charCodeAt(i) - 48;
    if (c >= 1 && c <= 5) values[item.name] = c;
  });
  return scoreValues(key, values, stored.f, stored.m, typeof stored.o === "number" ? stored.o : null);
}

/**
 * The ratings and decision answers as the respondent gave them (reverse-coding undone). An item
 * that offers "n/a" and has no answer gives back "n/a": every scored question is required, so
 * that is what it was. (Were such an item optional, "-" could not tell a skip from "n/a", and
 * would read as "n/a" — which stores as the same "-" again.) An item that offers both "don't know"
 * and "n/a" gives back "n/a" for either: both store as "-", no answer to the score.
 */
export function answersOf(key: ScoringKey, score: ResponseScore): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const item of key.items) {
    const value = score.values[item.name];
    if (value !== undefined) answers[item.name] = item.reverse ? reverseCode(value) : value;
    else if (item.na) answers[item.name] = NOT_APPLICABLE;
    else if (item.dk) answers[item.name] = DONT_KNOW;
  }
  if (key.factorsQuestion) answers[key.factorsQuestion] = score.factors;
  if (key.mostQuestion && score.most !== null) answers[key.mostQuestion] = score.most;
  if (key.outcomeQuestion && score.outcome !== null) answers[key.outcomeQuestion] = score.outcome;
  return answers;
}
