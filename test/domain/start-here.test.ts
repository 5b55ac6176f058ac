/** The start-here rule on hand-made levels: weak from the interval, divided from two camps, the walk from the top. */
import { describe, expect, it } from "vitest";

import type { LevelId } from "../../src/domain/levels.js";
import type { ItemDistribution } from "../../src/domain/release.js";
import { assessLevel, isSplitItem, type LevelAssessment, pickStart, startHere } from "../../src/domain/start-here.js";

/** Sums of n level means all equal to `mean` but for a spread of ±d on half of them. */
const sums = (n: number, mean: number, d: number) => ({ n, sum: n * mean, sumSq: n * mean * mean + n * d * d });

function level(id: LevelId, over: Partial<LevelAssessment> = {}): LevelAssessment {
  return {
    id,
    n: 100,
    score: 75,
    ci95: [70, 80],
    weak: false,
    possiblyWeak: false,
    divided: false,
    agreement: 0.8,
    alpha: 0.8,
    splitItems: [],
    ...over,
  };
}

describe("assessing a level", () => {
  it("is weak only when the whole 95% interval lies below the threshold, possibly weak when it straddles it", () => {
    // Mean 3.2 → 55; SD 0.5 over 100 → half-width ≈ 1.98 · 0.05 = 0.099 scale points ≈ 2.5 on 0–100.
    const clear = assessLevel({ id: "values", sums: sums(100, 3.2, 0.5), items: [] });
    expect(clear.score).toBeCloseTo(55, 9);
    expect(clear.ci95[1]).toBeLessThan(60);
    expect([clear.weak, clear.possiblyWeak]).toEqual([true, false]);
    // The same mean over 8 people: the interval reaches above 60.
    const unsure = assessLevel({ id: "values", sums: sums(8, 3.2, 0.5), items: [] });
    expect(unsure.ci95[1]).toBeGreaterThan(60);
    expect([unsure.weak, unsure.possiblyWeak]).toEqual([false, true]);
    const strong = assessLevel({ id: "values", sums: sums(100, 4, 0.5), items: [] });
    expect([strong.weak, strong.possiblyWeak]).toEqual([false, false]);
    // A threshold is the campaign's to set.
    expect(assessLevel({ id: "values", sums: sums(100, 4, 0.5), items: [] }, { weakBelow: 80 }).weak).toBe(true);
  });

  it("calls an item split when two camps of a quarter or more disagree, and not a flat or one-peaked spread", () => {
    expect(isSplitItem([12, 8, 2, 8, 12])).toBe(true);
    // Even spread: no two peaks.
    expect(isSplitItem([8, 8, 8, 8, 8])).toBe(false);
    // One peak in the middle, however wide.
    expect(isSplitItem([4, 10, 14, 10, 4])).toBe(false);
    // Two peaks but one camp too small.
    expect(isSplitItem([4, 2, 2, 12, 22])).toBe(false);
    // Two camps among fewer than 10 answers are not camps.
    expect(isSplitItem([3, 1, 0, 1, 3])).toBe(false);
  });

  it("calls a level divided on one split item, names it, and keeps its agreement index", () => {
    const split: ItemDistribution = [12, 8, 2, 8, 12];
    const a = assessLevel({
      id: "values",
      sums: { n: 42, sum: 42 * 3.5, sumSq: 42 * 3.5 * 3.5 + 42 * 1.4 },
      items: [
        { name: "v1", counts: split },
        { name: "v2", counts: [0, 2, 8, 20, 12] },
      ],
    });
    expect(a.divided).toBe(true);
    expect(a.splitItems).toEqual(["v1"]);
    expect(a.agreement).toBeGreaterThanOrEqual(0);
    expect(a.agreement).toBeLessThan(0.7);
  });

  it("does not call a level divided when its items do not hang together (noise, α below 0.4)", () => {
    // People's level means hardly differ, so the items' spread is noise: α far below 0.
    const noise = assessLevel({
      id: "values",
      sums: { n: 42, sum: 42 * 3, sumSq: 42 * 9 + 42 * 0.05 },
      items: [
        { name: "v1", counts: [12, 8, 2, 8, 12] },
        { name: "v2", counts: [12, 8, 2, 8, 12] },
      ],
    });
    expect(noise.alpha).toBeLessThan(0.4);
    expect(noise.divided).toBe(false);
  });
});

describe("the pick", () => {
  it("is the top-most weak or divided level, with every reason it has", () => {
    const pick = pickStart([
      level("context", { weak: true }),
      level("values", { weak: true, divided: true }),
      level("mission"),
    ]);
    expect(pick).toEqual({ level: "values", reasons: ["weak", "divided"], basis: "flagged", checkFirst: [] });
  });

  it("names possibly weak levels above the pick, and picks a possibly weak level only when nothing is clearly flagged", () => {
    const levels = [level("mission", { possiblyWeak: true }), level("identity"), level("skills", { divided: true })];
    expect(pickStart(levels)).toMatchObject({ level: "skills", checkFirst: ["mission"] });
    expect(
      pickStart([level("mission"), level("identity", { possiblyWeak: true }), level("values", { possiblyWeak: true })]),
    ).toMatchObject({ level: "identity", reasons: ["possibly_weak"] });
  });

  it("with nothing flagged points at the largest current–desired gap, else the strongest driver, never simply the lowest level", () => {
    const calm = [level("mission", { score: 80 }), level("values", { score: 70 }), level("context", { score: 62 })];
    expect(
      pickStart(calm, {
        gaps: [
          { level: "values", gap: 12 },
          { level: "context", gap: 9 },
        ],
      }),
    ).toMatchObject({ level: "values", basis: "desired_gap" });
    // Gaps under 5 points point nowhere; a driver does.
    expect(
      pickStart(calm, {
        gaps: [{ level: "context", gap: 3 }],
        drivers: [
          { level: "mission", weight: 40 },
          { level: "context", weight: 10 },
        ],
      }),
    ).toMatchObject({ level: "mission", basis: "driver" });
    expect(pickStart(calm)).toEqual({ level: null, reasons: [], basis: "none", checkFirst: [] });
  });

  it("explains itself in both languages, with both reasons, the stability and the small-group caveat", () => {
    const start = startHere([level("identity", { n: 24, weak: true, divided: true })], {}, 0.87)!;
    expect(start.indicative).toBe(true);
    expect(start.downstream).toEqual(["values", "competencies", "skills", "behaviour", "context"]);
    expect(start.explanation.nl).toContain("identiteit");
    expect(start.explanation.nl).toContain(
      "het hoogste niveau dat duidelijk onder de drempel scoort en verdeeld is (medewerkers vallen in twee kampen)",
    );
    expect(start.explanation.en).toContain("87%");
    expect(start.explanation.en).toContain("Fewer than 30 respondents");
    const none = startHere([level("mission")])!;
    expect(none.level).toBeNull();
    expect(none.explanation.en).toMatch(/^No level is weak or divided, and nothing else points/);
    expect(startHere([])).toBeNull();
  });
});
