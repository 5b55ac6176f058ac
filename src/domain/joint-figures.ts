/**
 * Which figures that pair two answers of one person — the correlations between levels, and the
 * drivers (each level against the outcome) — a release may publish.
 *
 * Any answer can identify: an instrument may ask "I work the night shift (1 = no, 5 = yes)", or
 * make a "level" of that one item. A correlation with such a variable, beside the published means
 * and spreads, gives the few who answered it differently their own scores on the other variable.
 * So a variable enters a joint figure only when at least k people are beyond its most common
 * value: in each item of a level (and in the level's own scores, where the fold kept their
 * distribution), and in the outcome. Joint figures are published for the round as a whole only:
 * two groups' sums of products would give, by difference, those of the people between them,
 * however few or alike they are.
 */
import { LEVEL_IDS, type LevelId } from "./levels.js";

/** A variable of a joint figure: a level's score, or the outcome. */
export type JointVariable = LevelId | "outcome";

/** How many of the people counted in `counts` are not at its most common value. */
export function beyondMode(counts: readonly number[]): number {
  let total = 0;
  let most = 0;
  for (const c of counts) {
    total += c;
    if (c > most) most = c;
  }
  return total - most;
}

/**
 * The variables of `stats` too concentrated to enter a joint figure: levels (with their scored
 * items, `levels`: levelLayout) and the outcome that have a figure at all, where fewer than `k`
 * people are beyond the most common value of the level's scores or of any of its items.
 */
export function concentratedVariables(
  stats: {
    items: Readonly<Record<string, readonly number[]>>;
    outcome?: readonly number[] | null | undefined;
    grids?: Readonly<Record<string, readonly number[]>> | undefined;
  },
  levels: Readonly<Record<string, readonly string[]>>,
  k: number,
): JointVariable[] {
  const out: JointVariable[] = LEVEL_IDS.filter((level) => {
    const names = levels[level];
    if (!names?.length) return false;
    const grid = stats.grids?.[level];
    if (grid && beyondMode(grid) < k) return true;
    return names.some((name) => beyondMode(stats.items[name] ?? []) < k);
  });
  if (stats.outcome?.length && beyondMode(stats.outcome) < k) out.push("outcome");
  return out;
}

/** `pairs` (keyed "upper|lower") without those that pair a variable of `concentrated`. */
export function spreadPairs<T>(
  pairs: Readonly<Record<string, T>>,
  concentrated: readonly JointVariable[],
): Record<string, T> {
  const out = new Set<string>(concentrated);
  return Object.fromEntries(Object.entries(pairs).filter(([key]) => !key.split("|").some((v) => out.has(v))));
}
