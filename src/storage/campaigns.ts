/** Organisations and campaigns: drizzle queries behind small functions. */
import { eq } from "drizzle-orm";
import type { Campaign } from "../domain/campaign.js";
import type { CampaignUnits } from "../domain/units.js";
import { randomId, randomToken } from "../lib/random.js";
import { schema, type Db } from "./database.js";

const { campaigns, organisations } = schema;

export async function createOrganisation(db: Db, name: string): Promise<{ id: string; name: string }> {
  const id = randomId();
  await db.insert(organisations).values({ id, name });
  return { id, name };
}

export async function countOrganisations(db: Db): Promise<number> {
  return (await db.$count(organisations));
}

export type NewCampaign = Omit<Campaign, "id" | "token">;

export async function createCampaign(db: Db, input: NewCampaign): Promise<Campaign> {
  const campaign: Campaign = { ...input, id: randomId(), token: randomToken(16) };
  await db.insert(campaigns).values({ ...campaign, units: JSON.stringify(campaign.units) });
  return campaign;
}

type CampaignRow = typeof campaigns.$inferSelect;

function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    organisationId: row.organisationId,
    title: row.title,
    instrumentId: row.instrumentId,
    instrumentVersion: row.instrumentVersion,
    status: row.status,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    token: row.token,
    k: row.k,
    kComments: row.kComments,
    units: JSON.parse(row.units) as CampaignUnits,
  };
}

export async function findCampaignByToken(db: Db, token: string): Promise<Campaign | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.token, token)).limit(1);
  return row && toCampaign(row);
}

export async function findCampaignById(db: Db, id: string): Promise<Campaign | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
  return row && toCampaign(row);
}

export async function listOpenCampaigns(db: Db): Promise<Campaign[]> {
  const rows = await db.select().from(campaigns).where(eq(campaigns.status, "open")).orderBy(campaigns.createdAt);
  return rows.map(toCampaign);
}
