/** The report shows a scale only when every respondent of the group answered it. */
import { describe, expect, it } from "vitest";
import { emptyStats } from "../../src/domain/release.js";
import { buildReport, groupOf, type ScaleSums } from "../../src/domain/report.js";

const sums = (n: number, mean: number): ScaleSums => ({ n, sum: n * mean, sumSq: n * mean * mean + n, items: n * 4, favourable: n, unfavourable: 0 });

describe("scales of a published group", () => {
  it("leave out a level, a desired state or a climate scale that fewer than the whole group answered", () => {
    const group = groupOf({ ...emptyStats(), n: 12, scales: { mission: sums(12, 4), context: sums(1, 1.5), "desired:mission": sums(12, 4.5), "desired:context": sums(1, 2), "climate:mandate": sums(1, 4.5) } });
    const report = buildReport({ group, heatmap: null, management: null });
    expect(report.suppressed).toBe(false);
    if (report.suppressed) return;
    expect(report.levels.map((l) => [l.id, l.n])).toEqual([["mission", 12]]);
    expect(report.desiredGap?.map((g) => g.level)).toEqual(["mission"]);
    expect(report.climate).toEqual([]);
  });

  it("show every scale the whole group answered", () => {
    const group = groupOf({ ...emptyStats(), n: 7, scales: { mission: sums(7, 4), context: sums(7, 2), "climate:mandate": sums(7, 4) } });
    const report = buildReport({ group, heatmap: null, management: null });
    if (report.suppressed) throw new Error("not suppressed");
    expect(report.levels.map((l) => l.id)).toEqual(["mission", "context"]);
    expect(report.climate.map((c) => [c.id, c.n])).toEqual([["mandate", 7]]);
  });
});
