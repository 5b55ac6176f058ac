import { describe, expect, it } from "vitest";
import { reverseCode, scoreResponse, toPercentScore, type ScoringKey } from "../../src/domain/scoring.js";

const key: ScoringKey = {
  items: [
    { name: "m1", level: "mission", reverse: false },
    { name: "m2", level: "mission", reverse: false },
    { name: "m3", level: "mission", reverse: true },
    { name: "v1", level: "values", reverse: false },
    { name: "v2", level: "values", reverse: true },
    { name: "s1", level: "skills", reverse: false },
    { name: "c1", scale: "mandate", reverse: false },
  ],
  factorsQuestion: "factors",
  mostQuestion: "most",
};

describe("reverseCode and toPercentScore", () => {
  it("mirrors the 1–5 scale", () => {
    expect([1, 2, 3, 4, 5].map(reverseCode)).toEqual([5, 4, 3, 2, 1]);
  });
  it("maps 1 → 0, 3 → 50, 5 → 100 and 3.4 → 60", () => {
    expect(toPercentScore(1)).toBe(0);
    expect(toPercentScore(3)).toBe(50);
    expect(toPercentScore(5)).toBe(100);
    expect(toPercentScore(3.4)).toBeCloseTo(60, 10);
  });
});

describe("scoreResponse", () => {
  it("averages a level's items after reverse-coding (hand-computed)", () => {
    // mission: 5, 4, reverse(2) = 4 → mean 13/3; values: 2, reverse(1) = 5 → mean 3.5
    const score = scoreResponse(key, { m1: 5, m2: 4, m3: 2, v1: 2, v2: 1, s1: 1, c1: 3, factors: ["policy"], most: "policy" });
    expect(score.levels.mission).toEqual({ mean: 13 / 3, items: 3, favourable: 3, unfavourable: 0 });
    expect(score.levels.values).toEqual({ mean: 3.5, items: 2, favourable: 1, unfavourable: 1 });
    expect(score.levels.skills).toEqual({ mean: 1, items: 1, favourable: 0, unfavourable: 1 });
    expect(toPercentScore(score.levels.mission!.mean)).toBeCloseTo(83.333, 2);
  });

  it("keeps decision-climate scales apart from the levels", () => {
    const score = scoreResponse(key, { c1: 2 });
    expect(score.climate.mandate).toEqual({ mean: 2, items: 1, favourable: 0, unfavourable: 1 });
    expect(Object.keys(score.levels)).toEqual([]);
  });

  it("skips optional items left open instead of counting them as zero", () => {
    const score = scoreResponse(key, { m1: 5, m3: 5 });
    // m1 = 5, m3 reversed = 1 → mean 3 over 2 items; m2 missing
    expect(score.levels.mission).toEqual({ mean: 3, items: 2, favourable: 1, unfavourable: 1 });
    expect(score.levels.values).toBeUndefined();
  });

  it("returns the chosen decision factors and the one that weighed most", () => {
    const score = scoreResponse(key, { factors: ["policy", "personal_fairness"], most: "personal_fairness" });
    expect(score.factors).toEqual(["policy", "personal_fairness"]);
    expect(score.most).toBe("personal_fairness");
  });

  it("reports no factors when the instrument or respondent gives none", () => {
    expect(scoreResponse({ items: key.items }, { factors: ["policy"] })).toMatchObject({ factors: [], most: null });
    expect(scoreResponse(key, {})).toMatchObject({ factors: [], most: null });
  });
});
