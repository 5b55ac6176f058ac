/** The consultant workspace's pure core, against hand-computed values. */
import { describe, expect, it } from "vitest";

import { codeFromBytes, normaliseCode, responseRate } from "../../src/domain/access-codes.js";
import { emptyStats, type ItemDistribution } from "../../src/domain/release.js";
import { cronbachAlpha } from "../../src/domain/reliability.js";
import { desiredGap, groupOf, levelReliabilities } from "../../src/domain/report.js";
import { scoreResponse } from "../../src/domain/scoring.js";
import { welchTest } from "../../src/domain/statistics.js";
import { levelTrends, type Round } from "../../src/domain/trends.js";

/** Running sums of a list of values. */
const sumsOf = (values: number[]) => ({
  n: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  sumSq: values.reduce((a, b) => a + b * b, 0),
});

describe("Welch's t-test from running sums", () => {
  it("matches the hand computation: equal variances 2.5, n 5 each, means 3 and 5 → t 2, df 8", () => {
    const result = welchTest(sumsOf([1, 2, 3, 4, 5]), sumsOf([3, 4, 5, 6, 7]))!;
    expect(result.difference).toBe(2);
    expect(result.t).toBeCloseTo(2, 12);
    expect(result.df).toBeCloseTo(8, 12);
    // Two-sided p of t = 2 on 8 df, from tables: 0.0805.
    expect(result.p).toBeCloseTo(0.0805, 4);
  });
  it("gives p = 0.05 at the 97.5% quantile of t(8), 2.306", () => {
    const b = sumsOf([3, 4, 5, 6, 7].map((x) => x + 0.306004)); // same spread, mean 5.306004
    const result = welchTest(sumsOf([1, 2, 3, 4, 5]), b)!;
    expect(result.t).toBeCloseTo(2.306004, 5);
    expect(result.p).toBeCloseTo(0.05, 4);
  });
  it("uses Welch–Satterthwaite degrees of freedom for unequal groups", () => {
    // a = 2,3,4,5: n 4, variance 5/3; b = 1,2,3: n 3, variance 1.
    const a = sumsOf([2, 3, 4, 5]);
    const b = sumsOf([1, 2, 3]);
    const va = 5 / 3 / 4;
    const vb = 1 / 3;
    const df = (va + vb) ** 2 / (va ** 2 / 3 + vb ** 2 / 2);
    const result = welchTest(a, b)!;
    expect(result.df).toBeCloseTo(df, 10);
    expect(result.t).toBeCloseTo(-1.5 / Math.sqrt(va + vb), 10);
  });
  it("is undefined for groups under two or without any spread", () => {
    expect(welchTest(sumsOf([3]), sumsOf([1, 2, 3]))).toBeNull();
    expect(welchTest(sumsOf([3, 3]), sumsOf([4, 4]))).toBeNull();
  });
});

describe("Cronbach's alpha from item sums", () => {
  it("is 0.7843 for items (2,3,4,5) and (3,3,5,4) (hand-computed)", () => {
    // var x = 5/3, var y = 2.75/3, var(total) = 12.75/3 → α = 2 (1 − 7.75/12.75) = 0.784314
    const levelMeans = sumsOf([2.5, 3, 4.5, 4.5]);
    const result = cronbachAlpha([sumsOf([2, 3, 4, 5]), sumsOf([3, 3, 5, 4])], levelMeans);
    expect(result.alpha).toBeCloseTo(0.784314, 6);
    expect(result).toMatchObject({ items: 2, n: 4, warning: false });
  });
  it("is 1 for perfectly consistent items and warns below 0.7", () => {
    expect(cronbachAlpha([sumsOf([1, 3, 5]), sumsOf([1, 3, 5])], sumsOf([1, 3, 5])).alpha).toBeCloseTo(1, 12);
    // Items that disagree: (1,2,3,4) and (2,1,4,3) → var 5/3 each, totals 3,3,7,7 var 16/3 → α = 2 (1 − 10/16) = 0.75
    const fair = cronbachAlpha([sumsOf([1, 2, 3, 4]), sumsOf([2, 1, 4, 3])], sumsOf([1.5, 1.5, 3.5, 3.5]));
    expect(fair.alpha).toBeCloseTo(0.75, 12);
    // (1,2,3,4) and (4,1,2,3): totals 5,3,5,7 var 8/3 → α = 2 (1 − 10/8) = −0.5
    const poor = cronbachAlpha([sumsOf([1, 2, 3, 4]), sumsOf([4, 1, 2, 3])], sumsOf([2.5, 1.5, 2.5, 3.5]));
    expect(poor.alpha).toBeCloseTo(-0.5, 12);
    expect(poor).toMatchObject({ warning: true });
  });
  it("refuses what it cannot compute", () => {
    expect(cronbachAlpha([sumsOf([1, 2, 3])], sumsOf([1, 2, 3]))).toMatchObject({
      alpha: null,
      reason: "too_few_items",
    });
    expect(cronbachAlpha([sumsOf([1, 2]), sumsOf([1, 2])], sumsOf([1, 2]))).toMatchObject({
      alpha: null,
      reason: "too_few_respondents",
    });
    expect(cronbachAlpha([sumsOf([1, 2, 3]), sumsOf([1, 2])], sumsOf([1, 2, 3]))).toMatchObject({
      alpha: null,
      reason: "incomplete",
    });
    expect(cronbachAlpha([sumsOf([1, 5, 3]), sumsOf([5, 1, 3])], sumsOf([3, 3, 3]))).toMatchObject({
      alpha: null,
      reason: "no_variance",
    });
  });
  it("runs per level, top-down, skipping levels without items", () => {
    // Four respondents: mission items 2,3,4,5 and 3,3,5,4 (means 2.5, 3, 4.5, 4.5); values items
    // both 1,3,5,3 (means the same); context answered but without items in the instrument.
    const counts = (values: number[]) =>
      [1, 2, 3, 4, 5].map((v) => values.filter((x) => x === v).length) as ItemDistribution;
    const scale = (values: number[]) => ({ ...sumsOf(values), items: values.length, favourable: 0, unfavourable: 0 });
    const group = groupOf(
      {
        ...emptyStats(),
        n: 4,
        scales: { values: scale([1, 3, 5, 3]), mission: scale([2.5, 3, 4.5, 4.5]), context: scale([3, 3, 3, 4]) },
        items: {
          v1: counts([1, 3, 5, 3]),
          m1: counts([2, 3, 4, 5]),
          v2: counts([1, 3, 5, 3]),
          m2: counts([3, 3, 5, 4]),
        },
      },
      { itemLevels: { v1: "values", m1: "mission", v2: "values", m2: "mission" } },
    );
    const result = levelReliabilities(group);
    expect(result.map((r) => r.level)).toEqual(["mission", "values"]);
    expect(result.map((r) => r.alpha)).toEqual([0.78, 1]);
    // Unrounded, from the same sums: 0.784314 and 1.
    expect(cronbachAlpha([sumsOf([2, 3, 4, 5]), sumsOf([3, 3, 5, 4])], sumsOf([2.5, 3, 4.5, 4.5])).alpha).toBeCloseTo(
      0.784314,
      6,
    );
    expect(cronbachAlpha([sumsOf([1, 3, 5, 3]), sumsOf([1, 3, 5, 3])], sumsOf([1, 3, 5, 3])).alpha).toBeCloseTo(1, 12);
  });
});

const round = (campaignId: string, date: string, mission: number[], values?: number[], k = 3): Round => ({
  campaignId,
  title: campaignId,
  date,
  n: mission.length,
  k,
  // All on one instrument version: levels compare on respondents' level means.
  instrument: { id: "customer-centricity", version: 1 },
  levels: { mission: sumsOf(mission), ...(values ? { values: sumsOf(values) } : {}) },
  levelItems: {},
  items: {},
});

describe("trends across rounds", () => {
  it("labels a significant rise improved, a significant fall declined, and noise no change", () => {
    const r1 = round("r1", "2024-03-01", [1, 2, 3, 4, 5, 1, 2, 3, 4, 5], [3, 3, 4, 4, 3, 3, 4, 4, 3, 4]);
    const r2 = round("r2", "2025-03-01", [3, 4, 5, 5, 4, 4, 5, 5, 4, 5], [3, 4, 3, 4, 4, 3, 3, 4, 4, 3]);
    const r3 = round("r3", "2026-03-01", [1, 2, 2, 1, 2, 1, 2, 2, 1, 2], [1, 2, 1, 2, 1, 2, 1, 2, 1, 2]);
    // Given out of order: rounds are placed by date.
    const [mission, values] = levelTrends([r3, r1, r2]);
    expect(mission!.points.map((p) => p.campaignId)).toEqual(["r1", "r2", "r3"]);
    expect(mission!.points[0]!.score).toBeCloseTo(50, 12); // mean 3 on 1–5
    expect(mission!.steps.map((s) => s.label)).toEqual(["improved", "declined"]);
    // Mean 3 → 4.4: 1.4 × 25 points.
    expect(mission!.steps[0]!.change).toBeCloseTo(35, 10);
    expect(mission!.overall!.label).toBe("declined");
    expect(values!.steps[0]).toMatchObject({ label: "no_significant_change" });
    expect(values!.steps[0]!.change).toBeCloseTo(0, 10);
    expect(values!.steps[0]!.p).toBeGreaterThan(0.05);
    // Each step's two levels are one Holm family: the smaller p doubled, the larger at least that.
    for (const i of [0, 1]) {
      const [pm, pv] = [mission!.steps[i]!.p!, values!.steps[i]!.p!];
      expect(mission!.steps[i]!.pAdjusted).toBeCloseTo(pm < pv ? 2 * pm : Math.min(1, Math.max(2 * pv, pm)), 12);
      expect(values!.steps[i]!.pAdjusted).toBeCloseTo(pv < pm ? 2 * pv : Math.min(1, Math.max(2 * pm, pv)), 12);
    }
  });
  it("leaves out rounds below k and levels measured in fewer than two rounds", () => {
    const trends = levelTrends([
      round("a", "2025-01-01", [1, 2, 3], [1, 2, 3]),
      round("b", "2026-01-01", [2, 3, 4]),
      round("c", "2026-06-01", [5, 5], undefined, 5),
    ]);
    expect(trends.map((t) => t.level)).toEqual(["mission"]);
    expect(trends[0]!.points.map((p) => p.campaignId)).toEqual(["a", "b"]);
    expect(trends[0]!.overall).toBeNull();
    expect(trends[0]!.steps[0]!.p).toBeCloseTo(welchTest(sumsOf([1, 2, 3]), sumsOf([2, 3, 4]))!.p, 12);
    // The only level compared in that step: a family of one, adjusted to itself.
    expect(trends[0]!.steps[0]!.pAdjusted).toBe(trends[0]!.steps[0]!.p);
  });
});

describe("current versus desired", () => {
  it("scores desired-state items apart from the current level and gives the gap", () => {
    const key = {
      items: [
        { name: "m1", level: "mission" as const, reverse: false },
        { name: "m2", level: "mission" as const, reverse: true },
        { name: "m_should", level: "mission" as const, reverse: false, perspective: "desired" as const },
      ],
    };
    const score = scoreResponse(key, { m1: 4, m2: 2, m_should: 5 });
    expect(score.levels.mission).toMatchObject({ mean: 4, items: 2 });
    expect(score.desired.mission).toMatchObject({ mean: 5, items: 1 });
    // Every item's value after reverse-coding, the desired one too: what a release counts per item.
    expect(score.values).toEqual({ m1: 4, m2: 4, m_should: 5 });
    const scale = (values: number[]) => ({ ...sumsOf(values), items: values.length, favourable: 0, unfavourable: 0 });
    // Current means 3 and 4 → 62.5; desired 5 and 4 → 87.5.
    const group = groupOf({
      ...emptyStats(),
      n: 2,
      scales: { mission: scale([3, 4]), "desired:mission": scale([5, 4]), values: scale([2, 2]) },
    });
    expect(desiredGap(group)).toEqual([{ level: "mission", current: 62.5, desired: 87.5, gap: 25 }]);
    expect(desiredGap(groupOf({ ...emptyStats(), n: 2, scales: { mission: scale([3, 4]) } }))).toBeNull();
  });
});

describe("single-use access codes", () => {
  it("are ten Crockford base32 symbols in two groups of five", () => {
    expect(codeFromBytes(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 31]))).toBe("01234-5678Z");
    // Only the low five bits count: 32 → 0, 255 → 31.
    expect(codeFromBytes(new Uint8Array([32, 255, 10, 18, 20, 21, 26, 27, 28, 29]))).toBe("0ZAJM-NTVWX");
    expect(() => codeFromBytes(new Uint8Array(9))).toThrow(RangeError);
  });
  it("forgive case, spaces, dashes and look-alike letters, and refuse the rest", () => {
    expect(normaliseCode(" abcde fghjk ")).toBe("ABCDE-FGHJK");
    expect(normaliseCode("oiL00-11111")).toBe("01100-11111");
    expect(normaliseCode("ABCDE-FGHJ")).toBeNull();
    expect(normaliseCode("ABCDE-FGHJU")).toBeNull(); // U is not in the alphabet
    expect(normaliseCode("")).toBeNull();
  });
  it("give the response rate as respondents over the headcount entered, else used over issued codes", () => {
    expect(responseRate(90, 400, { issued: 150, used: 60 })).toEqual({ pct: 22.5, basis: "headcount", of: 400 });
    expect(responseRate(60, null, { issued: 150, used: 60 })).toEqual({ pct: 40, basis: "codes", of: 150 });
    expect(responseRate(90, 400, { issued: 0, used: 0 })).toEqual({ pct: 22.5, basis: "headcount", of: 400 });
    expect(responseRate(90, null, { issued: 0, used: 0 })).toBeNull();
  });
});
