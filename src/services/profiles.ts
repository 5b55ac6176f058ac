/**
 * Campaign-level figures for many campaigns at once — the building block of the portfolio,
 * comparisons, the benchmark and trends. Everything is read from aggregates in a handful of
 * queries, however many campaigns and responses there are.
 */
import { benchmarkOf, type Benchmark, type CampaignProfile } from "../domain/benchmark.js";
import type { Campaign } from "../domain/campaign.js";
import type { LevelId } from "../domain/levels.js";
import { round } from "../domain/statistics.js";
import { groupOf, overviewOf, profileScores, type Group, type Overview } from "../domain/report.js";
import { accessibleOrganisations } from "../storage/accounts.js";
import { listCampaigns, respondentCounts } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { campaignSums } from "../storage/profiles.js";

export interface Profiled {
  campaign: Campaign;
  n: number;
  /** Null below k: such a campaign shows no figures anywhere. */
  group: Group | null;
}

export async function profile(db: Db, campaigns: readonly Campaign[]): Promise<Profiled[]> {
  const counts = await respondentCounts(db, campaigns.map((c) => c.id));
  const reached = campaigns.filter((c) => (counts.get(c.id) ?? 0) >= c.k);
  const sums = await campaignSums(db, reached.map((c) => c.id));
  return campaigns.map((campaign) => {
    const n = counts.get(campaign.id) ?? 0;
    const s = n >= campaign.k ? sums.get(campaign.id) : undefined;
    return { campaign, n, group: s ? groupOf(n, s.scales, s.factors) : null };
  });
}

export const overview = (p: Profiled): Overview | null => (p.group ? overviewOf(p.group, p.campaign.thresholds) : null);

export function toBenchmarkProfile(p: Profiled): CampaignProfile {
  return { campaignId: p.campaign.id, organisationId: p.campaign.organisationId, n: p.n, k: p.campaign.k, scores: p.group ? profileScores(p.group) : {} };
}

/** Every campaign of a consultant's organisations, profiled, with the organisations' names. */
export async function consultantProfiles(db: Db, consultantId: string): Promise<{ organisations: Map<string, string>; profiles: Profiled[] }> {
  const organisations = await accessibleOrganisations(db, { id: consultantId, role: "consultant" });
  const profiles = await profile(db, await listCampaigns(db, organisations.map((o) => o.id)));
  return { organisations: new Map(organisations.map((o) => [o.id, o.name])), profiles };
}

/** The consultant's benchmark, or null when fewer than three organisations reach k. */
export async function consultantBenchmark(db: Db, consultantId: string): Promise<Benchmark | null> {
  const { profiles } = await consultantProfiles(db, consultantId);
  return benchmarkOf(profiles.map(toBenchmarkProfile));
}

/** Rounded for display; the counts say how broad the benchmark is, never which organisations. */
export function benchmarkView(benchmark: Benchmark) {
  return {
    levels: Object.fromEntries(Object.entries(benchmark.levels).map(([level, score]) => [level, round(score)])) as Partial<Record<LevelId, number>>,
    campaigns: benchmark.campaigns,
    organisations: benchmark.organisations,
  };
}
