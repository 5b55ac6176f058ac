/**
 * The report's sums, grouped by the database, equal the same sums combined in memory from the
 * per-cell rows: on the demo, for the whole campaign, with filters and with every heatmap.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo, type DemoResult } from "../../src/demo/seed.js";
import { buildReport, sumsFromCells, type CellStats } from "../../src/domain/report.js";
import type { Conditions } from "../../src/domain/disclosure.js";
import type { Dimension } from "../../src/domain/units.js";
import { loadReportSums } from "../../src/storage/reports.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

let t: TestApp;
let demo: DemoResult;
beforeAll(async () => {
  t = await createTestApp();
  demo = await seedDemo(t.db, t.instruments, t.clock.now);
});
afterAll(() => t.close());

/** Per-cell rows read plainly, without any grouping in SQL. */
async function cellsOf(campaignId: string): Promise<CellStats[]> {
  const rows = async (table: string) => (await t.client.execute({ sql: `select * from ${table} where campaign_id = ?`, args: [campaignId] })).rows;
  const key = (r: Record<string, unknown>) => `${r.department}|${r.role}|${r.tenure}`;
  const cells = new Map<string, CellStats>();
  for (const r of await rows("cell_counts")) cells.set(key(r), { department: String(r.department), role: String(r.role), tenure: String(r.tenure), n: Number(r.n), scales: {}, factors: {} });
  for (const r of await rows("scale_stats")) cells.get(key(r))!.scales[String(r.scale)] = { n: Number(r.n), sum: Number(r.sum), sumSq: Number(r.sum_sq), items: Number(r.items), favourable: Number(r.favourable), unfavourable: Number(r.unfavourable) };
  for (const r of await rows("factor_stats")) cells.get(key(r))!.factors[String(r.factor)] = { chosen: Number(r.chosen), most: Number(r.most) };
  return [...cells.values()];
}

const cases: [string, Conditions, Dimension | undefined][] = [
  ["the whole campaign", {}, undefined],
  ["by department", {}, "department"],
  ["by role", {}, "role"],
  ["frontline by department", { role: "frontline" }, "department"],
  ["long tenure by role", { tenure: "gt10" }, "role"],
  ["one department by tenure", { department: "Klantcontactcentrum" }, "tenure"],
];

describe("report sums from SQL", () => {
  it.each(cases)("give the same report as the per-cell rows: %s", async (_label, filters, dimension) => {
    const { campaign } = demo;
    const options = { units: campaign.units, k: campaign.k, thresholds: campaign.thresholds, filters, ...(dimension ? { dimension } : {}) };
    const fromSql = buildReport({ ...options, sums: await loadReportSums(t.db, campaign.id, filters, dimension) });
    const fromCells = buildReport({ ...options, sums: sumsFromCells(await cellsOf(campaign.id), filters, dimension) });
    expect(fromSql.suppressed).toBe(false);
    expect(fromSql).toEqual(fromCells);
  });
});
