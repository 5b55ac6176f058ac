/** Aggregate rows of many responses merge into the same sums as adding them one by one. */
import { describe, expect, it } from "vitest";
import { aggregateRows, mergeAggregateRows } from "../../src/storage/responses.js";

const score = (mission: number, factors: string[]) => ({
  levels: { mission: { mean: mission, items: 2, favourable: mission >= 4 ? 2 : 0, unfavourable: mission <= 2 ? 2 : 0 } },
  desired: {},
  climate: {},
  levelItems: [{ name: "m1", level: "mission" as const, value: mission }],
  factors: factors as never[],
  most: null,
});

describe("merging aggregate rows", () => {
  it("sums counters per key and multiplies by how often a row set was used", () => {
    const a = aggregateRows("c1", { department: "Sales", role: "frontline", tenure: "lt1" }, score(4, ["policy"]));
    const b = aggregateRows("c1", { department: "Sales", role: "frontline", tenure: "lt1" }, score(2, ["policy", "customer_needs"]));
    const c = aggregateRows("c1", { department: "Service", role: "frontline", tenure: "lt1" }, score(5, []));
    const merged = mergeAggregateRows([{ rows: a, times: 3 }, { rows: b, times: 1 }, { rows: c, times: 2 }]);
    expect(merged.cells).toEqual([
      { campaignId: "c1", department: "Sales", role: "frontline", tenure: "lt1", n: 4 },
      { campaignId: "c1", department: "Service", role: "frontline", tenure: "lt1", n: 2 },
    ]);
    const sales = merged.scales.find((s) => s.department === "Sales" && s.scale === "mission")!;
    // 3 × 4 + 2 = 14; 3 × 16 + 4 = 52; favourable 3 × 2; unfavourable 2.
    expect(sales).toMatchObject({ n: 4, sum: 14, sumSq: 52, items: 8, favourable: 6, unfavourable: 2 });
    expect(merged.factors.find((f) => f.department === "Sales" && f.factor === "policy")).toMatchObject({ chosen: 4, most: 0 });
    expect(merged.factors.find((f) => f.department === "Sales" && f.factor === "customer_needs")).toMatchObject({ chosen: 1 });
    // Item sums are per campaign: one row for m1 across both cells.
    expect(merged.items).toEqual([{ campaignId: "c1", item: "m1", level: "mission", n: 6, sum: 3 * 4 + 2 + 2 * 5, sumSq: 3 * 16 + 4 + 2 * 25 }]);
  });
});
