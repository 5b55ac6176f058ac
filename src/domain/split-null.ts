/**
 * The null distribution of the two-camps test (unimodality.ts), by simulation: answers spread
 * evenly over every point of the scale — the least favourable one-peaked population of an
 * order-restricted test — for a group of n. Its upper quantile is the critical value at that n,
 * so a one-peaked group is called divided at most that share of the time, whatever its size.
 * scripts/calibrate-split.ts tabulates it (split-calibration.ts); the tests re-simulate a few
 * entries. Pure and seeded.
 */
import { rebin, unimodalityStatistic } from "./unimodality.js";

/** The statistic's upper `tail` quantile for n answers spread evenly over `points` points (rebinned as a level's grid is). */
export function nullQuantile(n: number, points: number, tail: number, runs: number, random: () => number): number {
  const stats = new Float64Array(runs);
  const grid = new Array<number>(points);
  for (let r = 0; r < runs; r++) {
    grid.fill(0);
    for (let i = 0; i < n; i++) {
      const p = Math.floor(random() * points);
      grid[p] = (grid[p] ?? 0) + 1;
    }
    const { counts, widths } = rebin(grid);
    stats[r] = unimodalityStatistic(counts, widths);
  }
  stats.sort();
  return stats[Math.min(runs - 1, Math.ceil((1 - tail) * runs) - 1)] ?? 0;
}
