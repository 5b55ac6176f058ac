/**
 * Live counts of running rounds, each at most half a minute old, for every route that shows them
 * (participation, the portfolio, a campaign): counting means reading every response of the round,
 * participation needs no second-by-second precision, and two quick reads then cannot tell apart
 * who submitted in between. Counts say who took part, never what anyone answered.
 */
import type { CodeCounts } from "../domain/access-codes.js";
import type { CountedCell } from "../domain/disclosure.js";
import { codeCounts } from "../storage/access-codes.js";
import type { Db } from "../storage/database.js";
import { liveCellCounts, liveRespondents } from "../storage/releases.js";

const LIVE_MS = 30_000;
const HELD = 1000;
const cells = new Map<string, { at: number; value: CountedCell[] }>();
const totals = new Map<string, { at: number; value: number }>();
const codesUsed = new Map<string, { at: number; value: number }>();

const fresh = <T>(hit: { at: number; value: T } | undefined, now: number): hit is { at: number; value: T } =>
  hit !== undefined && now >= hit.at && now - hit.at < LIVE_MS;

function keep<T>(cache: Map<string, { at: number; value: T }>, id: string, at: number, value: T): T {
  if (cache.size >= HELD) cache.clear();
  cache.set(id, { at, value });
  return value;
}

/** Respondents per cell of a running round, as counted at most half a minute ago. */
export async function liveCells(db: Db, campaignId: string, now: number): Promise<CountedCell[]> {
  const hit = cells.get(campaignId);
  return fresh(hit, now) ? hit.value : keep(cells, campaignId, now, await liveCellCounts(db, campaignId));
}

/** Respondents of each running round, as counted at most half a minute ago. */
export async function liveTotals(db: Db, campaignIds: readonly string[], now: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const missing: string[] = [];
  for (const id of campaignIds) {
    const hit = totals.get(id);
    if (fresh(hit, now)) out.set(id, hit.value);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const counted = await liveRespondents(db, missing);
    for (const id of missing) out.set(id, keep(totals, id, now, counted.get(id) ?? 0));
  }
  return out;
}

/**
 * Codes issued and used per round: issued as it is now (it follows the consultant's own action),
 * used as counted at most half a minute ago — each used code is a response, so it moves with them.
 */
export async function liveCodes(db: Db, campaignIds: readonly string[], now: number): Promise<Map<string, CodeCounts>> {
  const counted = await codeCounts(db, campaignIds);
  return new Map(
    campaignIds.map((id) => {
      const { issued, used } = counted.get(id) ?? { issued: 0, used: 0 };
      const hit = codesUsed.get(id);
      return [id, { issued, used: fresh(hit, now) ? hit.value : keep(codesUsed, id, now, used) }];
    }),
  );
}
