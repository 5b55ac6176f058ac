/**
 * Campaign-level figures for many campaigns at once — the building block of the portfolio,
 * comparisons, the benchmark and trends. Figures come only from releases (a round's totals are
 * stored with its release); a running round contributes its participation and nothing else.
 */
import { benchmarkOf, type Benchmark, type CampaignProfile } from "../domain/benchmark.js";
import type { Campaign } from "../domain/campaign.js";
import type { LevelId } from "../domain/levels.js";
import { round } from "../domain/statistics.js";
import { groupOf, overviewOf, profileScores, type Group, type Overview } from "../domain/report.js";
import { accessibleOrganisations } from "../storage/accounts.js";
import { listCampaigns } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { findReleases, liveRespondents, type StoredRelease } from "../storage/releases.js";

export interface Profiled {
  campaign: Campaign;
  /** Respondents: of the release, or so far while the round runs. */
  n: number;
  release: StoredRelease | null;
  /** Null without a release or below k: such a campaign shows no figures anywhere. */
  group: Group | null;
}

/** `participation: false` leaves running rounds at n = 0 instead of counting their responses. */
export async function profile(db: Db, campaigns: readonly Campaign[], { participation = true } = {}): Promise<Profiled[]> {
  const released = await findReleases(db, campaigns.map((c) => c.id));
  const live = participation ? await liveRespondents(db, campaigns.filter((c) => !released.has(c.id)).map((c) => c.id)) : new Map<string, number>();
  return campaigns.map((campaign) => {
    const release = released.get(campaign.id) ?? null;
    const n = release ? release.respondents : (live.get(campaign.id) ?? 0);
    const group = release && n >= campaign.k ? groupOf(n, release.totals.scales, release.totals.factors) : null;
    return { campaign, n, release, group };
  });
}

export const overview = (p: Profiled): Overview | null => (p.group ? overviewOf(p.group, p.campaign.thresholds) : null);

export function toBenchmarkProfile(p: Profiled): CampaignProfile {
  // A round without released figures counts as no respondents: it must not make a benchmark broader.
  return { campaignId: p.campaign.id, organisationId: p.campaign.organisationId, n: p.group ? p.n : 0, k: p.campaign.k, scores: p.group ? profileScores(p.group) : {} };
}

/** Every campaign of a consultant's organisations, profiled, with the organisations' names. */
export async function consultantProfiles(db: Db, consultantId: string, options: { participation?: boolean } = {}): Promise<{ organisations: Map<string, string>; profiles: Profiled[] }> {
  const organisations = await accessibleOrganisations(db, { id: consultantId, role: "consultant" });
  const profiles = await profile(db, await listCampaigns(db, organisations.map((o) => o.id)), options);
  return { organisations: new Map(organisations.map((o) => [o.id, o.name])), profiles };
}

/** The consultant's benchmark, or null when fewer than three organisations reach k. */
export async function consultantBenchmark(db: Db, consultantId: string): Promise<Benchmark | null> {
  // Releases only: running rounds count nothing towards a benchmark, so their responses are not counted either.
  const { profiles } = await consultantProfiles(db, consultantId, { participation: false });
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
