/** The start-here rule on hand-made levels: weak from the interval, divided from two camps, the walk from the top. */
import { describe, expect, it } from "vitest";

import type { LevelId } from "../../src/domain/levels.js";
import type { ItemDistribution } from "../../src/domain/release.js";
import { measuredReliably } from "../../src/domain/reliability.js";
import { splitTest } from "../../src/domain/split-test.js";
import {
  assessLevel,
  flagNote,
  isSplitItem,
  type LevelAssessment,
  type LevelEvidence,
  pickStart,
  startHere,
} from "../../src/domain/start-here.js";

/** Sums of n level means all equal to `mean` but for a spread of ±d on half of them. */
const sums = (n: number, mean: number, d: number) => ({ n, sum: n * mean, sumSq: n * mean * mean + n * d * d });
/** A level measured reliably (α 0.8 over its n respondents), with the sums above and no item counts. */
const measured = (n: number, mean: number, d: number): LevelEvidence => ({
  id: "values",
  sums: sums(n, mean, d),
  items: [],
  alpha: { alpha: 0.8, items: 5, n, warning: false },
});

function level(id: LevelId, over: Partial<LevelAssessment> = {}): LevelAssessment {
  return {
    id,
    n: 100,
    score: 75,
    ci95: [70, 80],
    bar: 60,
    reliable: true,
    weak: false,
    possiblyWeak: false,
    divided: false,
    agreement: 0.8,
    alpha: 0.8,
    camps: null,
    splitItems: [],
    ...over,
  };
}

describe("assessing a level", () => {
  it("is weak only when the whole 95% interval lies below the threshold, possibly weak when it straddles it", () => {
    // Mean 3.2 → 55; SD 0.5 over 100 → half-width ≈ 1.98 · 0.05 = 0.099 scale points ≈ 2.5 on 0–100.
    const clear = assessLevel(measured(100, 3.2, 0.5));
    expect(clear.score).toBeCloseTo(55, 9);
    expect(clear.ci95[1]).toBeLessThan(60);
    expect([clear.weak, clear.possiblyWeak]).toEqual([true, false]);
    // The same mean over 8 people: the interval reaches above 60.
    const unsure = assessLevel(measured(8, 3.2, 0.5));
    expect(unsure.ci95[1]).toBeGreaterThan(60);
    expect([unsure.weak, unsure.possiblyWeak]).toEqual([false, true]);
    const strong = assessLevel(measured(100, 4, 0.5));
    expect([strong.weak, strong.possiblyWeak]).toEqual([false, false]);
    // A threshold is the campaign's to set.
    expect(assessLevel(measured(100, 4, 0.5), { weakBelow: 80 }).weak).toBe(true);
  });

  it("calls an item split when two camps of a fifth or more disagree, wherever they sit, and not a flat or one-peaked spread", () => {
    expect(isSplitItem([12, 8, 2, 8, 12])).toBe(true);
    // Camps at 2 and 4, not at the ends of the scale: the old rule never saw these.
    expect(isSplitItem([2, 20, 4, 20, 2])).toBe(true);
    // Even spread: no two peaks.
    expect(isSplitItem([8, 8, 8, 8, 8])).toBe(false);
    // One peak in the middle, however wide.
    expect(isSplitItem([4, 10, 14, 10, 4])).toBe(false);
    // Two peaks but one camp too small.
    expect(isSplitItem([4, 1, 2, 12, 22])).toBe(false);
    // Two camps among fewer than 10 answers are not camps.
    expect(isSplitItem([3, 1, 0, 1, 3])).toBe(false);
  });

  /** A level of two items whose respondents fall in two camps: `low` answer 2 to both, `high` 4 to both. */
  const camps = (low: number, high: number): LevelEvidence => {
    const n = low + high;
    const sum = 2 * low + 4 * high;
    const sumSq = 4 * low + 16 * high;
    // The grid of a two-item level: means 1, 1.5, … 5 (nine points); 2 is point 2, 4 is point 6.
    const split = splitTest([0, 0, low, 0, 0, 0, high, 0, 0]);
    const counts: ItemDistribution = [0, low, 0, high, 0];
    return {
      id: "values",
      sums: { n, sum, sumSq },
      items: [
        { name: "v1", counts },
        { name: "v2", counts },
      ],
      ...(split.split && split.camps ? { camps: split.camps } : {}),
    };
  };

  it("calls a level divided when respondents' level means fall into two camps, and says how large each is", () => {
    const a = assessLevel(camps(20, 22));
    expect(a.reliable).toBe(true);
    expect(a.alpha).toBeCloseTo(1, 9);
    expect(a.divided).toBe(true);
    expect(a.camps?.low).toBeCloseTo(20 / 42, 9);
    expect(a.camps?.high).toBeCloseTo(22 / 42, 9);
    expect(a.splitItems).toEqual(["v1", "v2"]);
    expect(flagNote(a)?.nl).toContain("48% lager en 52% hoger");
    // One camp of a twentieth is a minority, not a division.
    expect(assessLevel(camps(2, 40)).divided).toBe(false);
    // Nine people are too few to be called divided at all.
    expect(assessLevel(camps(4, 5)).divided).toBe(false);
  });

  it("flags nothing on a level its items do not measure reliably, and says so: α low, unknown, or from one item", () => {
    // People's level means hardly differ, so the items' spread is noise: α far below 0.
    const noise = assessLevel({
      id: "values",
      sums: { n: 42, sum: 42 * 2.5, sumSq: 42 * 2.5 * 2.5 + 42 * 0.05 },
      items: [
        { name: "v1", counts: [12, 8, 2, 8, 12] },
        { name: "v2", counts: [12, 8, 2, 8, 12] },
      ],
      camps: { low: 20 / 42, high: 22 / 42 },
    });
    expect(noise.alpha).toBeLessThan(0.5);
    expect([noise.reliable, noise.weak, noise.possiblyWeak, noise.divided]).toEqual([false, false, false, false]);
    expect(flagNote(noise)?.en).toMatch(/^Not measured reliably in this group/);
    // An item missing here (someone answered "not applicable") and no alpha over complete respondents: unknown is not coherent.
    const unknown = assessLevel({ ...camps(20, 22), complete: false });
    expect(unknown.alpha).toBeNull();
    expect([unknown.reliable, unknown.divided]).toEqual([false, false]);
    // The same with the release's alpha over those who answered every item: measured.
    const stored = assessLevel({
      ...camps(20, 22),
      complete: false,
      alpha: { alpha: 0.8, items: 3, n: 30, warning: false },
    });
    expect([stored.reliable, stored.divided]).toEqual([true, true]);
    // Everyone says the level is poor: too little spread between people for α, but a clear verdict.
    const consensus = assessLevel({
      id: "values",
      sums: { n: 40, sum: 40 * 2, sumSq: 40 * 4 + 0.4 },
      items: [
        { name: "v1", counts: [2, 36, 2, 0, 0] },
        { name: "v2", counts: [1, 38, 1, 0, 0] },
      ],
    });
    expect(consensus.agreement).toBeGreaterThan(0.9);
    expect([consensus.reliable, consensus.weak, consensus.divided]).toEqual([true, true, false]);
    // A "level" of one item has no alpha: it cannot be flagged.
    expect(measuredReliably({ alpha: null, items: 1, n: 40, reason: "too_few_items" })).toBe(false);
    expect(measuredReliably({ alpha: null, items: 4, n: 40, reason: "no_variance" })).toBe(false);
    // α of 0.52 over 8 people is not surely above zero; over 60 it is; 0.45 is too low at any size.
    expect(measuredReliably({ alpha: 0.52, items: 5, n: 8, warning: true })).toBe(false);
    expect(measuredReliably({ alpha: 0.52, items: 5, n: 60, warning: true })).toBe(true);
    expect(measuredReliably({ alpha: 0.45, items: 5, n: 500, warning: true })).toBe(false);
  });
});

describe("the pick", () => {
  it("is the top-most weak or divided level, with every reason it has", () => {
    const pick = pickStart([
      level("context", { weak: true }),
      level("values", { weak: true, divided: true }),
      level("mission"),
    ]);
    expect(pick).toEqual({
      level: "values",
      reasons: ["weak", "divided"],
      basis: "flagged",
      checkFirst: [],
      unmeasuredAbove: [],
      noPick: null,
    });
  });

  it("names possibly weak levels above the pick, and never picks a possibly weak level itself", () => {
    const levels = [level("mission", { possiblyWeak: true }), level("identity"), level("skills", { divided: true })];
    expect(pickStart(levels)).toMatchObject({ level: "skills", checkFirst: ["mission"] });
    expect(
      pickStart([level("mission"), level("identity", { possiblyWeak: true }), level("values", { possiblyWeak: true })]),
    ).toEqual({
      level: null,
      reasons: [],
      basis: "none",
      checkFirst: ["identity", "values"],
      unmeasuredAbove: [],
      noPick: "nothing_flagged",
    });
  });

  it("says which levels above the pick are not measured reliably, and never points a fallback at one", () => {
    const levels = [
      level("mission", { reliable: false }),
      level("identity"),
      level("values", { reliable: false }),
      level("skills", { weak: true }),
    ];
    const start = startHere(levels)!;
    expect(start).toMatchObject({ level: "skills", unmeasuredAbove: ["mission", "values"] });
    expect(start.explanation.nl).toContain("Over missie en waarden en overtuigingen valt niets te zeggen");
    const calm = [level("mission", { reliable: false }), level("values"), level("context")];
    expect(
      pickStart(calm, {
        gaps: [
          { level: "mission", gap: 30 },
          { level: "context", gap: 10 },
        ],
      }),
    ).toMatchObject({
      level: "context",
      basis: "desired_gap",
      unmeasuredAbove: ["mission"],
    });
  });

  it("gives no clear starting point from noise: below 30 nothing but a flag counts, and no reliable level means no pick", () => {
    const small = [level("mission", { n: 12 }), level("values", { n: 12 })];
    expect(pickStart(small, { gaps: [{ level: "values", gap: 20 }] })).toMatchObject({
      level: null,
      basis: "none",
      noPick: "too_few",
    });
    expect(pickStart([level("mission", { n: 12 }), level("values", { n: 12, weak: true })])).toMatchObject({
      level: "values",
      basis: "flagged",
    });
    const unreliable = [level("mission", { reliable: false }), level("values", { reliable: false })];
    expect(pickStart(unreliable, { gaps: [{ level: "values", gap: 20 }] })).toMatchObject({
      level: null,
      noPick: "unreliable",
    });
    const start = startHere(unreliable)!;
    expect(start.explanation.nl).toMatch(/^Geen duidelijk beginpunt: op geen enkel niveau/);
    expect(startHere(small)!.explanation.en).toMatch(
      /^No clear starting point: no level is weak or divided, and with fewer than 30/,
    );
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
    expect(pickStart(calm)).toEqual({
      level: null,
      reasons: [],
      basis: "none",
      checkFirst: [],
      unmeasuredAbove: [],
      noPick: "nothing_flagged",
    });
  });

  it("explains itself in both languages, with both reasons, the stability and the small-group caveat", () => {
    const start = startHere([level("identity", { n: 24, weak: true, divided: true })], {}, 0.87)!;
    expect(start.indicative).toBe(true);
    expect(start.downstream).toEqual(["values", "competencies", "skills", "behaviour", "context"]);
    expect(start.explanation.nl).toContain("identiteit");
    expect(start.explanation.nl).toContain(
      "het hoogste niveau dat duidelijk onder de drempel scoort en verdeeld is (medewerkers vallen in twee kampen)",
    );
    expect(start.explanation.en).toContain("87 of 100 repetitions");
    expect(start.explanation.en).toContain("Fewer than 30 respondents");
    const none = startHere([level("mission")])!;
    expect(none.level).toBeNull();
    expect(none.explanation.en).toMatch(
      /^No clear starting point: no level is weak or divided, and nothing else points/,
    );
    expect(startHere([])).toBeNull();
  });
});
