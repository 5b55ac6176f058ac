/**
 * Checks a campaign's stored data against itself: every acknowledged submission has its
 * receipt, responses and receipts match one for one, and every aggregate equals a
 * recomputation from the stored answers.
 */
import type { Client } from "@libsql/client";
import { expect } from "vitest";
import { scoreResponse } from "../../src/domain/scoring.js";
import type { Instrument } from "../../src/instruments/instrument.js";
import { sha256Hex } from "../../src/lib/random.js";
import { aggregateRows, mergeAggregateRows } from "../../src/storage/responses.js";

const rows = async (client: Client, sql: string, campaignId: string) => (await client.execute({ sql, args: [campaignId] })).rows;

export async function expectConsistent(client: Client, instrument: Instrument, campaignId: string, acknowledged: Iterable<string>): Promise<{ stored: number }> {
  const receipts = new Set((await rows(client, "select key_hash from receipts where campaign_id = ?", campaignId)).map((r) => String(r.key_hash)));
  for (const id of acknowledged) expect(receipts.has(await sha256Hex(`${campaignId}:${id.toLowerCase()}`)), `receipt of ${id}`).toBe(true);
  const responses = await rows(client, "select department, role, tenure, answers from responses where campaign_id = ?", campaignId);
  expect(responses.length).toBe(receipts.size);

  const expected = mergeAggregateRows(
    responses.map((r) => ({
      rows: aggregateRows(campaignId, { department: String(r.department), role: String(r.role), tenure: String(r.tenure) }, scoreResponse(instrument.key, JSON.parse(String(r.answers)))),
      times: 1,
    })),
  );
  const cellKey = (r: Record<string, unknown>) => `${r.department}|${r.role}|${r.tenure}`;
  const counts = new Map((await rows(client, "select * from cell_counts where campaign_id = ?", campaignId)).map((r) => [cellKey(r), Number(r.n)]));
  expect(counts).toEqual(new Map(expected.cells.map((c) => [cellKey(c), c.n])));
  const scales = await rows(client, "select * from scale_stats where campaign_id = ?", campaignId);
  expect(scales.length).toBe(expected.scales.length);
  for (const s of scales) {
    const e = expected.scales.find((x) => cellKey(x) === cellKey(s) && x.scale === s.scale)!;
    expect(Number(s.n)).toBe(e.n);
    expect(Number(s.sum)).toBeCloseTo(e.sum, 6);
    expect(Number(s.sum_sq)).toBeCloseTo(e.sumSq, 6);
    expect([Number(s.items), Number(s.favourable), Number(s.unfavourable)]).toEqual([e.items, e.favourable, e.unfavourable]);
  }
  const factors = await rows(client, "select * from factor_stats where campaign_id = ?", campaignId);
  expect(factors.length).toBe(expected.factors.length);
  for (const f of factors) {
    const e = expected.factors.find((x) => cellKey(x) === cellKey(f) && x.factor === f.factor)!;
    expect([Number(f.chosen), Number(f.most)]).toEqual([e.chosen, e.most]);
  }
  const items = await rows(client, "select * from item_stats where campaign_id = ?", campaignId);
  expect(items.length).toBe(expected.items.length);
  for (const i of items) {
    const e = expected.items.find((x) => x.item === i.item)!;
    expect(Number(i.n)).toBe(e.n);
    expect(Number(i.sum)).toBeCloseTo(e.sum, 6);
  }
  return { stored: responses.length };
}
