/**
 * A careless-response screen (Curran 2016; Meade & Craig 2012): whether one respondent's answers
 * look like answering without reading. Three signs, all on the scored items:
 *
 * - **Straight-lining**: the same raw answer to every item (at least MIN_ITEMS of them), where some
 *   items are reverse-keyed — so the respondent agreed with statements and with their opposites.
 * - **Contradictions**: on a level with both kinds of items, the reverse-keyed item's score and the
 *   mean of the others lie CONTRADICTION points or more apart on the 1–5 scale (agreeing with a
 *   statement and with its opposite), on at least half of such levels and on at least two.
 * - **Inconsistency**: answers to one level's questions spread as far as random answers do — the
 *   mean, over levels with at least three answered items, of the SD of a person's scored answers
 *   within the level is INCONSISTENT or more (uniformly random answers give about 1.4, a consistent
 *   respondent about 0.6; simulated, 96% of random respondents and under 1% of widely dispersed
 *   but consistent ones pass it).
 *
 * A release counts such respondents for the round as a whole and reports the count to the
 * consultant, never who, never per group; nothing is excluded on it. Pure.
 */
import { isLevelScoreItem, type ScoringKey } from "./scoring.js";
import { sampleSd } from "./statistics.js";

/** Straight-lining needs at least this many answered items to mean anything. */
const MIN_ITEMS = 10;
/** Scored points between a reverse-keyed item and its level's other items that make a contradiction. */
const CONTRADICTION = 3;
/** Mean within-level SD of a person's scored answers at which they answer as if at random. */
const INCONSISTENT = 1.1;

/**
 * The screen for one instrument's key, prepared once: a release runs it on every response, so the
 * check itself walks the prepared lists and allocates nothing per level.
 */
export function carelessScreen(key: ScoringKey): (values: Readonly<Record<string, number>>) => boolean {
  const rated = key.items.filter((i) => i.level !== undefined || i.scale !== undefined);
  const byLevel = new Map<string, { forward: string[]; reverse: string[] }>();
  for (const item of key.items) {
    if (!isLevelScoreItem(item)) continue;
    const entry = byLevel.get(item.level) ?? { forward: [], reverse: [] };
    (item.reverse ? entry.reverse : entry.forward).push(item.name);
    byLevel.set(item.level, entry);
  }
  const levels = [...byLevel.values()];
  return (values) => {
    // Straight-lining: one raw answer everywhere, reverse-keyed items among those answered.
    let answered = 0;
    let first = 0;
    let same = true;
    let reverseAnswered = false;
    for (const item of rated) {
      const v = values[item.name];
      if (v === undefined) continue;
      const raw = item.reverse ? 6 - v : v;
      if (answered === 0) first = raw;
      else if (raw !== first) same = false;
      if (item.reverse) reverseAnswered = true;
      answered += 1;
    }
    if (same && reverseAnswered && answered >= MIN_ITEMS) return true;
    let paired = 0;
    let contradicted = 0;
    let spreads = 0;
    let spreadTotal = 0;
    for (const { forward, reverse } of levels) {
      const all = { n: 0, sum: 0, sumSq: 0 };
      let forwardSum = 0;
      let forwardN = 0;
      let lowest = Number.POSITIVE_INFINITY;
      let highest = Number.NEGATIVE_INFINITY;
      for (const name of forward) {
        const v = values[name];
        if (v === undefined) continue;
        forwardSum += v;
        forwardN += 1;
        all.n += 1;
        all.sum += v;
        all.sumSq += v * v;
      }
      for (const name of reverse) {
        const v = values[name];
        if (v === undefined) continue;
        lowest = Math.min(lowest, v);
        highest = Math.max(highest, v);
        all.n += 1;
        all.sum += v;
        all.sumSq += v * v;
      }
      if (forwardN > 0 && highest >= lowest) {
        paired += 1;
        const mean = forwardSum / forwardN;
        // The reverse-keyed answer furthest from the others is the one that may contradict them.
        if (Math.max(Math.abs(lowest - mean), Math.abs(highest - mean)) >= CONTRADICTION) contradicted += 1;
      }
      if (all.n >= 3) {
        spreads += 1;
        spreadTotal += sampleSd(all);
      }
    }
    if (contradicted >= 2 && contradicted >= paired / 2) return true;
    return spreads >= 3 && spreadTotal / spreads >= INCONSISTENT;
  };
}

/** Whether one respondent's scored values (after reverse-coding) show careless answering (carelessScreen, for one response). */
export const isCareless = (key: ScoringKey, values: Readonly<Record<string, number>>): boolean =>
  carelessScreen(key)(values);
