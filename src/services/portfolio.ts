/**
 * The portfolio: the organisations a user may see, each campaign with its respondents, codes
 * and start-here level (null below k) — in a fixed number of queries, however many campaigns.
 */
import type { CodeCounts } from "../domain/access-codes.js";
import type { Campaign } from "../domain/campaign.js";
import type { StartHere } from "../domain/start-here.js";
import { codeCounts } from "../storage/access-codes.js";
import { accessibleOrganisations, type User } from "../storage/accounts.js";
import { listCampaigns } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { overview, profile } from "./profiles.js";

export interface CampaignFacts {
  respondents: number;
  codes: CodeCounts;
  startHere: StartHere | null;
}

export async function campaignFacts(db: Db, campaigns: readonly Campaign[]): Promise<{ campaign: Campaign; facts: CampaignFacts }[]> {
  const profiled = await profile(db, campaigns);
  const codes = await codeCounts(db, campaigns.map((c) => c.id));
  return profiled.map((p) => ({
    campaign: p.campaign,
    facts: { respondents: p.n, codes: codes.get(p.campaign.id) ?? { issued: 0, used: 0 }, startHere: overview(p)?.startHere ?? null },
  }));
}

export async function portfolio(db: Db, user: User) {
  const organisations = await accessibleOrganisations(db, user);
  const campaigns = await campaignFacts(db, await listCampaigns(db, organisations.map((o) => o.id)));
  return organisations.map((organisation) => ({ organisation, campaigns: campaigns.filter((c) => c.campaign.organisationId === organisation.id) }));
}
