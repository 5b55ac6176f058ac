/**
 * Who may see what. Anything a user may not access is "not found" (404), never "forbidden",
 * so nobody learns that another organisation's campaign exists.
 */
import type { Campaign } from "../domain/campaign.js";
import { parseScope, type UnitScope } from "../domain/links.js";
import { notFound } from "../lib/api-error.js";
import { canAccessOrganisation, grantScope, type User } from "../storage/accounts.js";
import { findCampaignById } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";

export async function accessibleCampaign(db: Db, user: User, campaignId: string): Promise<Campaign> {
  const campaign = await findCampaignById(db, campaignId);
  if (!campaign || !(await canAccessOrganisation(db, user, campaign.organisationId))) throw notFound("Campaign");
  return campaign;
}

export async function assertOrganisationAccess(db: Db, user: User, organisationId: string): Promise<void> {
  if (!(await canAccessOrganisation(db, user, organisationId))) throw notFound("Organisation");
}

/** The units a user may read of an organisation's rounds: null (everything published) for consultants and unscoped managers. */
export async function readerScope(db: Db, user: User, organisationId: string): Promise<UnitScope | null> {
  return user.role === "consultant" ? null : parseScope(await grantScope(db, user.id, organisationId));
}
