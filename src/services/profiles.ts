/**
 * Campaign-level figures for many campaigns at once — the building block of the portfolio,
 * comparisons, norm sets and trends. Figures come only from releases (a round's totals are
 * stored with its release); a running round contributes its participation and nothing else.
 */
import type { CampaignProfile } from "../domain/benchmark.js";
import { type Campaign, roundDate } from "../domain/campaign.js";
import { type Group, groupOf, type Overview, overviewOf, profileScores } from "../domain/report.js";
import { accessibleOrganisations } from "../storage/accounts.js";
import { listCampaigns } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { findReleases, type StoredRelease } from "../storage/releases.js";
import { liveTotals } from "./live-counts.js";

export interface Profiled {
  campaign: Campaign;
  /** Respondents: of the release, or so far while the round runs. */
  n: number;
  release: StoredRelease | null;
  /** Null without a release or below k: such a campaign shows no figures anywhere. */
  group: Group | null;
}

/**
 * `participation: false` leaves running rounds at n = 0 instead of counting their responses; `now`
 * is the clock their live counts are held against (see live-counts.ts).
 */
export async function profile(
  db: Db,
  campaigns: readonly Campaign[],
  { participation = true, now = new Date() }: { participation?: boolean; now?: Date } = {},
): Promise<Profiled[]> {
  const released = await findReleases(
    db,
    campaigns.map((c) => c.id),
  );
  const live = participation
    ? await liveTotals(
        db,
        campaigns.filter((c) => !released.has(c.id)).map((c) => c.id),
        now.getTime(),
      )
    : new Map<string, number>();
  return campaigns.map((campaign) => {
    const release = released.get(campaign.id) ?? null;
    const n = release ? release.respondents : (live.get(campaign.id) ?? 0);
    const group = release && n >= campaign.k ? groupOf(release.totals, release.totals, true) : null;
    return { campaign, n, release, group };
  });
}

export const overview = (p: Profiled): Overview | null =>
  p.group ? overviewOf(p.group, p.release?.totals.thresholds ?? p.campaign.thresholds) : null;

export function toBenchmarkProfile(p: Profiled): CampaignProfile {
  // A round without released figures counts as no respondents: it must not make a benchmark broader.
  return {
    campaignId: p.campaign.id,
    organisationId: p.campaign.organisationId,
    date: roundDate(p.campaign),
    createdAt: p.campaign.createdAt,
    n: p.group ? p.n : 0,
    k: p.campaign.k,
    scores: p.group ? profileScores(p.group) : {},
  };
}

/** Every campaign of a consultant's organisations, profiled, with the organisations' names. */
export async function consultantProfiles(
  db: Db,
  consultantId: string,
  options: { participation?: boolean } = {},
): Promise<{ organisations: Map<string, string>; profiles: Profiled[] }> {
  const organisations = await accessibleOrganisations(db, { id: consultantId, role: "consultant" });
  const profiles = await profile(
    db,
    await listCampaigns(
      db,
      organisations.map((o) => o.id),
    ),
    options,
  );
  return { organisations: new Map(organisations.map((o) => [o.id, o.name])), profiles };
}
