/**
 * Two camps or one peak: a likelihood-ratio test of unimodality on an ordered histogram (the five
 * answers to one item, or respondents' level means in bins). The statistic is G² = 2 Σ c·ln(p̂/q̂)
 * between the observed shares p̂ and the closest one-peaked distribution q̂ — the maximum-likelihood
 * fit under "rises, then falls" (Robertson, Wright & Dykstra 1988: under an order restriction the
 * multinomial MLE is the isotonic regression of the shares, found by pool-adjacent-violators; a
 * one-peaked fit is the best rising prefix joined to the best falling suffix). Two peaks with a dip
 * between them make G² large wherever they sit on the scale — 2 against 4 as much as 1 against 5.
 * The all-equal (flat) distribution is the least favourable null of such an order-restricted test,
 * so critical values simulated under it (split-calibration.ts) bound the false rate for every
 * one-peaked population. Pure.
 */

/**
 * Isotonic (non-decreasing) regression of densities — mass over width — by pool-adjacent-violators:
 * a pooled block's density is its total mass over its total width. Returns the fitted masses.
 */
export function isotonicIncreasing(masses: readonly number[], widths: readonly number[]): number[] {
  const blocks: { mass: number; width: number; size: number }[] = [];
  masses.forEach((mass, i) => {
    blocks.push({ mass, width: widths[i] ?? 1, size: 1 });
    for (;;) {
      const last = blocks.at(-1);
      const before = blocks.at(-2);
      if (!last || !before || before.mass / before.width <= last.mass / last.width) break;
      before.mass += last.mass;
      before.width += last.width;
      before.size += last.size;
      blocks.pop();
    }
  });
  const fit: number[] = [];
  let at = 0;
  for (const b of blocks) for (let i = 0; i < b.size; i++) fit.push((b.mass / b.width) * (widths[at++] ?? 1));
  return fit;
}

/** Σ c·ln(c / (n·q)) over the bins: half of G² between the counts and the distribution q. */
function divergence(counts: readonly number[], q: readonly number[], n: number): number {
  let total = 0;
  counts.forEach((c, i) => {
    const qi = q[i] ?? 0;
    if (c > 0) total += qi > 0 ? c * Math.log(c / (n * qi)) : Number.POSITIVE_INFINITY;
  });
  return total;
}

/**
 * The distribution closest (in likelihood) to the counts whose density rises, then falls. Bins may
 * differ in width (how many points of the underlying scale each holds): density is mass over width,
 * so a wide bin is not a peak merely for being wide.
 */
export function unimodalFit(counts: readonly number[], widths: readonly number[] = counts.map(() => 1)): number[] {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return counts.map(() => 0);
  const shares = counts.map((c) => c / n);
  let best: number[] = shares;
  let bestDivergence = Number.POSITIVE_INFINITY;
  for (let split = 0; split <= shares.length; split++) {
    const rising = isotonicIncreasing(shares.slice(0, split), widths.slice(0, split));
    const falling = isotonicIncreasing(shares.slice(split).reverse(), widths.slice(split).reverse()).reverse();
    const fit = [...rising, ...falling];
    const d = divergence(counts, fit, n);
    if (d < bestDivergence) {
      bestDivergence = d;
      best = fit;
    }
  }
  return best;
}

/** G² of the counts against their closest one-peaked distribution: 0 when they are one-peaked already. */
export function unimodalityStatistic(counts: readonly number[], widths?: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return 0;
  return Math.max(0, 2 * divergence(counts, unimodalFit(counts, widths), n));
}

/** Bins of the level-mean test: about this many, each of whole points of the level's grid. */
const LEVEL_BINS = 9;

/**
 * A level's grid histogram (respondents' level means on the steps of 1/J between 1 and 5, 4J + 1
 * points for J items) merged into at most LEVEL_BINS bins of adjacent points, with each bin's width.
 */
export function rebin(grid: readonly number[], bins = LEVEL_BINS): { counts: number[]; widths: number[] } {
  const size = Math.min(bins, grid.length);
  const counts = new Array<number>(size).fill(0);
  const widths = new Array<number>(size).fill(0);
  grid.forEach((c, i) => {
    const b = Math.floor((i * size) / grid.length);
    counts[b] = (counts[b] ?? 0) + c;
    widths[b] = (widths[b] ?? 0) + 1;
  });
  return { counts, widths };
}

/**
 * The two camps of a two-peaked histogram: the shares (0–1) below and above its deepest dip in
 * density (the dip's bin split evenly); null without a dip.
 */
export function campShares(
  counts: readonly number[],
  widths: readonly number[] = counts.map(() => 1),
): { low: number; high: number; dip: number } | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0 || counts.length < 3) return null;
  const density = counts.map((c, i) => c / (widths[i] ?? 1));
  let best: { depth: number; dip: number } | null = null;
  for (let d = 1; d < density.length - 1; d++) {
    const depth = Math.min(Math.max(...density.slice(0, d)), Math.max(...density.slice(d + 1))) - (density[d] ?? 0);
    if (depth > 0 && (!best || depth > best.depth)) best = { depth, dip: d };
  }
  if (!best) return null;
  const below = counts.slice(0, best.dip).reduce((a, b) => a + b, 0) + (counts[best.dip] ?? 0) / 2;
  return { low: below / n, high: 1 - below / n, dip: best.dip };
}
