/**
 * Checks a campaign's stored data against itself: every acknowledged submission has its
 * receipt, responses and receipts match one for one, each stored form reads back as answers
 * that score to itself, and a release (when there is one) equals a fold recomputed from the answers —
 * with no rows of any other, unfinished attempt left beside it.
 */
import type { Client } from "@libsql/client";
import { expect } from "vitest";
import { createReleaseFold } from "../../src/domain/release.js";
import { scoreResponse } from "../../src/domain/scoring.js";
import { answersOf, decodeScore, encodeAnswers } from "../../src/domain/stored-score.js";
import type { Instrument } from "../../src/instruments/instrument.js";
import { sha256Hex } from "../../src/lib/random.js";

const rows = async (client: Client, sql: string, campaignId: string) => (await client.execute({ sql, args: [campaignId] })).rows;

export async function expectConsistent(client: Client, instrument: Instrument, campaignId: string, acknowledged: Iterable<string>): Promise<{ stored: number }> {
  const receipts = new Set((await rows(client, "select key_hash from receipts where campaign_id = ?", campaignId)).map((r) => String(r.key_hash)));
  for (const id of acknowledged) expect(receipts.has(await sha256Hex(`${campaignId}:${id.toLowerCase()}`)), `receipt of ${id}`).toBe(true);
  const responses = await rows(client, "select scores from responses where campaign_id = ?", campaignId);
  expect(responses.length).toBe(receipts.size);
  // Each stored form is whole: read back as answers and scored again, it is itself.
  for (const r of responses) expect(encodeAnswers(instrument.key, answersOf(instrument.key, decodeScore(instrument.key, String(r.scores))))).toBe(String(r.scores));
  return { stored: responses.length };
}

/** The stored answers of a row: its scored form, or the JSON of a row from before that existed. */
const storedAnswers = (instrument: Instrument, r: Record<string, unknown>) =>
  r.scores === null ? (JSON.parse(String(r.answers)) as Record<string, unknown>) : answersOf(instrument.key, decodeScore(instrument.key, String(r.scores)));

/** The campaign's release, if any, against a fold of its stored answers; returns the respondents it holds (null without a release). */
export async function expectReleaseConsistent(client: Client, instrument: Instrument, campaignId: string): Promise<number | null> {
  const [release] = await rows(client, "select id, respondents from releases where campaign_id = ?", campaignId);
  if (!release) return null;
  for (const table of ["release_cells", "release_comments"]) {
    const stray = await rows(client, `select count(*) as n from ${table} where campaign_id = ? and release_id not in (select id from releases)`, campaignId);
    expect(Number(stray[0]!.n), `${table} of unfinished attempts beside a release`).toBe(0);
  }
  const responses = await rows(client, "select department, role, tenure, answers, scores, comment from responses where campaign_id = ?", campaignId);
  const fold = createReleaseFold(instrument.key);
  for (const r of responses) fold.add({ department: String(r.department), role: String(r.role), tenure: String(r.tenure) }, scoreResponse(instrument.key, storedAnswers(instrument, r)));
  const expected = fold.result();
  expect(Number(release.respondents)).toBe(responses.length);
  const cells = await rows(client, "select department, role, tenure, n, stats from release_cells where campaign_id = ?", campaignId);
  expect(cells.length).toBe(expected.cells.length);
  for (const c of cells) {
    const e = expected.cells.find((x) => x.department === c.department && x.role === c.role && x.tenure === c.tenure)!;
    const { department: _d, role: _r, tenure: _t, ...stats } = e;
    const stored = JSON.parse(String(c.stats)) as typeof stats;
    expect(Number(c.n)).toBe(e.n);
    expect(stored.items).toEqual(stats.items);
    expect(stored.factors).toEqual(stats.factors);
    for (const [scale, s] of Object.entries(stats.scales)) {
      expect(stored.scales[scale]!.n).toBe(s.n);
      expect(stored.scales[scale]!.sum).toBeCloseTo(s.sum, 6);
      expect(stored.scales[scale]!.favourable).toBe(s.favourable);
    }
  }
  const comments = await rows(client, "select count(*) as n from release_comments where release_id = (select id from releases where campaign_id = ?)", campaignId);
  expect(Number(comments[0]!.n)).toBe(responses.filter((r) => r.comment !== null).length);
  return Number(release.respondents);
}
