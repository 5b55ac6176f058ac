import { describe, expect, it } from "vitest";

import { DEFAULT_THRESHOLDS } from "../../src/domain/level-bars.js";
import { type CellStats, combine, decisionHeadline, decisionMix, overviewOf } from "../../src/domain/report.js";
import { addCounters, confidenceInterval95, copyCounters, mean, round, sampleSd } from "../../src/domain/statistics.js";

// Values 2, 4, 4, 5: mean 3.75, sample variance ((1.75² + .25² + .25² + 1.25²) / 3) = 4.75 / 3
const sums = { n: 4, sum: 15, sumSq: 4 + 16 + 16 + 25 };

describe("round", () => {
  it("rounds a half the same way whichever order its values were summed in", () => {
    // A sum of the same values in another order lands a few ulps either side of the half.
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1);
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(48.75 - 7e-15)).toBe(48.8);
    expect(round(48.75 + 7e-15)).toBe(48.8);
    expect(round(48.74)).toBe(48.7);
    expect(round(0.125, 2)).toBe(0.13);
    expect(round(2.5, 0)).toBe(3);
  });
});

describe("statistics from running sums", () => {
  it("computes mean and sample SD (hand-computed)", () => {
    expect(mean(sums)).toBe(3.75);
    expect(sampleSd(sums)).toBeCloseTo(Math.sqrt(4.75 / 3), 12);
    expect(sampleSd({ n: 1, sum: 3, sumSq: 9 })).toBe(0);
  });
  it("gives a 95% interval from Student's t with n − 1 degrees of freedom", () => {
    const [lo, hi] = confidenceInterval95(sums);
    const half = 3.182446305284263 * (Math.sqrt(4.75 / 3) / 2); // t(0.975, 3)
    expect(lo).toBeCloseTo(3.75 - half, 9);
    expect(hi).toBeCloseTo(3.75 + half, 9);
  });
  it("adds sums of two groups", () => {
    expect(addCounters({ ...sums }, { n: 1, sum: 1, sumSq: 1 })).toEqual({ n: 5, sum: 16, sumSq: 62 });
  });
  it("adds counts per answer alike, and copies what it adds into", () => {
    const counts = [1, 0, 2, 0, 1];
    const copy = copyCounters(counts);
    expect(addCounters(copy, [0, 1, 1, 0, 3])).toEqual([1, 1, 3, 0, 4]);
    expect(counts).toEqual([1, 0, 2, 0, 1]);
  });
});

describe("report pieces", () => {
  const cell = (
    department: string,
    n: number,
    values: { sum: number; sumSq: number; fav: number; unfav: number; items: number },
    factors: CellStats["factors"],
  ): CellStats => ({
    department,
    role: "frontline",
    tenure: "",
    n,
    scales: {
      values: {
        n,
        sum: values.sum,
        sumSq: values.sumSq,
        items: values.items,
        favourable: values.fav,
        unfavourable: values.unfav,
      },
    },
    factors,
  });
  const cells = [
    cell(
      "A",
      3,
      { sum: 3 + 5 + 5, sumSq: 9 + 25 + 25, fav: 8, unfav: 0, items: 12 },
      {
        policy: { chosen: 3, most: 2 },
        "group:system": { chosen: 3, most: 3 },
        "group:heart": { chosen: 0, most: 0 },
        "group:rules": { chosen: 3, most: 2 },
      },
    ),
    cell(
      "B",
      2,
      { sum: 1 + 2, sumSq: 1 + 4, fav: 0, unfav: 8, items: 8 },
      {
        personal_fairness: { chosen: 2, most: 2 },
        "group:heart": { chosen: 2, most: 2 },
        "group:system": { chosen: 0, most: 0 },
      },
    ),
  ];

  it("combines cells and summarises a level on 0–100 with its flags", () => {
    // Measured reliably (an alpha as a release stores it): the cells carry no item counts to compute one.
    const group = { ...combine(cells, {}), alpha: { values: { alpha: 0.8, items: 4, n: 5, warning: false } } };
    const [values] = overviewOf(group, DEFAULT_THRESHOLDS).levels;
    // Means 3, 5, 5, 1, 2 → mean 3.2 → score 55; SD of 3,5,5,1,2 = sqrt(11.2/4 … ) computed from sums.
    // Five people leave a wide interval across 60: possibly weak, not weak; too few to be called divided.
    expect(values).toMatchObject({
      id: "values",
      n: 5,
      score: 55,
      favourablePct: 40,
      unfavourablePct: 40,
      weak: false,
      possiblyWeak: true,
      divided: false,
    });
    expect(values!.ci95[0]).toBeLessThan(60);
    expect(values!.ci95[1]).toBeGreaterThan(60);
    expect(values!.sd).toBeCloseTo(Math.sqrt((64 - 16 ** 2 / 5) / 4), 2);
  });

  it("turns factor counts into shares of respondents, with unions counted once", () => {
    const mix = decisionMix(combine(cells, {}))!;
    expect(mix.factors.find((f) => f.id === "policy")).toMatchObject({ chosenPct: 60, mostPct: 40 });
    expect(mix.factors.find((f) => f.id === "personal_fairness")).toMatchObject({ chosenPct: 40, mostPct: 40 });
    expect(mix.groups.system).toEqual({ chosenPct: 60, mostPct: 60 });
    // 60% system against 40% heart: the system leans, no coat rack (that takes 80%), and 40% is no "only".
    expect(mix.pattern).toBe("system_leaning");
    expect(mix.headline.en).toBe(
      "The system weighs more than the customer: for 60% a rule or way of working of the organisation decided an exception (policy or process: 40%), for 40% the customer or their own sense of fairness. 40% weighed their own sense of fairness too.",
    );
  });

  it("follows the seed's 80% / 10% in its wording", () => {
    expect(decisionHeadline(86, 10, 82, 9)).toMatchObject({ pattern: "coat_rack" });
    expect(decisionHeadline(86, 10, 82, 9).headline.nl).toMatch(
      /^Het hart hangt aan de kapstok: voor 86% .* Slechts 9% woog/,
    );
    expect(decisionHeadline(79, 21, 50, 30).pattern).toBe("system_leaning");
    expect(decisionHeadline(79, 21, 50, 30).headline.en).not.toContain("Only");
    expect(decisionHeadline(52, 48, 30, 25).pattern).toBe("balanced");
    const led = decisionHeadline(30, 70, 20, 45);
    expect(led.pattern).toBe("customer_led");
    expect(led.headline.en).toMatch(/^The customer weighs most: for 70% the customer/);
  });
});
