/**
 * The portfolio: the organisations a user may see, each campaign with its respondents, codes
 * and start-here level (null below k) — in a fixed number of queries, however many campaigns.
 */
import type { CodeCounts } from "../domain/access-codes.js";
import type { Campaign } from "../domain/campaign.js";
import type { StartHere } from "../domain/start-here.js";
import { accessibleOrganisations, type User } from "../storage/accounts.js";
import { listCampaigns } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { liveCodes } from "./live-counts.js";
import { overview, profile } from "./profiles.js";

export interface CampaignFacts {
  respondents: number;
  codes: CodeCounts;
  startHere: StartHere | null;
}

/** `now`: the clock live counts are held against (see live-counts.ts). */
export async function campaignFacts(
  db: Db,
  campaigns: readonly Campaign[],
  now: Date,
): Promise<{ campaign: Campaign; facts: CampaignFacts }[]> {
  const profiled = await profile(db, campaigns, { now });
  const codes = await liveCodes(
    db,
    campaigns.map((c) => c.id),
    now.getTime(),
  );
  return profiled.map((p) => ({
    campaign: p.campaign,
    facts: {
      respondents: p.n,
      codes: codes.get(p.campaign.id) ?? { issued: 0, used: 0 },
      startHere: overview(p)?.startHere ?? null,
    },
  }));
}

export async function portfolio(db: Db, user: User, now: Date) {
  const organisations = await accessibleOrganisations(db, user);
  const campaigns = await campaignFacts(
    db,
    await listCampaigns(
      db,
      organisations.map((o) => o.id),
    ),
    now,
  );
  return organisations.map((organisation) => ({
    organisation,
    campaigns: campaigns.filter((c) => c.campaign.organisationId === organisation.id),
  }));
}
