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

const sd = (values: readonly number[]) =>
  sampleSd({
    n: values.length,
    sum: values.reduce((a, b) => a + b, 0),
    sumSq: values.reduce((a, b) => a + b * b, 0),
  });

/** Whether one respondent's scored values (after reverse-coding) show careless answering. */
export function isCareless(key: ScoringKey, values: Readonly<Record<string, number>>): boolean {
  const answered = key.items.filter(
    (i) => (i.level !== undefined || i.scale !== undefined) && values[i.name] !== undefined,
  );
  const raw = answered.map((i) => {
    const v = values[i.name] ?? 0;
    return i.reverse ? 6 - v : v;
  });
  if (answered.length >= MIN_ITEMS && answered.some((i) => i.reverse) && raw.every((v) => v === raw[0])) return true;
  const levels = new Map<string, { forward: number[]; reverse: number[] }>();
  for (const item of key.items) {
    const v = values[item.name];
    if (!isLevelScoreItem(item) || v === undefined) continue;
    const entry = levels.get(item.level) ?? { forward: [], reverse: [] };
    (item.reverse ? entry.reverse : entry.forward).push(v);
    levels.set(item.level, entry);
  }
  const paired = [...levels.values()].filter((l) => l.forward.length > 0 && l.reverse.length > 0);
  const contradicted = paired.filter((l) => {
    const forward = l.forward.reduce((a, b) => a + b, 0) / l.forward.length;
    return l.reverse.some((r) => Math.abs(r - forward) >= CONTRADICTION);
  }).length;
  if (contradicted >= 2 && contradicted >= paired.length / 2) return true;
  const spreads = [...levels.values()].flatMap((l) => {
    const all = [...l.forward, ...l.reverse];
    return all.length >= 3 ? [sd(all)] : [];
  });
  return spreads.length >= 3 && spreads.reduce((a, b) => a + b, 0) / spreads.length >= INCONSISTENT;
}
