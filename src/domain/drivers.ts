/**
 * Which levels drive the outcome item ("how customer-centric are we, 0–10"): Johnson's relative
 * weights (Johnson 2000; Tonidandel & LeBreton 2011). The levels correlate with each other, so
 * regression weights split their shared part arbitrarily; relative weights first turn the levels
 * into their closest uncorrelated counterparts, regress the outcome on those, and give each level
 * its share of R² — the weights add up to R² and are never negative. From correlations only, which
 * a release keeps per published group (pairwise sums of level means and the outcome).
 */

/** Eigenvalues and eigenvectors (columns) of a symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]!), vectors: v };
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
    Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) =>
        values.reduce((acc, l, k) => acc + vectors[i]![k]! * l ** power * vectors[j]![k]!, 0),
      ),
    );
  const lambda = root(0.5);
  const inverseRoot = root(-0.5);
  // The outcome regressed on the orthogonal counterparts: β = Λ⁻¹ rxy.
  const beta = inverseRoot.map((row) => row.reduce((acc, x, j) => acc + x * rxy[j]!, 0));
  const weights = lambda.map((row) => row.reduce((acc, x, k) => acc + x * x * beta[k]! ** 2, 0));
  return { rSquared: beta.reduce((acc, b) => acc + b * b, 0), weights };
}
