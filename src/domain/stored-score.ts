/**
 * The scored form of a response as a submission stores it, so a release never validates or
 * reverse-codes answers again: each scored item's value in the instrument's key order as one
 * digit ("-" where left open), plus the decision factors. Compact on purpose: it is written on
 * every submission and read once per response by the release.
 */
import type { FactorId } from "./factors.js";
import { scoreValues, type ResponseScore, type ScoringKey } from "./scoring.js";

interface StoredScore {
  /** One character per key item: "1"–"5", or "-" for an item left open. */
  v: string;
  f: FactorId[];
  m: FactorId | null;
}

export function encodeScore(key: ScoringKey, score: ResponseScore): string {
  const v = key.items.map((item) => (score.values[item.name] === undefined ? "-" : String(score.values[item.name]))).join("");
  const stored: StoredScore = { v, f: score.factors, m: score.most };
  return JSON.stringify(stored);
}

/** The score back from its stored form; throws on a form that does not fit the key. */
export function decodeScore(key: ScoringKey, text: string): ResponseScore {
  const stored = JSON.parse(text) as StoredScore;
  if (typeof stored.v !== "string" || stored.v.length !== key.items.length) throw new Error("stored score does not fit the instrument");
  const values: Record<string, number> = {};
  key.items.forEach((item, i) => {
    const c = stored.v.charCodeAt(i) - 48;
    if (c >= 1 && c <= 5) values[item.name] = c;
  });
  return scoreValues(key, values, stored.f, stored.m);
}
