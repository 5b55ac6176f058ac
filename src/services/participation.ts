/**
 * A round's participation, the one thing readable while it runs: respondents, response rate and
 * respondents per unit (from k), with the dates that say when results come. Once released, the
 * counts are the release's. Its shape is the route's schema (routes/campaign-view.ts).
 */
import type { ResolvedDeps } from "../app-env.js";
import { roundResponseRate } from "../domain/access-codes.js";
import type { Campaign } from "../domain/campaign.js";
import { releasedParticipation, unitParticipation } from "../domain/participation.js";
import type { Participation } from "../routes/campaign-view.js";
import { codeCounts } from "../storage/access-codes.js";
import type { CountedCell } from "../domain/disclosure.js";
import type { Db } from "../storage/database.js";
import { findRelease, liveCellCounts } from "../storage/releases.js";

/**
 * Live counts of running rounds, for half a minute: counting means reading every response of the
 * round, and participation needs no second-by-second precision (it also makes what two quick
 * reads can tell apart coarser).
 */
const LIVE_MS = 30_000;
const live = new Map<string, { at: number; cells: CountedCell[] }>();

async function liveCells(db: Db, campaignId: string, now: number): Promise<CountedCell[]> {
  const hit = live.get(campaignId);
  if (hit && now - hit.at < LIVE_MS && now >= hit.at) return hit.cells;
  const cells = await liveCellCounts(db, campaignId);
  if (live.size >= 1000) live.clear();
  live.set(campaignId, { at: now, cells });
  return cells;
}

export async function participation({ db, now }: Pick<ResolvedDeps, "db" | "now">, campaign: Campaign): Promise<Participation> {
  const release = await findRelease(db, campaign.id);
  const cells = release ? [] : await liveCells(db, campaign.id, now().getTime());
  const respondents = release ? release.respondents : cells.reduce((n, c) => n + c.n, 0);
  const codes = (await codeCounts(db, [campaign.id])).get(campaign.id) ?? { issued: 0, used: 0 };
  return {
    status: release ? "closed" : campaign.status,
    opensOn: campaign.opensOn,
    closesOn: campaign.closesOn,
    released: release !== undefined,
    releasedOn: release?.releasedOn ?? null,
    k: campaign.k,
    respondents,
    responseRate: roundResponseRate(respondents, campaign, codes),
    units: release ? releasedParticipation(release.plan, campaign.units) : unitParticipation(cells, campaign.units, campaign.k),
  };
}
