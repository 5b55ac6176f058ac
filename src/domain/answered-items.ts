/**
 * Items some respondents did not answer ("n.v.t.", "weet niet"): which may be published over those
 * who did. An item's figures over its answerers stand for a subgroup the disclosure plan never
 * audited, and together with the level scores (a mean over fewer items for those who skipped one)
 * they also give the sums of those who skipped it. So an item is published only when, were every
 * group's respondents split by which of the published items they left open and each part's
 * figures shown, still no set of 1..k−1 respondents could be computed (disclosure-audit.ts) —
 * conservative: every figure a release derives from such items is a sum over those parts.
 *
 * Items are tried one at a time, in the instrument's order, first in every group the plan shows,
 * else in the round as a whole only; an item that fails both stays unpublished, as before. The
 * outcome says that some part would have been small, never which or where. Only rounds on codes:
 * on an open link k counts submissions, which anyone with the link can invent.
 */
import { defined } from "../lib/invariant.js";
import { allSteps } from "../lib/steps.js";
import { type CellKey, matches } from "./disclosure.js";
import { auditPlan } from "./disclosure-audit.js";
import type { DisclosurePlan } from "./disclosure-plan.js";
import { auditColumns } from "./plan-audit.js";

/** A cell's respondents by which of the items that can be left open they left open. */
export interface PatternCell extends CellKey {
  /** Key: the left-open items' indices (in `AnsweredItemsInput.optional`) joined by ","; "" for none. */
  patterns: ReadonlyMap<string, number>;
}

export interface AnsweredItems {
  /** Published over their answerers in every group the plan shows. */
  everywhere: string[];
  /** Published over their answerers in the round as a whole only. */
  roundOnly: string[];
}

/**
 * Entries one trial's elimination may touch (rows × columns × rank, at most): a trial above it is
 * not run, and its items stay unpublished, as the plan treats what it cannot prove. About 50 ms here;
 * a round of hundreds of small cells with scattered "n.v.t." answers reaches it.
 */
const TRIAL_ELIMINATION = 30_000_000;

/** The pattern key of a respondent who left open the items at these indices (ascending). */
export const patternKey = (leftOpen: readonly number[]): string => leftOpen.join(",");

/**
 * @param cells respondents per cell and pattern
 * @param optional the items that can be left open, in the order pattern keys index them
 * @param partial the names among them that some respondent of the round left open, in the instrument's order
 */
export function answeredItems(
  cells: readonly PatternCell[],
  plan: DisclosurePlan,
  optional: readonly string[],
  partial: readonly string[],
): AnsweredItems {
  return allSteps(answeredItemsTrials(cells, plan, optional, partial));
}

/** answeredItems one trial at a time: the release lets other requests in between (each trial is one audit). */
export function* answeredItemsTrials(
  cells: readonly PatternCell[],
  plan: DisclosurePlan,
  optional: readonly string[],
  partial: readonly string[],
): Generator<void, AnsweredItems> {
  const shown = plan.groups.filter((g) => g.shown);
  const round = plan.groups[0];
  const index = new Map(optional.map((name, i) => [name, i]));
  // Each cell's patterns as sets of left-open indices, once.
  const parsed = cells.map((cell) => ({
    cell,
    patterns: [...cell.patterns].map(([key, n]) => ({ open: key === "" ? [] : key.split(",").map(Number), n })),
  }));

  /** Whether publishing `everywhere` in every shown group and `roundOnly` in the round leaves no small set computable. */
  const safe = (everywhere: readonly string[], roundOnly: readonly string[]): boolean => {
    const indexOf = (name: string) => defined(index.get(name), "a partial item is an optional one");
    const all = new Set([...everywhere, ...roundOnly].map(indexOf));
    const inGroups = new Set(everywhere.map(indexOf));
    // Sub-cells: a cell's respondents with the same left-open items among those published anywhere.
    const subCells: { cell: CellKey; open: number[]; n: number }[] = [];
    for (const { cell, patterns } of parsed) {
      const byKey = new Map<string, { cell: CellKey; open: number[]; n: number }>();
      for (const p of patterns) {
        const open = p.open.filter((i) => all.has(i));
        const key = patternKey(open);
        const sub = byKey.get(key) ?? { cell, open, n: 0 };
        sub.n += p.n;
        byKey.set(key, sub);
      }
      subCells.push(...[...byKey.values()].filter((s) => s.n > 0));
    }
    // One row per shown group and part: its respondents with the same left-open items among those it publishes.
    const rows: { members: number[] }[] = [];
    for (const group of shown) {
      const published = group === round ? all : inGroups;
      const parts = new Map<string, number[]>();
      subCells.forEach((sub, i) => {
        if (!matches(sub.cell, group.conditions)) return;
        const key = patternKey(sub.open.filter((x) => published.has(x)));
        const members = parts.get(key);
        if (members) members.push(i);
        else parts.set(key, [i]);
      });
      for (const members of parts.values()) rows.push({ members });
    }
    const { counts, groups } = auditColumns(subCells, rows);
    if (groups.length * counts.length * Math.min(groups.length, counts.length) > TRIAL_ELIMINATION) return false;
    // With the plan's own search budget: a trial it cannot prove counts as unsafe. Each item published
    // makes the next trial's parts finer, so in a large round with scattered "n.v.t." answers the
    // first item or two may be published and the rest not.
    return auditPlan(counts, groups, plan.k).safe;
  };

  const everywhere: string[] = [];
  const roundOnly: string[] = [];
  // A round on an open link (no breakdowns) counts submissions, not people: invented answers could
  // pad either part of an item up to k around one real person. Such rounds publish no such item.
  if (!round?.shown || !plan.breakdowns) return { everywhere, roundOnly };
  const breakdowns = shown.length > 1;
  for (const name of partial) {
    if (!index.has(name)) continue;
    if (breakdowns) {
      const inGroups = safe([...everywhere, name], roundOnly);
      yield;
      if (inGroups) {
        everywhere.push(name);
        continue;
      }
    }
    if (safe(everywhere, [...roundOnly, name])) roundOnly.push(name);
    yield;
  }
  return { everywhere, roundOnly };
}
