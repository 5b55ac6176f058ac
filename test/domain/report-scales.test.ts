/** The report shows a scale only when every respondent of the group answered it. */
import { describe, expect, it } from "vitest";

import { emptyStats } from "../../src/domain/release.js";
import { buildReport, groupOf, type ScaleSums } from "../../src/domain/report.js";

const sums = (n: number, mean: number): ScaleSums => ({
  n,
  sum: n * mean,
  sumSq: n * mean * mean + n,
  items: n * 4,
  favourable: n,
  unfavourable: 0,
});

describe("scales of a published group", () => {
  it("leave out a level, a desired state or a climate scale that fewer than the whole group answered", () => {
    const group = groupOf({
      ...emptyStats(),
      n: 12,
      scales: {
        mission: sums(12, 4),
        context: sums(1, 1.5),
        "desired:mission": sums(12, 4.5),
        "desired:context": sums(1, 2),
        "climate:mandate": sums(1, 4.5),
      },
    });
    const report = buildReport({ group, heatmap: null, management: null });
    expect(report.suppressed).toBe(false);
    if (report.suppressed) return;
    expect(report.levels.map((l) => [l.id, l.n])).toEqual([["mission", 12]]);
    expect(report.desiredGap?.map((g) => g.level)).toEqual(["mission"]);
    expect(report.climate).toEqual([]);
  });

  it("show every scale the whole group answered", () => {
    const group = groupOf({
      ...emptyStats(),
      n: 7,
      scales: { mission: sums(7, 4), context: sums(7, 2), "climate:mandate": sums(7, 4) },
    });
    const report = buildReport({ group, heatmap: null, management: null });
    if (report.suppressed) throw new Error("not suppressed");
    expect(report.levels.map((l) => l.id)).toEqual(["mission", "context"]);
    expect(report.climate.map((c) => [c.id, c.n])).toEqual([["mandate", 7]]);
  });
});

describe("item and facet results", () => {
  it("pair each item with its desired twin, and give facets their agreement (for beliefs: the alignment index)", () => {
    const group = groupOf(
      {
        ...emptyStats(),
        n: 12,
        scales: { values: sums(12, 3.5), "facet:belief": sums(12, 3) },
        items: {
          // Two camps on one belief, agreement on the other.
          v_belief_1: [6, 0, 0, 0, 6],
          v_belief_2: [0, 0, 0, 12, 0],
          v_shared: [0, 0, 6, 6, 0],
          v_shared_should: [0, 0, 0, 0, 12],
        },
      },
      {
        itemLevels: { v_belief_1: "values", v_belief_2: "values", v_shared: "values" },
        itemFacets: { v_belief_1: "belief", v_belief_2: "belief" },
        itemMirrors: { v_shared_should: "v_shared" },
      },
    );
    const report = buildReport({ group, heatmap: null, management: null });
    if (report.suppressed) throw new Error("not suppressed");
    const shared = report.items.find((i) => i.name === "v_shared")!;
    // Answers 3 and 4 → 3.5 → 62.5; "should" all 5 → 100.
    expect(shared).toMatchObject({ score: 62.5, desired: 100, facet: null });
    expect(report.items.find((i) => i.name === "v_belief_1")).toMatchObject({
      facet: "belief",
      desired: null,
      split: true,
    });
    // Item variances 12·4/11 = 48/11 and 0: mean 24/11 > 2, more spread than random answering → no agreement.
    expect(report.facets).toEqual([{ id: "belief", level: "values", n: 12, score: 50, agreement: 0 }]);
  });
});
