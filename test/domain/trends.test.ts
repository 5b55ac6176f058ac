/**
 * Trends that only call a change when it is real: Holm–Bonferroni across the levels of one step,
 * a minimum meaningful difference, and rounds on different instrument versions compared on the
 * items they share. Every expected value is computed by hand in the comments.
 */
import { describe, expect, it } from "vitest";

import type { LevelId } from "../../src/domain/levels.js";
import type { ItemDistribution } from "../../src/domain/release.js";
import { holm, sampleVariance, type Sums, welchTest } from "../../src/domain/statistics.js";
import { levelTrends, MIN_MEANINGFUL_CHANGE, type Round, sharedItemSums } from "../../src/domain/trends.js";

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

/** Sums with exactly this n, mean and sample SD (on the 1–5 scale). */
const sumsWith = (n: number, m: number, sd: number): Sums => ({ n, sum: n * m, sumSq: (n - 1) * sd * sd + n * m * m });
const sumsOf = (values: number[]): Sums => ({
  n: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  sumSq: values.reduce((a, b) => a + b * b, 0),
});

const V1 = { id: "customer-centricity", version: 1 };
const roundOf = (campaignId: string, date: string, levels: Round["levels"]): Round => ({
  campaignId,
  title: campaignId,
  date,
  n: Math.max(...Object.values(levels).map((s) => s!.n)),
  k: 5,
  instrument: V1,
  levels,
  levelItems: {},
  items: {},
});

describe("a change is called only when it is significant after Holm and at least the minimum", () => {
  it("keeps 5 points as the minimum meaningful change", () => {
    expect(MIN_MEANINGFUL_CHANGE).toBe(5);
  });

  it("labels a highly significant change of 4 points not_meaningful, and one of 6 points improved", () => {
    // n 400 each, SD 0.6: SE = √(0.36/400 · 2) = 0.04243. Mean 3.00 → 3.16: t = 3.77, p ≈ 0.0002;
    // 0.16 × 25 = 4 points. Mean 3.00 → 3.24: t = 5.66; 0.24 × 25 = 6 points.
    const [small] = levelTrends([
      roundOf("a", "2025-01-01", { mission: sumsWith(400, 3, 0.6) }),
      roundOf("b", "2026-01-01", { mission: sumsWith(400, 3.16, 0.6) }),
    ]);
    expect(small!.steps[0]!.change).toBeCloseTo(4, 10);
    expect(small!.steps[0]!.p).toBeLessThan(0.001);
    expect(small!.steps[0]!.pAdjusted).toBe(small!.steps[0]!.p);
    expect(small!.steps[0]!.label).toBe("not_meaningful");
    const [large] = levelTrends([
      roundOf("a", "2025-01-01", { mission: sumsWith(400, 3, 0.6) }),
      roundOf("b", "2026-01-01", { mission: sumsWith(400, 3.24, 0.6) }),
    ]);
    expect(large!.steps[0]!.change).toBeCloseTo(6, 10);
    expect(large!.steps[0]!.label).toBe("improved");
    const [fall] = levelTrends([
      roundOf("a", "2025-01-01", { mission: sumsWith(400, 3.24, 0.6) }),
      roundOf("b", "2026-01-01", { mission: sumsWith(400, 3, 0.6) }),
    ]);
    expect(fall!.steps[0]!.label).toBe("declined");
  });

  it("labels changes significant only before correction no_significant_change", () => {
    // n 50 each, SD 1: SE = √(2/50) = 0.2. Mission +0.44: t = 2.2 (df 98, p ≈ 0.030);
    // values +0.42: t = 2.1 (p ≈ 0.038). Both raw p < .05 and both ≥ 10 points; Holm: the
    // smaller × 2 ≈ 0.060, the larger raised to it: neither is significant.
    const before = { mission: sumsWith(50, 3, 1), values: sumsWith(50, 3, 1) };
    const after = { mission: sumsWith(50, 3.44, 1), values: sumsWith(50, 3.42, 1) };
    const [mission, values] = levelTrends([roundOf("a", "2025-01-01", before), roundOf("b", "2026-01-01", after)]);
    const [m, v] = [mission!.steps[0]!, values!.steps[0]!];
    expect(m.p).toBeCloseTo(welchTest(before.mission, after.mission)!.p, 12);
    expect(m.p).toBeGreaterThan(0.025);
    expect(m.p).toBeLessThan(v.p!);
    expect(v.p).toBeLessThan(0.05);
    expect(m.change).toBeCloseTo(11, 10);
    expect(v.change).toBeCloseTo(10.5, 10);
    expect(m.pAdjusted).toBeCloseTo(2 * m.p!, 12);
    expect(v.pAdjusted).toBeCloseTo(2 * m.p!, 12);
    expect([m.label, v.label]).toEqual(["no_significant_change", "no_significant_change"]);
    // Tested alone, the same mission change is called: it was the correction that held it back.
    const [alone] = levelTrends([
      roundOf("a", "2025-01-01", { mission: before.mission }),
      roundOf("b", "2026-01-01", { mission: after.mission }),
    ]);
    expect(alone!.steps[0]!.label).toBe("improved");
  });

  it("adjusts each pair of rounds as its own family, and first → latest as another", () => {
    const r1 = roundOf("r1", "2024-01-01", { mission: sumsWith(60, 3, 0.8), values: sumsWith(60, 3, 0.8) });
    const r2 = roundOf("r2", "2025-01-01", { mission: sumsWith(60, 3.3, 0.8), values: sumsWith(60, 3.1, 0.8) });
    const r3 = roundOf("r3", "2026-01-01", { mission: sumsWith(60, 3.5, 0.8), values: sumsWith(60, 3.05, 0.8) });
    const [mission, values] = levelTrends([r1, r2, r3]);
    for (const i of [0, 1]) {
      const expected = holm([mission!.steps[i]!.p!, values!.steps[i]!.p!]);
      expect(mission!.steps[i]!.pAdjusted).toBeCloseTo(expected[0]!, 12);
      expect(values!.steps[i]!.pAdjusted).toBeCloseTo(expected[1]!, 12);
    }
    const overall = holm([mission!.overall!.p!, values!.overall!.p!]);
    expect(mission!.overall!.pAdjusted).toBeCloseTo(overall[0]!, 12);
    expect(values!.overall!.pAdjusted).toBeCloseTo(overall[1]!, 12);
    expect(mission!.overall!.p).toBeCloseTo(welchTest(r1.levels.mission!, r3.levels.mission!)!.p, 12);
    // Mission 3 → 3.5 is 12.5 points, t = 0.5 / √(0.64/30) = 3.42: improved after Holm.
    expect(mission!.overall).toMatchObject({ label: "improved", from: "r1", to: "r3" });
    expect(values!.overall!.label).toBe("no_significant_change");
  });
});

/** One respondent's answers by item name, after reverse-coding. */
type Person = Record<string, number>;

/** A released round of these respondents, on an instrument version with these items per level. */
function releasedRound(
  campaignId: string,
  date: string,
  version: number,
  levelItems: Partial<Record<LevelId, string[]>>,
  people: Person[],
): Round {
  const levels: Round["levels"] = {};
  const items: Record<string, ItemDistribution> = {};
  for (const [level, names] of Object.entries(levelItems) as [LevelId, string[]][]) {
    levels[level] = sumsOf(people.map((p) => names.reduce((acc, name) => acc + p[name]!, 0) / names.length));
    for (const name of names) {
      const counts: ItemDistribution = [0, 0, 0, 0, 0];
      for (const p of people) counts[p[name]! - 1]! += 1;
      items[name] = counts;
    }
  }
  return {
    campaignId,
    title: campaignId,
    date,
    n: people.length,
    k: 5,
    instrument: { id: "scan", version },
    levels,
    levelItems,
    items,
  };
}

describe("rounds on different instrument versions", () => {
  // Version 1: four items per level. Version 2: mission drops m4 and renames m3 (shared: m1, m2);
  // values drops v3 and v4 and renames v2 (shared: v1 only); identity keeps all four.
  const v1Items = {
    mission: ["m1", "m2", "m3", "m4"],
    identity: ["i1", "i2", "i3", "i4"],
    values: ["v1", "v2", "v3", "v4"],
  };
  const v2Items = { mission: ["m1", "m2", "m3b"], identity: ["i1", "i2", "i3", "i4"], values: ["v1", "v2b"] };
  const identity = (x: number) => ({ i1: x, i2: x, i3: 3, i4: 4 });
  const before: Person[] = [
    [2, 2],
    [2, 3],
    [3, 2],
    [3, 3],
    [2, 2],
    [3, 3],
  ].map(([m1, m2], i) => ({ m1: m1!, m2: m2!, m3: 1, m4: 5, ...identity(2 + (i % 3)), v1: 3, v2: 3, v3: 3, v4: 3 }));
  const after: Person[] = [
    [4, 4],
    [4, 5],
    [5, 4],
    [5, 5],
    [4, 4],
    [5, 5],
  ].map(([m1, m2], i) => ({ m1: m1!, m2: m2!, m3b: 1, ...identity(2 + (i % 3)), v1: 5, v2b: 5 }));
  const a = releasedRound("a", "2025-01-01", 1, v1Items, before);
  const b = releasedRound("b", "2026-01-01", 2, v2Items, after);
  const trends = levelTrends([b, a]);
  const of = (level: LevelId) => trends.find((t) => t.level === level)!.steps[0]!;

  it("compares a level whose items were partly dropped and renamed on the shared items", () => {
    const m = of("mission");
    expect(m).toMatchObject({ comparable: true, reason: null, basis: "shared_items", sharedItems: ["m1", "m2"] });
    // Everyone answered both: the mean of item means is the mean of respondents' means over m1, m2.
    // Before: persons 2, 2.5, 2.5, 3, 2, 3 → 2.5 (37.5 points); after: 4, 4.5, 4.5, 5, 4, 5 → 4.5 (87.5).
    expect(m.fromScore).toBeCloseTo(37.5, 10);
    expect(m.toScore).toBeCloseTo(87.5, 10);
    expect(m.change).toBeCloseTo(50, 10);
    // The points stay each round's own level score: (2.5 + 2.5 + 1 + 5) / 4 = 2.75 → 43.75 before.
    expect(trends.find((t) => t.level === "mission")!.points[0]!.score).toBeCloseTo(43.75, 10);
    expect(m.label).toBe("improved");
  });

  it("tests shared items with an SD that is never below the respondents' true SD", () => {
    // m1 = 2,2,3,3,2,3 and m2 = 2,3,2,3,2,3: each variance 1.5 / 5 = 0.3, so the bound is 0.3.
    const bound = sharedItemSums([a.items.m1!, a.items.m2!]);
    expect(bound.n).toBe(6);
    expect(sampleVariance(bound)).toBeCloseTo(0.3, 12);
    // Respondents' true means 2, 2.5, 2.5, 3, 2, 3: squared deviations 1.0 / 5 = 0.2 ≤ 0.3.
    const truth = (people: Person[]) => sumsOf(people.map((p) => (p.m1! + p.m2!) / 2));
    expect(sampleVariance(truth(before))).toBeCloseTo(0.2, 12);
    // So the shared-items p is at least what respondents' means over m1, m2 would have given.
    expect(of("mission").p).toBeCloseTo(welchTest(bound, sharedItemSums([b.items.m1!, b.items.m2!]))!.p, 12);
    expect(of("mission").p).toBeGreaterThanOrEqual(welchTest(truth(before), truth(after))!.p);
  });

  it("has no step for a level the versions share only one item of", () => {
    expect(of("values")).toEqual({
      from: "a",
      to: "b",
      comparable: false,
      reason: "too_few_shared_items",
      basis: null,
      sharedItems: ["v1"],
      fromScore: null,
      toScore: null,
      change: null,
      p: null,
      pAdjusted: null,
      label: "not_comparable",
    });
  });

  it("compares a level whose items are all the same on respondents' level means, and corrects over the tested levels only", () => {
    const i = of("identity");
    expect(i).toMatchObject({
      comparable: true,
      basis: "level",
      sharedItems: ["i1", "i2", "i3", "i4"],
      label: "no_significant_change",
    });
    expect(i.p).toBeCloseTo(welchTest(a.levels.identity!, b.levels.identity!)?.p ?? Number.NaN, 12);
    // Values has no test: the step's family is mission and identity.
    const [pm, pi] = holm([of("mission").p!, i.p!]);
    expect(of("mission").pAdjusted).toBeCloseTo(pm!, 12);
    expect(i.pAdjusted).toBeCloseTo(pi!, 12);
  });

  it("compares two rounds on the same version on level means, whatever their item lists", () => {
    const again = releasedRound("c", "2027-01-01", 2, v2Items, after);
    const step = levelTrends([b, again]).find((t) => t.level === "values")!.steps[0]!;
    expect(step).toMatchObject({ comparable: true, basis: "level", sharedItems: null, change: 0 });
  });
});
