/**
 * Which levels drive the outcome item ("how customer-centric are we, 0–10"): Johnson's relative
 * weights (Johnson 2000; Tonidandel & LeBreton 2011). The levels correlate with each other, so
 * regression weights split their shared part arbitrarily; relative weights first turn the levels
 * into their closest uncorrelated counterparts, regress the outcome on those, and give each level
 * its share of R² — the weights add up to R² and are never negative. From correlations only, which
 * a release keeps per published group (pairwise sums of level means and the outcome).
 */
import { at } from "../lib/invariant.js";

/** Eigenvalues and eigenvectors (columns) of a symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) {
      const ap = at(a, p, "matrix");
      for (let q = p + 1; q < n; q++) off += at(ap, q, "matrix row") ** 2;
    }
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const ap = at(a, p, "matrix");
        const aq = at(a, q, "matrix");
        const apq = at(ap, q, "matrix row");
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (at(aq, q, "matrix row") - at(ap, p, "matrix row")) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) rotate(at(a, k, "matrix"), p, q, c, s);
        for (let k = 0; k < n; k++) {
          const apk = at(ap, k, "matrix row");
          const aqk = at(aq, k, "matrix row");
          ap[k] = c * apk - s * aqk;
          aq[k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) rotate(at(v, k, "eigenvectors"), p, q, c, s);
      }
    }
  }
  return { values: a.map((row, i) => at(row, i, "matrix row")), vectors: v };
}

/** Rotates entries p and q of `row` by the angle whose cosine is c and sine s (in place). */
function rotate(row: number[], p: number, q: number, c: number, s: number): void {
  const x = at(row, p, "matrix row");
  const y = at(row, q, "matrix row");
  row[p] = c * x - s * y;
  row[q] = s * x + c * y;
}

export interface RelativeWeights {
  /** Variance of the outcome explained by all predictors together. */
  rSquared: number;
  /** Per predictor, its share of R² (raw weight); they sum to rSquared. */
  weights: number[];
}

/**
 * Relative weights from the predictors' correlation matrix `rxx` and their correlations with the
 * outcome `rxy`. Null when the matrix is not positive definite (a predictor is a mix of others,
 * or pairwise correlations do not fit together).
 */
export function relativeWeights(rxx: readonly (readonly number[])[], rxy: readonly number[]): RelativeWeights | null {
  const n = rxy.length;
  if (n === 0 || rxx.length !== n) return null;
  const { values, vectors } = symmetricEigen(rxx);
  if (values.some((l) => !(l > 1e-8))) return null;
  // Λ = V diag(√λ) Vᵀ: the correlations of the predictors with their orthogonal counterparts.
  const root = (power: number) =>
    vectors.map((vi) => vectors.map((vj) => values.reduce((acc, l, k) => acc + at(vi, k) * l ** power * at(vj, k), 0)));
  const lambda = root(0.5);
  const inverseRoot = root(-0.5);
  // The outcome regressed on the orthogonal counterparts: β = Λ⁻¹ rxy.
  const beta = inverseRoot.map((row) => row.reduce((acc, x, j) => acc + x * at(rxy, j, "rxy"), 0));
  const weights = lambda.map((row) => row.reduce((acc, x, k) => acc + x * x * at(beta, k) ** 2, 0));
  return { rSquared: beta.reduce((acc, b) => acc + b * b, 0), weights };
}
