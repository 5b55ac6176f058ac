import { describe, expect, it } from "vitest";

import {
  meetsMinimum,
  MIN_ANSWERED_SHARE,
  NOT_APPLICABLE,
  reverseCode,
  scoreResponse,
  type ScoringKey,
  toPercentScore,
} from "../../src/domain/scoring.js";

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
    const score = scoreResponse(key, {
      m1: 5,
      m2: 4,
      m3: 2,
      v1: 2,
      v2: 1,
      s1: 1,
      c1: 3,
      factors: ["policy"],
      most: "policy",
    });
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

describe("the minimum-answered rule", () => {
  it("counts a scale for a person from half its items, and never from none", () => {
    expect(MIN_ANSWERED_SHARE).toBe(0.5);
    expect([0, 1, 2, 3, 4].map((a) => meetsMinimum(a, 4))).toEqual([false, false, true, true, true]);
    expect([0, 1, 2, 3].map((a) => meetsMinimum(a, 3))).toEqual([false, false, true, true]);
    expect([meetsMinimum(1, 2), meetsMinimum(1, 1), meetsMinimum(0, 0)]).toEqual([true, true, false]);
  });
});

describe("'don't know / not applicable'", () => {
  // behaviour: b1–b4, two of them offer n/a; b3 and b4 form the facet "ownership", b4 reverse-keyed.
  const naKey: ScoringKey = {
    items: [
      { name: "b1", level: "behaviour", reverse: false, na: true },
      { name: "b2", level: "behaviour", reverse: false, na: true },
      { name: "b3", level: "behaviour", reverse: false, facet: "ownership" },
      { name: "b4", level: "behaviour", reverse: true, facet: "ownership", na: true },
      { name: "d1", level: "behaviour", reverse: false, perspective: "desired", mirrors: "b3" },
      { name: "c1", level: "context", reverse: false, na: true },
      { name: "c2", level: "context", reverse: false, facet: "mandate", na: true },
      { name: "c3", level: "context", reverse: false, facet: "mandate", na: true },
    ],
    outcomeQuestion: "overall",
  };
  const na = NOT_APPLICABLE;

  it("is not an answer: the level's mean is that of the items answered", () => {
    // behaviour: b1 n/a, b2 = 4, b3 = 2, b4 = 2 → reversed 4: (4 + 2 + 4) / 3 = 10/3 over 3 of 4 items
    const score = scoreResponse(naKey, { b1: na, b2: 4, b3: 2, b4: 2, d1: 5, c1: 3, c2: 4, c3: na, overall: 7 });
    expect(score.levels.behaviour).toEqual({ mean: 10 / 3, items: 3, favourable: 2, unfavourable: 1 });
    expect(score.values).toEqual({ b2: 4, b3: 2, b4: 4, d1: 5, c1: 3, c2: 4 });
    // ownership facet: b3 = 2, b4 reversed = 4 → 3; it also counts into behaviour above.
    expect(score.facets.ownership).toEqual({ mean: 3, items: 2, favourable: 1, unfavourable: 1 });
    // context: c1 = 3, c2 = 4 (c3 n/a) → 3.5 over 2 of 3; mandate: c2 alone, 1 of 2 is half → counts.
    expect(score.levels.context).toEqual({ mean: 3.5, items: 2, favourable: 1, unfavourable: 0 });
    expect(score.facets.mandate).toEqual({ mean: 4, items: 1, favourable: 1, unfavourable: 0 });
    expect(score.desired.behaviour).toEqual({ mean: 5, items: 1, favourable: 1, unfavourable: 0 });
    expect(score.outcome).toBe(7);
  });

  it("drops a level (and a facet) for a person who answered fewer than half its items", () => {
    // behaviour: only b3 answered = 1 of 4 < 2 → absent; ownership: b3 answered, b4 n/a → 1 of 2 → counts.
    // context: c1 = 5 only → 1 of 3 < 1.5 → absent; mandate: both n/a → absent.
    const score = scoreResponse(naKey, { b1: na, b2: na, b3: 5, b4: na, d1: 4, c1: 5, c2: na, c3: na, overall: 0 });
    expect(score.levels.behaviour).toBeUndefined();
    expect(score.facets.ownership).toEqual({ mean: 5, items: 1, favourable: 1, unfavourable: 0 });
    expect(score.levels.context).toBeUndefined();
    expect(score.facets.mandate).toBeUndefined();
    expect(Object.keys(score.levels)).toEqual([]);
    // the answers given still count per item, and the outcome 0 is an answer
    expect(score.values).toEqual({ b3: 5, d1: 4, c1: 5 });
    expect(score.outcome).toBe(0);
  });

  it("keeps exactly half: two of four items are enough", () => {
    // behaviour: b2 = 1, b3 = 3 → 2 of 4 → mean 2
    const score = scoreResponse(naKey, { b1: na, b2: 1, b3: 3, b4: na });
    expect(score.levels.behaviour).toEqual({ mean: 2, items: 2, favourable: 0, unfavourable: 1 });
  });

  it("has no outcome without an outcome item or answer", () => {
    expect(scoreResponse(key, { m1: 3 }).outcome).toBeNull();
    expect(scoreResponse(naKey, { b1: 3 }).outcome).toBeNull();
    expect(scoreResponse(key, { m1: 3 }).facets).toEqual({});
  });
});

describe("an item kept out of its level's score (levelScore: false)", () => {
  const split: ScoringKey = {
    items: [
      { name: "b1", level: "values", reverse: false, facet: "belief" },
      { name: "b2", level: "values", reverse: false, facet: "belief" },
      { name: "p1", level: "values", reverse: false, facet: "perception", levelScore: false },
      { name: "p2", level: "values", reverse: true, facet: "perception", levelScore: false },
      { name: "probe", level: "values", reverse: false, levelScore: false },
    ],
  };

  it("counts in its facet and as an item, not in the level's mean", () => {
    const score = scoreResponse(split, { b1: 5, b2: 3, p1: 1, p2: 5, probe: 1 });
    expect(score.levels.values).toEqual({ mean: 4, items: 2, favourable: 1, unfavourable: 0 });
    expect(score.facets.belief).toEqual(score.levels.values);
    expect(score.facets.perception).toEqual({ mean: 1, items: 2, favourable: 0, unfavourable: 2 });
    expect(score.values).toEqual({ b1: 5, b2: 3, p1: 1, p2: 1, probe: 1 });
    expect(Object.keys(score.facets).sort()).toEqual(["belief", "perception"]);
  });

  it("nor in the level's size: the level needs half of the items that do count", () => {
    // one of the two belief items answered is enough, whatever the three others
    expect(scoreResponse(split, { b1: 4 }).levels.values).toMatchObject({ mean: 4, items: 1 });
    expect(scoreResponse(split, { p1: 4, p2: 4, probe: 4 }).levels.values).toBeUndefined();
  });
});

describe("the decision factors, whatever order they were shown or ticked in", () => {
  it("come out in FACTOR_IDS order, each once", () => {
    const orders = [
      ["customer_needs", "policy", "personal_fairness"],
      ["personal_fairness", "customer_needs", "policy"],
      ["policy", "personal_fairness", "customer_needs", "policy"],
    ];
    for (const factors of orders)
      expect(scoreResponse(key, { factors }).factors).toEqual(["policy", "personal_fairness", "customer_needs"]);
  });
});
