/**
 * The row space of a small 0/1 matrix, in reduced row echelon form: what can be computed from
 * published group totals by adding and subtracting them. Floating point with partial pivoting;
 * the matrices are group-by-cell indicators of a few hundred entries a side, whose echelon entries
 * are small ratios, so a tolerance far above rounding error and far below any real entry is safe.
 */
import { at, entry } from "../lib/invariant.js";

export const TOLERANCE = 1e-7;

export interface RowSpace {
  /** Number of columns. */
  width: number;
  /** Rows of the reduced echelon form; row i has a 1 in column pivots[i] and 0 in every other pivot column. */
  rows: Float64Array[];
  pivots: number[];
}

/** The reduced row echelon form of `matrix` (rows of length `width`), a pivot at a time: it yields after each, so a large elimination lets other work in. */
export function* rowSpaceSteps(matrix: readonly (readonly number[])[], width: number): Generator<void, RowSpace> {
  const work = matrix.map((r) => Float64Array.from(r));
  const pivots: number[] = [];
  let top = 0;
  for (let col = 0; col < width && top < work.length; col++) {
    const inColumn = (row: Float64Array) => entry(row, col);
    let best = at(work, top, "matrix");
    let bestAt = top;
    for (let r = top + 1; r < work.length; r++) {
      const row = at(work, r, "matrix");
      if (Math.abs(inColumn(row)) > Math.abs(inColumn(best))) [best, bestAt] = [row, r];
    }
    if (Math.abs(inColumn(best)) < TOLERANCE) continue;
    [work[top], work[bestAt]] = [best, at(work, top, "matrix")];
    const pivotRow = best;
    const scale = inColumn(pivotRow);
    for (let c = 0; c < width; c++) pivotRow[c] = entry(pivotRow, c) / scale;
    for (const [r, row] of work.entries()) {
      if (r === top) continue;
      const factor = inColumn(row);
      if (Math.abs(factor) < TOLERANCE) continue;
      for (let c = col; c < width; c++) row[c] = entry(row, c) - factor * entry(pivotRow, c);
    }
    pivots.push(col);
    top++;
    yield;
  }
  return { width, rows: work.slice(0, top), pivots };
}

/** Whether `vector` is a linear combination of the space's rows. */
export function inRowSpace(space: RowSpace, vector: readonly number[]): boolean {
  const rest = Float64Array.from(vector);
  space.rows.forEach((row, i) => {
    const factor = entry(rest, at(space.pivots, i, "pivots"));
    if (factor !== 0) for (let c = 0; c < space.width; c++) rest[c] = entry(rest, c) - factor * entry(row, c);
  });
  return rest.every((x) => Math.abs(x) < TOLERANCE);
}
