/** Relative weights, checked against hand-computed cases and against ordinary least squares. */
import { describe, expect, it } from "vitest";

import { relativeWeights, symmetricEigen } from "../../src/domain/drivers.js";
import { alphaInterval } from "../../src/domain/reliability.js";

/** R² of OLS from correlations: β = Rxx⁻¹ rxy by Gaussian elimination, R² = β · rxy. */
function olsRSquared(rxx: number[][], rxy: number[]): number {
  const n = rxy.length;
  const m = rxx.map((row, i) => [...row, rxy[i]!]);
  for (let c = 0; c < n; c++) {
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const beta = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--)
    beta[r] = (m[r]![n]! - beta.reduce((acc, b, k) => acc + (k > r ? m[r]![k]! * b : 0), 0)) / m[r]![r]!;
  return beta.reduce((acc, b, i) => acc + b * rxy[i]!, 0);
}

describe("relative weights", () => {
  it("are the squared correlations when the levels do not correlate", () => {
    const w = relativeWeights(
      [
        [1, 0],
        [0, 1],
      ],
      [0.3, 0.4],
    )!;
    expect(w.rSquared).toBeCloseTo(0.25, 12);
    expect(w.weights[0]).toBeCloseTo(0.09, 12);
    expect(w.weights[1]).toBeCloseTo(0.16, 12);
  });

  it("split the shared part equally between two equal levels: R² = 2r² / (1 + ρ)", () => {
    const w = relativeWeights(
      [
        [1, 0.5],
        [0.5, 1],
      ],
      [0.5, 0.5],
    )!;
    expect(w.rSquared).toBeCloseTo((2 * 0.25) / 1.5, 12);
    expect(w.weights[0]).toBeCloseTo(w.weights[1]!, 12);
  });

  it("add up to the R² of least squares and are never negative", () => {
    const rxx = [
      [1, 0.6, 0.3, 0.2],
      [0.6, 1, 0.45, 0.3],
      [0.3, 0.45, 1, 0.5],
      [0.2, 0.3, 0.5, 1],
    ];
    const rxy = [0.5, 0.45, 0.3, 0.1];
    const w = relativeWeights(rxx, rxy)!;
    expect(w.rSquared).toBeCloseTo(olsRSquared(rxx, rxy), 10);
    expect(w.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(w.rSquared, 10);
    for (const x of w.weights) expect(x).toBeGreaterThanOrEqual(0);
    // The level that correlates most with the outcome carries the most weight here.
    expect(w.weights.indexOf(Math.max(...w.weights))).toBe(0);
  });

  it("refuse a matrix that is not positive definite", () => {
    expect(
      relativeWeights(
        [
          [1, 1],
          [1, 1],
        ],
        [0.5, 0.5],
      ),
    ).toBeNull();
  });

  it("rest on an eigen decomposition that rebuilds the matrix", () => {
    const a = [
      [2, 1, 0],
      [1, 3, 1],
      [0, 1, 4],
    ];
    const { values, vectors } = symmetricEigen(a);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        expect(values.reduce((acc, l, k) => acc + vectors[i]![k]! * l * vectors[j]![k]!, 0)).toBeCloseTo(a[i]![j]!, 10);
    expect(values.reduce((x, y) => x + y, 0)).toBeCloseTo(9, 10);
  });
});

describe("Feldt's interval of alpha", () => {
  it("lies around alpha, narrows with more respondents, and is 1 − (1 − α)·F at its ends", () => {
    const [lo, hi] = alphaInterval(0.8, 100, 5);
    expect(lo).toBeLessThan(0.8);
    expect(hi).toBeGreaterThan(0.8);
    // F(0.975; 99, 396) ≈ 1.35 and F(0.025; 99, 396) ≈ 0.72 (tables): about [0.73, 0.86].
    expect(lo).toBeCloseTo(0.73, 2);
    expect(hi).toBeCloseTo(0.855, 2);
    const [lo2, hi2] = alphaInterval(0.8, 1000, 5);
    expect(hi2 - lo2).toBeLessThan(hi - lo);
  });
});
