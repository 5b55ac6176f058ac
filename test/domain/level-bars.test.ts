/**
 * Per-level bars (level-bars.ts): drawn from a norm view only with enough organisations all on the
 * round's instrument, moved by each level's distance from the norms' average level, never more than
 * MAX_BAR_SHIFT, and what assessLevel judges each level against.
 */
import { describe, expect, it } from "vitest";

import type { NormEntry, NormView } from "../../src/domain/benchmark.js";
import {
  barOf,
  DEFAULT_THRESHOLDS,
  levelBars,
  MAX_BAR_SHIFT,
  MIN_BAR_ORGANISATIONS,
  sameBars,
} from "../../src/domain/level-bars.js";
import { LEVEL_IDS, type LevelId } from "../../src/domain/levels.js";
import { assessLevel } from "../../src/domain/start-here.js";

const NORMS: Record<LevelId, number> = {
  mission: 74.4,
  identity: 70.2,
  values: 66.6,
  competencies: 64.9,
  skills: 63.1,
  behaviour: 58.3,
  context: 41.0,
};

function view(contributors: number, levels: Record<LevelId, number> = NORMS): NormView {
  const entry = (i: number): NormEntry => ({ organisationId: `o${i}`, campaignId: `c${i}`, scores: levels });
  return { contributors: Array.from({ length: contributors }, (_, i) => entry(i)), levels };
}

describe("levelBars", () => {
  it("keeps the round's one bar without norms, with too few organisations, or with another instrument among them", () => {
    const round = { weakBelow: 55 };
    for (const bars of [
      levelBars(round, null, true),
      levelBars(round, view(MIN_BAR_ORGANISATIONS - 1), true),
      levelBars(round, view(MIN_BAR_ORGANISATIONS), false),
    ]) {
      expect(bars).toEqual({ weakBelow: 55 });
      expect(LEVEL_IDS.map((l) => barOf(bars, l))).toEqual(LEVEL_IDS.map(() => 55));
    }
  });

  it("moves each level's bar by its rounded norm's distance from the average level, at most MAX_BAR_SHIFT", () => {
    const bars = levelBars({ weakBelow: 60 }, view(MIN_BAR_ORGANISATIONS), true);
    const shown = LEVEL_IDS.map((l) => Math.round(NORMS[l]));
    const average = shown.reduce((a, b) => a + b, 0) / shown.length;
    LEVEL_IDS.forEach((level, i) => {
      const raw = Math.round(shown[i]! - average);
      expect(barOf(bars, level) - 60, level).toBe(Math.max(-MAX_BAR_SHIFT, Math.min(MAX_BAR_SHIFT, raw)));
    });
    // Context lies far below the rest: its bar is clamped, the others follow the norms' order.
    expect(barOf(bars, "context")).toBe(60 - MAX_BAR_SHIFT);
    const order = LEVEL_IDS.map((l) => barOf(bars, l));
    expect([...order].sort((a, b) => b - a)).toEqual(order);
    expect(bars.weakBelow).toBe(60);
  });

  it("keeps the round's bar on average when no level is clamped", () => {
    const even = Object.fromEntries(LEVEL_IDS.map((l, i) => [l, 62 + 2 * (3 - i)])) as Record<LevelId, number>;
    const bars = levelBars({ weakBelow: 60 }, view(12, even), true);
    const mean = LEVEL_IDS.reduce((sum, l) => sum + barOf(bars, l), 0) / LEVEL_IDS.length;
    expect(mean).toBe(60);
    expect(barOf(bars, "mission")).toBe(66);
    expect(barOf(bars, "context")).toBe(54);
  });

  it("compares bars level by level, whether written out or not", () => {
    expect(sameBars({ weakBelow: 60 }, DEFAULT_THRESHOLDS)).toBe(true);
    expect(sameBars({ weakBelow: 60 }, { weakBelow: 60, levels: { values: 60 } })).toBe(true);
    expect(sameBars({ weakBelow: 60 }, { weakBelow: 60, levels: { values: 61 } })).toBe(false);
  });
});

describe("assessLevel under per-level bars", () => {
  const sums = (n: number, mean: number) => ({ n, sum: n * mean, sumSq: n * mean * mean + n * 0.25 });
  const evidence = (id: LevelId) => ({
    id,
    sums: sums(200, 3.3),
    items: [],
    alpha: { alpha: 0.8, items: 4, n: 200, warning: false },
  });

  it("judges a level against its own bar, and says that bar", () => {
    // 3.3 on 1–5 is 57.5: weak under a bar of 60, not under 52.
    const t = { weakBelow: 60, levels: { context: 52 } };
    const context = assessLevel(evidence("context"), t);
    const values = assessLevel(evidence("values"), t);
    expect(context.bar).toBe(52);
    expect(context.weak).toBe(false);
    expect(values.bar).toBe(60);
    expect(values.weak).toBe(true);
  });
});
