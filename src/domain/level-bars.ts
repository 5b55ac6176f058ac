/**
 * The bar a level must clear not to be weak, per level. The seven levels' items do not reach
 * equally high: knowing the mission is easier to agree with than a context that lets staff act.
 * One bar for all (the round's `weakBelow`, 60 by default) makes a hard level look weak more
 * often than an easy one. Where the consultant's norms hold enough organisations measured with
 * the same instrument, each level's bar moves by how far that level's norm lies from the norms'
 * average level: the bars differ only where the levels do, around the round's bar.
 *
 * The bars are drawn from exactly what a manager of the organisation may see of the norm set
 * (benchmark.ts normView: the mean without their own organisation, and only once it is in the
 * set), rounded to whole points, and frozen with the release: a later norm set never changes a
 * released diagnosis, and the bars tell nothing the benchmark line does not.
 */
import type { NormView } from "./benchmark.js";
import { LEVEL_IDS, type LevelId } from "./levels.js";

/** Norms set per-level bars from this many other organisations on; below it the round's one bar holds. */
export const MIN_BAR_ORGANISATIONS = 10;
/** A level's bar moves at most this far from the round's bar: norms refine the threshold, never replace it. */
export const MAX_BAR_SHIFT = 10;

export interface Thresholds {
  /** A level whose 95% interval lies below this (0–100) is weak. */
  weakBelow: number;
  /** Per level, where the norms set the bar (levelBars): replaces weakBelow for that level. */
  levels?: Partial<Record<LevelId, number>>;
}

export const DEFAULT_THRESHOLDS: Thresholds = { weakBelow: 60 };

/** The bar of one level. */
export const barOf = (t: Thresholds, level: LevelId): number => t.levels?.[level] ?? t.weakBelow;

/** Whether two thresholds put every level's bar at the same place. */
export const sameBars = (a: Thresholds, b: Thresholds): boolean =>
  LEVEL_IDS.every((level) => barOf(a, level) === barOf(b, level));

/**
 * The round's thresholds with per-level bars from a norm view, or its one bar when there is no
 * view, fewer than MIN_BAR_ORGANISATIONS contributors, or a contributor measured with another
 * instrument (`sameInstrument` false). The bars use the view's levels rounded to whole points: they
 * tell no more than the benchmark line, which shows them to one decimal.
 */
export function levelBars(round: Thresholds, view: NormView | null, sameInstrument: boolean): Thresholds {
  if (!view || view.contributors.length < MIN_BAR_ORGANISATIONS || !sameInstrument)
    return { weakBelow: round.weakBelow };
  const shown = LEVEL_IDS.map((level) => Math.round(view.levels[level]));
  const average = shown.reduce((sum, x) => sum + x, 0) / shown.length;
  const shift = (x: number) => Math.max(-MAX_BAR_SHIFT, Math.min(MAX_BAR_SHIFT, Math.round(x - average)));
  return {
    weakBelow: round.weakBelow,
    levels: Object.fromEntries(LEVEL_IDS.map((level, i) => [level, round.weakBelow + shift(shown[i] ?? average)])),
  };
}
