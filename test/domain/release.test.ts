/** The release fold and the stored score, checked against hand-computed values. */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import {
  addScore,
  createReleaseFold,
  emptyStats,
  levelCorrelation,
  mergeStats,
  pairKey,
  SMALL_CELL,
} from "../../src/domain/release.js";
import { combine, groupOf, levelEvidence } from "../../src/domain/report.js";
import { DONT_KNOW, NOT_APPLICABLE, scoreResponse, type ScoringKey } from "../../src/domain/scoring.js";
import { itemSums } from "../../src/domain/statistics.js";
import { answersOf, decodeScore, encodeAnswers } from "../../src/domain/stored-score.js";
import { createInstrumentRegistry, DEFAULT_INSTRUMENT_ID } from "../../src/instruments/registry.js";
import { randomAnswers } from "../bench/data.js";

const key: ScoringKey = {
  items: [
    { name: "m1", level: "mission", reverse: false },
    { name: "m2", level: "mission", reverse: true },
    { name: "v1", level: "values", reverse: false },
    { name: "v2", level: "values", reverse: false, perspective: "desired" },
    { name: "c1", scale: "mandate", reverse: false },
  ],
  factorsQuestion: "factors",
  mostQuestion: "most",
};

const answers = (m1: number, m2: number, v1: number, extra: Record<string, unknown> = {}) => ({
  m1,
  m2,
  v1,
  v2: 5,
  c1: 3,
  factors: ["policy", "customer_needs"],
  most: "policy",
  ...extra,
});
const sales = { department: "Sales", role: "frontline", tenure: "lt1" };
const service = { department: "Service", role: "management", tenure: "gt10" };

describe("the stored score", () => {
  it("is one digit per key item after reverse-coding, '-' for an item left open, plus the factors", () => {
    expect(
      JSON.parse(encodeAnswers(key, { m1: 5, m2: 2, v1: 1, c1: 3, factors: ["process"], most: "process" })),
    ).toEqual({ v: "541-3", f: ["process"], m: "process" });
  });

  it("decodes to the same score the answers give", () => {
    for (const a of [
      answers(5, 1, 2),
      answers(1, 5, 3, { factors: ["personal_fairness"], most: null }),
      { m1: 4, v1: 2, factors: [], most: null },
    ]) {
      expect(decodeScore(key, encodeAnswers(key, a))).toEqual(scoreResponse(key, a));
    }
  });

  it("gives the answers back as they were given: nothing of a validated response is lost", () => {
    const given = { m1: 5, m2: 2, v1: 1, c1: 3, factors: ["process", "customer_needs"], most: "process" };
    expect(answersOf(key, decodeScore(key, encodeAnswers(key, given)))).toEqual(given);
    expect(answersOf(key, scoreResponse(key, { m1: 4, factors: [] }))).toEqual({ m1: 4, factors: [] });
  });

  it("stores the factors in one order, so the order they were shown or ticked in leaves no trace", () => {
    const stored = (factors: string[]) =>
      JSON.parse(encodeAnswers(key, { m1: 5, factors, most: "customer_needs" })).f as string[];
    expect(stored(["customer_needs", "relationship_events", "policy"])).toEqual([
      "policy",
      "customer_needs",
      "relationship_events",
    ]);
    expect(stored(["relationship_events", "policy", "customer_needs"])).toEqual(
      stored(["customer_needs", "relationship_events", "policy"]),
    );
  });

  it("refuses a stored form that does not fit the instrument", () => {
    expect(() => decodeScore(key, JSON.stringify({ v: "5555", f: [], m: null }))).toThrow(/does not fit/);
  });
});

describe("the release fold", () => {
  // Sales: mission means (5+5)/2 = 5 and (3+3)/2 = 3; Service: (1+1)/2 = 1.
  const fold = () => {
    const f = createReleaseFold(key);
    f.add(sales, scoreResponse(key, answers(5, 1, 4)));
    f.add(sales, scoreResponse(key, answers(3, 3, 2, { factors: ["customer_needs"], most: "customer_needs" })));
    f.add(service, scoreResponse(key, answers(1, 5, 5)));
    return { ...f.result(), stats: f.stats };
  };

  it("keeps one cell per combination of units, with the respondents and sums of its own responses", () => {
    const { cells, stats } = fold();
    expect(cells.map((c) => [c.department, c.n])).toEqual([
      ["Sales", 2],
      ["Service", 1],
    ]);
    const s = stats(cells[0]!);
    expect(s.scales.mission).toEqual({ n: 2, sum: 8, sumSq: 34, items: 4, favourable: 2, unfavourable: 0 });
    expect(s.scales["desired:values"]).toEqual({ n: 2, sum: 10, sumSq: 50, items: 2, favourable: 2, unfavourable: 0 });
    expect(s.scales["climate:mandate"]!.n).toBe(2);
    expect(s.factors).toMatchObject({
      policy: { chosen: 1, most: 1 },
      customer_needs: { chosen: 2, most: 1 },
      "group:rules": { chosen: 1, most: 1 },
      "group:heart": { chosen: 2, most: 1 },
    });
    // m2 is reverse-coded: answers 1 and 3 count as 5 and 3.
    expect(s.items.m2).toEqual([0, 0, 1, 0, 1]);
  });

  it("totals every cell, and the totals equal the cells combined by the report", () => {
    const { cells, totals, stats } = fold();
    expect(totals.n).toBe(3);
    expect(totals.scales.mission).toEqual({ n: 3, sum: 9, sumSq: 35, items: 6, favourable: 2, unfavourable: 2 });
    const combined = combine(cells.map(stats), {});
    expect(Object.fromEntries(combined.scales)).toEqual(totals.scales);
    expect(Object.fromEntries(combined.factors)).toEqual(totals.factors);
    expect(totals.itemLevels).toEqual({ m1: "mission", m2: "mission", v1: "values" });
  });

  it("keeps the cross-products of level pairs, from which Pearson's r follows", () => {
    const { totals } = fold();
    // mission means 5, 3, 1 against values 4, 2, 5.
    expect(totals.pairs[pairKey("mission", "values")]).toEqual({ n: 3, a: 9, b: 11, aa: 35, bb: 45, ab: 31 });
    const r = levelCorrelation(totals.pairs[pairKey("mission", "values")]!)!;
    // cov = 31 − 9·11/3 = −2; var(m) = 35 − 27 = 8; var(v) = 45 − 121/3 = 14/3 → r = −2 / √(8 · 14/3)
    expect(r).toBeCloseTo(-2 / Math.sqrt((8 * 14) / 3), 12);
  });

  it("turns item counts into the sums Cronbach's alpha needs", () => {
    expect(itemSums([1, 0, 2, 0, 1])).toEqual({ n: 4, sum: 1 + 6 + 5, sumSq: 1 + 18 + 25 });
    const { totals } = fold();
    const items = levelEvidence(groupOf(totals, totals)).flatMap((e) =>
      e.items.map((i) => [e.id, itemSums(i.counts).n]),
    );
    expect(items).toEqual([
      ["mission", 3],
      ["mission", 3],
      ["values", 3],
    ]);
  });

  it("adds disjoint groups: merging two folds equals folding all", () => {
    const a = emptyStats();
    const b = emptyStats();
    addScore(a, scoreResponse(key, answers(5, 1, 4)));
    addScore(b, scoreResponse(key, answers(1, 5, 5)));
    const all = emptyStats();
    addScore(all, scoreResponse(key, answers(5, 1, 4)));
    addScore(all, scoreResponse(key, answers(1, 5, 5)));
    expect(mergeStats(a, b)).toEqual(all);
  });

  it("has no correlation without spread or below three respondents", () => {
    expect(levelCorrelation({ n: 2, a: 2, b: 2, aa: 2, bb: 2, ab: 2 })).toBeNull();
    expect(levelCorrelation({ n: 3, a: 3, b: 6, aa: 3, bb: 14, ab: 6 })).toBeNull();
  });
});

// An instrument with an outcome item, a facet and an item that offers "n/a".
const v3Key: ScoringKey = {
  items: [
    { name: "m1", level: "mission", reverse: false },
    { name: "m2", level: "mission", reverse: true, na: true },
    { name: "b1", level: "behaviour", reverse: false, facet: "ownership" },
    { name: "b2", level: "behaviour", reverse: true, facet: "ownership" },
  ],
  factorsQuestion: "factors",
  mostQuestion: "most",
  outcomeQuestion: "overall",
};
const na = NOT_APPLICABLE;

describe("the stored score with an outcome and 'n/a'", () => {
  it("stores n/a as '-' and the outcome as o", () => {
    expect(
      JSON.parse(
        encodeAnswers(v3Key, { m1: 4, m2: na, b1: 5, b2: 2, factors: ["policy"], most: "policy", overall: 10 }),
      ),
    ).toEqual({ v: "4-54", f: ["policy"], m: "policy", o: 10 });
  });

  it("round-trips: answers back as given, n/a included, and the outcome (0 too)", () => {
    for (const given of [
      { m1: 4, m2: na, b1: 5, b2: 2, factors: ["policy"], most: "policy", overall: 10 },
      { m1: 1, m2: 5, b1: 3, b2: 3, factors: [], overall: 0 },
    ]) {
      const stored = encodeAnswers(v3Key, given);
      expect(decodeScore(v3Key, stored)).toEqual(scoreResponse(v3Key, given));
      expect(answersOf(v3Key, decodeScore(v3Key, stored))).toEqual(given);
      expect(encodeAnswers(v3Key, answersOf(v3Key, decodeScore(v3Key, stored)))).toBe(stored);
    }
  });

  it("stores 'don't know' as '-' too, and gives it back where the item offers no 'n/a'", () => {
    const dkKey: ScoringKey = {
      items: [
        { name: "m1", level: "mission", reverse: false, dk: true },
        { name: "m2", level: "mission", reverse: false, dk: true, na: true },
      ],
    };
    const stored = encodeAnswers(dkKey, { m1: DONT_KNOW, m2: DONT_KNOW });
    expect(JSON.parse(stored)).toEqual({ v: "--", f: [], m: null });
    // both are no answer to the score; an item offering both gives "n/a" back, which stores the same
    expect(answersOf(dkKey, decodeScore(dkKey, stored))).toEqual({ m1: DONT_KNOW, m2: NOT_APPLICABLE });
    expect(encodeAnswers(dkKey, answersOf(dkKey, decodeScore(dkKey, stored)))).toBe(stored);
  });

  it("reads a score stored before the outcome existed as outcome null", () => {
    const score = decodeScore(v3Key, JSON.stringify({ v: "4454", f: [], m: null }));
    expect(score.outcome).toBeNull();
    // stored digits are already reverse-coded: m1 4, m2 4 → mean 4; given back, m2 and b2 were answered 2
    expect(score.levels.mission).toEqual({ mean: 4, items: 2, favourable: 2, unfavourable: 0 });
    expect(answersOf(v3Key, score)).toEqual({ m1: 4, m2: 2, b1: 5, b2: 2, factors: [] });
  });

  it("stores no o for an instrument without an outcome item: older stored forms stay byte for byte", () => {
    expect(encodeAnswers(key, { m1: 5, m2: 2, v1: 1, c1: 3, factors: [], most: null, overall: 7 })).toBe(
      '{"v":"541-3","f":[],"m":null}',
    );
  });
});

describe("the release fold of the outcome and the facets", () => {
  // Three respondents: mission means 4, 2, 5; outcome 8, 3, 10; ownership 4.5, 1.5 and (b1 5, b2 1 → 5) 5.
  const responses = [
    { m1: 4, m2: 2, b1: 5, b2: 2, factors: [], overall: 8 },
    { m1: 2, m2: na, b1: 2, b2: 5, factors: [], overall: 3 },
    { m1: 5, m2: 1, b1: 5, b2: 1, factors: [], overall: 10 },
  ];
  const fold = () => {
    const f = createReleaseFold(v3Key);
    responses.forEach((r, i) => f.add(i < 2 ? sales : service, scoreResponse(v3Key, r)));
    return { ...f.result(), stats: f.stats };
  };

  it("counts the outcome's answers 0–10", () => {
    const { cells, totals, stats } = fold();
    expect(totals.outcome).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1]);
    expect(stats(cells[0]!).outcome).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0]);
  });

  it("adds facet sub-scores as scales facet:<facet>", () => {
    const { totals } = fold();
    // ownership means: (5 + 4) / 2 = 4.5, (2 + 1) / 2 = 1.5, (5 + 5) / 2 = 5
    expect(totals.scales["facet:ownership"]).toEqual({
      n: 3,
      sum: 11,
      sumSq: 20.25 + 2.25 + 25,
      items: 6,
      favourable: 4,
      unfavourable: 2,
    });
    // mission: 4 and reverse(2) = 4 → 4; 2 alone (m2 n/a, 1 of 2 counts) → 2; 5 and reverse(1) = 5 → 5
    expect(totals.scales.mission).toEqual({
      n: 3,
      sum: 11,
      sumSq: 16 + 4 + 25,
      items: 5,
      favourable: 4,
      unfavourable: 1,
    });
    expect(totals.items.m2).toEqual([0, 0, 0, 1, 1]);
  });

  it("pairs each level with the outcome", () => {
    const { totals } = fold();
    // mission 4, 2, 5 against outcome 8, 3, 10
    expect(totals.pairs[pairKey("mission", "outcome")]).toEqual({
      n: 3,
      a: 11,
      b: 21,
      aa: 45,
      bb: 64 + 9 + 100,
      ab: 32 + 6 + 50,
    });
    // cov = 88 − 11·21/3 = 11; var(m) = 45 − 121/3 = 14/3; var(o) = 173 − 147 = 26
    expect(levelCorrelation(totals.pairs[pairKey("mission", "outcome")]!)).toBeCloseTo(
      11 / Math.sqrt((14 / 3) * 26),
      12,
    );
    expect(totals.pairs[pairKey("behaviour", "outcome")]!.n).toBe(3);
  });

  it("merges outcome counts, and leaves them out where nobody could answer one", () => {
    const a = emptyStats();
    const b = emptyStats();
    addScore(a, scoreResponse(v3Key, responses[0]!));
    addScore(b, scoreResponse(v3Key, responses[2]!));
    expect(mergeStats(a, b).outcome).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect(mergeStats(emptyStats(), b).outcome).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const old = emptyStats();
    addScore(old, scoreResponse(key, answers(5, 1, 4)));
    expect(old.outcome).toBeUndefined();
    expect(Object.keys(old.pairs).some((p) => p.endsWith("|outcome"))).toBe(false);
  });

  it("merges a stored release from before (no outcome field) with a new one", () => {
    const stored = () => JSON.parse('{"n":1,"scales":{},"factors":{},"items":{},"pairs":{}}');
    const fresh = emptyStats();
    addScore(fresh, scoreResponse(v3Key, responses[1]!));
    expect(mergeStats(stored(), fresh).outcome).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(mergeStats(emptyStats(), stored())).toEqual({ n: 1, scales: {}, factors: {}, items: {}, pairs: {} });
  });
});

describe("a fold that keeps small cells in stored form", () => {
  it("gives every cell the sums, samples and complete sums a fold that summed at once gives, below and past SMALL_CELL", () => {
    const v4 = createInstrumentRegistry().latest(DEFAULT_INSTRUMENT_ID)!;
    // Cells of 1, 3, SMALL_CELL − 1, SMALL_CELL, 2 × SMALL_CELL and past the reservoir's 200
    // respondents, their responses interleaved, every seventh without its stored form (an old row).
    const sizes = [1, 3, SMALL_CELL - 1, SMALL_CELL, 2 * SMALL_CELL, 230];
    const eager = createReleaseFold(v4.key, seedrandom("small-cells"));
    const lazy = createReleaseFold(v4.key, seedrandom("small-cells"));
    const left = [...sizes];
    for (let i = 0; left.some((n) => n > 0); i++) {
      const c = i % sizes.length;
      if (left[c]! === 0) continue;
      left[c]! -= 1;
      const answers = randomAnswers(v4);
      const cell = { department: `D${c}`, role: "frontline", tenure: "lt1" };
      eager.add(cell, scoreResponse(v4.key, answers));
      lazy.add(cell, scoreResponse(v4.key, answers), i % 7 === 6 ? undefined : encodeAnswers(v4.key, answers));
    }
    const rounded = (value: unknown) =>
      JSON.parse(JSON.stringify(value, (_, v) => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v)));
    expect(rounded(lazy.result())).toEqual(rounded(eager.result()));
    // Small cells hold their stored forms, not sums: the fold's memory is far below summing each cell.
    expect(lazy.bytes).toBeLessThan(eager.bytes);
    for (const cell of eager.result().cells) {
      expect(rounded(lazy.stats(cell))).toEqual(rounded(eager.stats(cell)));
      expect(lazy.sample(cell)).toEqual(eager.sample(cell));
      expect(rounded(lazy.complete(cell))).toEqual(rounded(eager.complete(cell)));
    }
    const { cells } = eager.result();
    const whole = (fold: typeof eager) => cells.reduce((acc, cell) => fold.sumInto(acc, cell), emptyStats());
    expect(rounded(whole(lazy))).toEqual(rounded(whole(eager)));
    expect(whole(lazy).n).toBe(sizes.reduce((a, b) => a + b, 0));
  });
});
