/** Agreement and bimodality from answer counts, against figures computed by hand. */
import { describe, expect, it } from "vitest";

import {
  averageDeviation,
  bimodalityCoefficient,
  camps,
  itemMoments,
  NULL_VARIANCE,
  rwg,
  rwgJ,
} from "../../src/domain/agreement.js";
import type { ItemDistribution } from "../../src/domain/release.js";

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

  it("computes the bimodality coefficient with small-sample corrections", () => {
    // 1, 1, 5, 5: symmetric, so skewness 0; m2 = 4, m4 = 16, g2 = 16/16 − 3 = −2.
    // Corrected kurtosis ((5·−2 + 6)·3) / (2·1) = −6; BC = 1 / (−6 + 3·9/(2·1)) = 1 / 7.5.
    expect(bimodalityCoefficient([2, 0, 0, 0, 2])).toBeCloseTo(1 / 7.5, 12);
    // An even spread over five options has excess kurtosis −6(5² + 1) / (5(5² − 1)) = −1.3, so BC
    // approaches 1 / 1.7 ≈ 0.588; two far peaks lie above it, one peak below.
    expect(bimodalityCoefficient([20000, 20000, 20000, 20000, 20000])).toBeCloseTo(1 / 1.7, 3);
    expect(bimodalityCoefficient([300, 200, 0, 200, 300])!).toBeGreaterThan(0.7);
    expect(bimodalityCoefficient([10, 100, 400, 100, 10])!).toBeLessThan(0.4);
    expect(bimodalityCoefficient([0, 0, 7, 0, 0])).toBeNull();
    expect(bimodalityCoefficient([0, 1, 1, 1, 0])).toBeNull();
  });

  it("counts the two camps as shares of answers", () => {
    expect(camps([1, 2, 3, 2, 2])).toEqual({ low: 0.3, high: 0.4 });
    expect(camps([0, 0, 0, 0, 0])).toEqual({ low: 0, high: 0 });
  });
});
