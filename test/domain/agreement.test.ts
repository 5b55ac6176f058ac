/** Agreement from answer counts, and the two-camps test's pieces, against figures computed by hand. */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import { averageDeviation, itemMoments, NULL_VARIANCE, rwg, rwgJ } from "../../src/domain/agreement.js";
import type { ItemDistribution } from "../../src/domain/release.js";
import { CALIBRATED_N, CALIBRATED_POINTS, CRITICAL, SPLIT_TAIL } from "../../src/domain/split-calibration.js";
import { nullQuantile } from "../../src/domain/split-null.js";
import { criticalValue, splitTest } from "../../src/domain/split-test.js";
import {
  campShares,
  isotonicIncreasing,
  rebin,
  unimodalFit,
  unimodalityStatistic,
} from "../../src/domain/unimodality.js";

describe("agreement indices", () => {
  it("uses the uniform null of five options: (5² − 1) / 12 = 2", () => {
    expect(NULL_VARIANCE).toBe(2);
  });

  it("computes rwg of one item: answers 3, 4, 4, 5 have s² = 2/3, so rwg = 1 − (2/3)/2 = 2/3", () => {
    const counts: ItemDistribution = [0, 0, 1, 2, 1];
    expect(itemMoments(counts)).toEqual({ n: 4, mean: 4, variance: 2 / 3 });
    expect(rwg(itemMoments(counts).variance)).toBeCloseTo(2 / 3, 12);
    // More spread than random answering is no agreement, not a negative one.
    expect(rwg(2.5)).toBe(0);
    expect(rwg(0)).toBe(1);
  });

  it("computes rwg(J) over items: mean s² = 1 over J = 4 gives 4·0.5 / (4·0.5 + 0.5) = 0.8", () => {
    expect(rwgJ([0.5, 1.5, 1, 1])).toBeCloseTo(0.8, 12);
    expect(rwgJ([2, 3])).toBe(0);
    expect(rwgJ([])).toBeNull();
  });

  it("computes the average deviation: answers 1, 1, 5, 5 lie 2 from their mean 3", () => {
    expect(averageDeviation([2, 0, 0, 0, 2])).toBe(2);
    expect(averageDeviation([0, 0, 4, 0, 0])).toBe(0);
  });
});

describe("the two-camps test", () => {
  it("fits a rising-then-falling density by pooling adjacent violators, widths counted", () => {
    // 1, 3, 2 must not fall then rise: 3 and 2 pool to 2.5 each.
    expect(isotonicIncreasing([1, 3, 2], [1, 1, 1])).toEqual([1, 2.5, 2.5]);
    // A bin twice as wide holding twice the mass has the same density: nothing to pool.
    expect(isotonicIncreasing([1, 2], [1, 2])).toEqual([1, 2]);
    expect(isotonicIncreasing([2, 1], [1, 2])).toEqual([1, 2]);
    // Shares of 10/30/14/27/18: the closest one-peaked fit pools 30 and 14 with 27 … by likelihood.
    const fit = unimodalFit([10, 30, 14, 27, 18]);
    expect(fit.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const peak = fit.indexOf(Math.max(...fit));
    expect(fit.slice(0, peak + 1)).toEqual([...fit.slice(0, peak + 1)].sort((a, b) => a - b));
    expect(fit.slice(peak)).toEqual([...fit.slice(peak)].sort((a, b) => b - a));
  });

  it("is 0 on any one-peaked histogram and grows with the dip: G² = 2 Σ c·ln(p̂/q̂)", () => {
    expect(unimodalityStatistic([1, 4, 9, 4, 1])).toBe(0);
    expect(unimodalityStatistic([9, 4, 1, 0, 0])).toBe(0);
    expect(unimodalityStatistic([5, 5, 5, 5, 5])).toBe(0);
    // 10, 0, 10: the best one-peaked fit is 10, 5, 5 (or its mirror): G² = 2·10·ln(10/5) = 20 ln 2.
    expect(unimodalityStatistic([10, 0, 10])).toBeCloseTo(20 * Math.log(2), 12);
    expect(unimodalityStatistic([20, 0, 20])).toBeCloseTo(2 * unimodalityStatistic([10, 0, 10]), 12);
  });

  it("merges a level's grid into at most nine bins of whole steps, each with its width", () => {
    const { counts, widths } = rebin(new Array(21).fill(1));
    expect(widths).toEqual([3, 2, 2, 3, 2, 2, 3, 2, 2]);
    expect(counts).toEqual(widths);
    // A flat grid stays flat in density: no peak from bins that are merely wide.
    expect(unimodalityStatistic(counts, widths)).toBeCloseTo(0, 12);
    expect(rebin([1, 2, 3])).toEqual({ counts: [1, 2, 3], widths: [1, 1, 1] });
  });

  it("splits camps at the deepest dip, the dip's bin shared evenly", () => {
    // 99 answers: 10 + 30 below the dip and half of its 14 → 47 of 99.
    const camps = campShares([10, 30, 14, 27, 18])!;
    expect(camps.dip).toBe(2);
    expect(camps.low).toBeCloseTo(47 / 99, 12);
    expect(camps.high).toBeCloseTo(52 / 99, 12);
    expect(campShares([1, 4, 9, 4, 1])).toBeNull();
  });

  it("takes the critical value for the nearest grid, and between two simulated sizes the larger of theirs", () => {
    const [n0, n1] = [CALIBRATED_N[0], CALIBRATED_N[1]];
    const row = CRITICAL[CALIBRATED_POINTS.indexOf(21)]!;
    expect(criticalValue(21, n0)).toBe(row[0]);
    expect(criticalValue(22, n1)).toBe(row[1]);
    const i = CALIBRATED_N.indexOf(20);
    expect(criticalValue(21, 21)).toBe(Math.max(row[i]!, row[i + 1]!));
    expect(criticalValue(21, 50_000)).toBe(row.at(-1));
    expect(criticalValue(21, 3)).toBe(row[0]);
  });

  it("reproduces its calibration: a fresh simulation of a table entry lands within simulation error", () => {
    const points = 21;
    const n = 30;
    const fresh = nullQuantile(n, points, SPLIT_TAIL, 20_000, seedrandom("recalibrate"));
    expect(Math.abs(fresh - criticalValue(points, n))).toBeLessThan(0.6);
  });

  it("holds its false rate under the null it was calibrated on: flat answers called split at most 2.5% + error", () => {
    const random = seedrandom("flat null");
    let split = 0;
    const runs = 4000;
    for (let r = 0; r < runs; r++) {
      const grid = new Array<number>(21).fill(0);
      for (let i = 0; i < 50; i++) grid[Math.floor(random() * 21)]! += 1;
      if (splitTest(grid).split) split += 1;
    }
    expect(split / runs).toBeLessThanOrEqual(SPLIT_TAIL + 0.01);
  });
});
