/**
 * The quality gate where an item is unpublished: alpha of the published items, from the products
 * of every two of them that a release keeps per group, equals alpha computed from the respondents
 * themselves — in a group's report and in its bootstrap resamples alike.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";

import { latentValues } from "../../src/demo/latent-model.js";
import { DEFAULT_THRESHOLDS } from "../../src/domain/level-bars.js";
import { answeredByAll, createReleaseFold, itemProduct, publishedGroup } from "../../src/domain/release.js";
import { completeAlpha, cronbachAlpha, itemsAlpha } from "../../src/domain/reliability.js";
import { groupOf, levelEvidence } from "../../src/domain/report.js";
import { levelLayout, scoreValues } from "../../src/domain/scoring.js";
import { evidenceOf, referencePick } from "../../src/domain/stability.js";
import { SIM_KEY } from "../helpers/simulated-group.js";

function fold(n: number, notApplicable: (i: number) => boolean) {
  const random = seedrandom("partial alpha");
  const f = createReleaseFold(SIM_KEY, random);
  const cell = { department: "", role: "", tenure: "" };
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const values = latentValues(SIM_KEY, { means: {}, fallback: 3.5 }, random);
    if (notApplicable(i)) delete values.values_3;
    rows.push(values);
    f.add(cell, scoreValues(SIM_KEY, values, [], null));
  }
  return { f, cell, rows };
}

describe("alpha of a level's published items", () => {
  it("equals Cronbach's alpha from the respondents' answers (items × respondents), to rounding", () => {
    const { f, rows } = fold(60, () => false);
    const { totals } = f.result();
    const names = ["values_1", "values_2", "values_3", "values_4", "values_5"];
    const fromPairs = itemsAlpha(
      names.map((name) => {
        const xs = rows.map((r) => r[name]!);
        return {
          name,
          sums: { n: xs.length, sum: xs.reduce((a, b) => a + b, 0), sumSq: xs.reduce((a, b) => a + b * b, 0) },
        };
      }),
      (a, b) => itemProduct(totals, "values", levelLayout(SIM_KEY).values!, a, b),
    )!;
    // By hand: the level mean's variance is the items' total variance over m².
    const means = rows.map((r) => names.reduce((a, n) => a + r[n]!, 0) / names.length);
    const byHand = cronbachAlpha(
      names.map((name) => {
        const xs = rows.map((r) => r[name]!);
        return { n: xs.length, sum: xs.reduce((a, b) => a + b, 0), sumSq: xs.reduce((a, b) => a + b * b, 0) };
      }),
      { n: means.length, sum: means.reduce((a, b) => a + b, 0), sumSq: means.reduce((a, b) => a + b * b, 0) },
    );
    expect(fromPairs.alpha).not.toBeNull();
    expect(fromPairs.alpha).toBeCloseTo(byHand.alpha!, 9);
  });

  it("gates a group whose level has an unpublished item, the same in the group and in its resamples", () => {
    const { f, cell } = fold(80, (i) => i === 7);
    const { totals } = f.result();
    const keep = answeredByAll(totals);
    expect(keep.items.has("values_3")).toBe(false);
    // Any group but the round: no alpha over complete respondents is stored for it.
    const stats = publishedGroup(totals, keep, levelLayout(SIM_KEY));
    const values = levelEvidence(groupOf(stats, totals)).find((e) => e.id === "values")!;
    expect(values.complete).toBe(false);
    expect(values.alpha).toBeUndefined();
    // Coherent answers: alpha of the four published items passes the gate, in the group and its resamples.
    expect(values.partialReliable).toBe(true);
    const resampled = evidenceOf(SIM_KEY, f.sample(cell), keep.items, null).find((e) => e.id === "values")!;
    expect(resampled.partialReliable).toBe(true);
    // Neither the item products nor the grids are stored: only the alpha and the splits derived from them.
    expect(stats.itemPairs).toBeUndefined();
    expect(stats.grids).toBeUndefined();
    // Only the gate's outcome is stored, never the alpha: a two-item alpha would give the product sum.
    expect(stats.partialReliable).toEqual({ values: true });
  });

  it("in the round, falls back to the published items when fewer than k answered every item, in the group and its resamples alike", () => {
    const k = 5;
    const { f, cell } = fold(60, (i) => i < 56);
    const { totals } = f.result();
    const keep = answeredByAll(totals);
    // Four answered every values item: too few for alpha over complete respondents.
    expect(completeAlpha(f.complete(cell), k).values).toBeUndefined();
    const round = { ...publishedGroup(totals, keep, levelLayout(SIM_KEY)), alpha: completeAlpha(f.complete(cell), k) };
    const values = levelEvidence(groupOf(round, totals)).find((e) => e.id === "values")!;
    expect(values.partialReliable).toBe(true);
    const resampled = evidenceOf(SIM_KEY, f.sample(cell), keep.items, k).find((e) => e.id === "values")!;
    expect(resampled.alpha).toBeUndefined();
    expect(resampled.partialReliable).toBe(true);
    expect(referencePick([values], DEFAULT_THRESHOLDS)).toBe(referencePick([resampled], DEFAULT_THRESHOLDS));
  });

  it("fails the gate for random answers, in the group and its resamples alike", () => {
    const random = seedrandom("random partial");
    const f = createReleaseFold(SIM_KEY, random);
    const cell = { department: "", role: "", tenure: "" };
    for (let i = 0; i < 80; i++) {
      const values = Object.fromEntries(SIM_KEY.items.map((item) => [item.name, 1 + Math.floor(random() * 5)]));
      if (i === 3) delete values.values_3;
      f.add(cell, scoreValues(SIM_KEY, values, [], null));
    }
    const { totals } = f.result();
    const keep = answeredByAll(totals);
    const values = levelEvidence(groupOf(publishedGroup(totals, keep, levelLayout(SIM_KEY)), totals)).find(
      (e) => e.id === "values",
    )!;
    expect(values.partialReliable).toBe(false);
    expect(evidenceOf(SIM_KEY, f.sample(cell), keep.items, null).find((e) => e.id === "values")!.partialReliable).toBe(
      false,
    );
  });
});
