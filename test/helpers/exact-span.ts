/**
 * An independent, exact check of what published groups let a reader compute: the kernel of the
 * group-by-cell matrix in rational arithmetic (BigInt), and every set of cells tested against it.
 * Slow and simple on purpose — the audit under test is fast and clever.
 */

type Fraction = [bigint, bigint];

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
function norm([n, d]: Fraction): Fraction {
  if (n === 0n) return [0n, 1n];
  const g = gcd(n, d);
  const s = d < 0n ? -1n : 1n;
  return [(s * n) / g, (s * d) / g];
}
const sub = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
const mul = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[0], a[1] * b[1]]);
const div = (a: Fraction, b: Fraction): Fraction => norm([a[0] * b[1], a[1] * b[0]]);

/** Integer vectors spanning { w : A w = 0 } for the 0/1 matrix A (rows of length width). */
function exactKernel(matrix: readonly (readonly number[])[], width: number): number[][] {
  const rows: Fraction[][] = matrix.map((r) => r.map((x) => [BigInt(x), 1n] as Fraction));
  const pivots: number[] = [];
  let top = 0;
  for (let col = 0; col < width && top < rows.length; col++) {
    const found = rows.findIndex((r, i) => i >= top && r[col]![0] !== 0n);
    if (found < 0) continue;
    [rows[top], rows[found]] = [rows[found]!, rows[top]!];
    const p = rows[top]![col]!;
    rows[top] = rows[top]!.map((x) => div(x, p));
    for (let r = 0; r < rows.length; r++) {
      if (r === top || rows[r]![col]![0] === 0n) continue;
      const f = rows[r]![col]!;
      rows[r] = rows[r]!.map((x, c) => sub(x, mul(f, rows[top]![c]!)));
    }
    pivots.push(col);
    top++;
  }
  const kernel: number[][] = [];
  for (let free = 0; free < width; free++) {
    if (pivots.includes(free)) continue;
    const w: Fraction[] = Array.from({ length: width }, () => [0n, 1n] as Fraction);
    w[free] = [1n, 1n];
    pivots.forEach((p, i) => (w[p] = norm([-rows[i]![free]![0], rows[i]![free]![1]])));
    const lcm = w.reduce((l, [, d]) => (l * d) / gcd(l, d), 1n);
    kernel.push(w.map(([n, d]) => Number((n * lcm) / d)));
  }
  return kernel;
}

/** Whether the sum over `cells` can be computed from the groups: its indicator is orthogonal to the kernel. */
const computable = (kernel: readonly number[][], cells: readonly number[]) =>
  kernel.every((w) => cells.reduce((s, c) => s + w[c]!, 0) === 0);

/** Every set of cells (as indices) with 1..k−1 respondents that can be computed; exhaustive, for small tables. */
export function smallComputableSets(
  counts: readonly number[],
  groups: readonly (readonly number[])[],
  k: number,
): number[][] {
  const width = counts.length;
  const kernel = exactKernel(
    groups.map((g) => Array.from({ length: width }, (_, c) => (g.includes(c) ? 1 : 0))),
    width,
  );
  const found: number[][] = [];
  for (let mask = 1; mask < 1 << width; mask++) {
    const cells = [...Array(width).keys()].filter((c) => mask & (1 << c));
    const n = cells.reduce((s, c) => s + counts[c]!, 0);
    if (n < k && computable(kernel, cells)) found.push(cells);
  }
  return found;
}
