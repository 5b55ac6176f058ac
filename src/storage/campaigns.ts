/** Organisations and campaigns: drizzle queries behind small functions. */
import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";

import { type Campaign, roundDate, type ThirdGrouping } from "../domain/campaign.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../domain/level-bars.js";
import type { CampaignUnits } from "../domain/units.js";
import { randomId, randomToken } from "../lib/random.js";
import { chunkForParameters, type Db, schema } from "./database.js";

const { campaigns, organisations } = schema;

/**
 * Counts this process's writes to campaigns, so caches of campaigns (the submission path's)
 * know at once when what they hold may have changed.
 */
let writes = 0;
export const campaignWrites = () => writes;
/** For writes made elsewhere (codes make a round require one). */
export const campaignWritten = () => void writes++;

export async function createOrganisation(
  db: Db,
  name: string,
  consultantId: string | null = null,
): Promise<{ id: string; name: string }> {
  const id = randomId();
  await db.insert(organisations).values({ id, name, consultantId });
  return { id, name };
}

export interface Organisation {
  id: string;
  name: string;
  consultantId: string | null;
  benchmarkForManagers: boolean;
}

export async function findOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  const [row] = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      consultantId: organisations.consultantId,
      benchmarkForManagers: organisations.benchmarkForManagers,
    })
    .from(organisations)
    .where(eq(organisations.id, id))
    .limit(1);
  return row;
}

export async function listCampaigns(db: Db, organisationIds: readonly string[]): Promise<Campaign[]> {
  const rows: CampaignRow[] = [];
  for (const ids of chunkForParameters(organisationIds, 1)) {
    rows.push(...(await db.select().from(campaigns).where(inArray(campaigns.organisationId, ids))));
  }
  // Newest round first across all chunks: by the date a round is placed on, then by creation;
  // rounds created in the same second by title, so the order never depends on storage.
  return rows
    .map(toCampaign)
    .sort(
      (a, b) =>
        roundDate(b).localeCompare(roundDate(a)) ||
        b.createdAt.localeCompare(a.createdAt) ||
        a.title.localeCompare(b.title) ||
        a.id.localeCompare(b.id),
    );
}

export async function setCampaignStatus(db: Db, id: string, status: Campaign["status"]): Promise<void> {
  await db.update(campaigns).set({ status }).where(eq(campaigns.id, id));
  writes++;
}

export type CampaignSettings = Partial<Pick<Campaign, "expectedHeadcount" | "requireCode" | "opensOn" | "closesOn">>;

export async function updateCampaignSettings(db: Db, id: string, settings: CampaignSettings): Promise<void> {
  if (Object.keys(settings).length > 0) await db.update(campaigns).set(settings).where(eq(campaigns.id, id));
  writes++;
}

/** A round's settings as a change writes them: every column a draft may still change. */
export type RoundChange = Partial<
  Pick<
    Campaign,
    | "title"
    | "units"
    | "instrumentId"
    | "instrumentVersion"
    | "k"
    | "kComments"
    | "expectedHeadcount"
    | "requireCode"
    | "opensOn"
    | "closesOn"
  >
> & {
  /** The settings column as a whole (thresholds, contact, third grouping), when one of them changes. */
  settings?: CampaignSettingsJson;
};

/**
 * Writes a change only while the round is in one of `statuses` (one statement: a round opened or
 * closed meanwhile by another request is not changed). Returns whether it was written.
 */
export async function changeCampaign(
  db: Db,
  id: string,
  change: RoundChange,
  statuses: readonly Campaign["status"][],
): Promise<boolean> {
  const { units, settings, ...columns } = change;
  const set = {
    ...columns,
    ...(units ? { units: JSON.stringify(units) } : {}),
    ...(settings ? { settings: settingsJson(settings) } : {}),
  };
  if (Object.keys(set).length === 0) return true;
  const written = await db
    .update(campaigns)
    .set(set)
    .where(and(eq(campaigns.id, id), inArray(campaigns.status, [...statuses])))
    .returning({ id: campaigns.id });
  writes++;
  return written.length > 0;
}

export async function setBenchmarkForManagers(db: Db, organisationId: string, enabled: boolean): Promise<void> {
  await db.update(organisations).set({ benchmarkForManagers: enabled }).where(eq(organisations.id, organisationId));
}

export async function countOrganisations(db: Db): Promise<number> {
  return await db.$count(organisations);
}

export type NewCampaign = Omit<Campaign, "id" | "token" | "createdAt">;

export async function createCampaign(db: Db, input: NewCampaign): Promise<Campaign> {
  // The same format as SQLite's datetime('now'), so old and new rows sort together.
  const createdAt = new Date().toISOString().slice(0, 19).replace("T", " ");
  const campaign: Campaign = { ...input, id: randomId(), token: randomToken(16), createdAt };
  const { thresholds, contact, thirdGrouping, ...row } = campaign;
  await db.insert(campaigns).values({
    ...row,
    units: JSON.stringify(campaign.units),
    settings: settingsJson({ thresholds, contact, thirdGrouping }),
  });
  return campaign;
}

type CampaignRow = typeof campaigns.$inferSelect;

/** What a round keeps in its settings column (JSON): rounds written before a field existed read it as its default. */
type CampaignSettingsJson = Pick<Campaign, "thresholds" | "contact" | "thirdGrouping">;

const settingsJson = ({ thresholds, contact, thirdGrouping }: CampaignSettingsJson) =>
  JSON.stringify({ thresholds, contact, thirdGrouping });

function toCampaign(row: CampaignRow): Campaign {
  const settings = JSON.parse(row.settings) as {
    thresholds?: Partial<Thresholds>;
    contact?: string | null;
    thirdGrouping?: ThirdGrouping | null;
  };
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
    // Rounds made before the agreement-based rule may still carry its old SD and share settings: only weakBelow counts.
    thresholds: { weakBelow: settings.thresholds?.weakBelow ?? DEFAULT_THRESHOLDS.weakBelow },
    contact: settings.contact ?? null,
    thirdGrouping: settings.thirdGrouping ?? null,
    expectedHeadcount: row.expectedHeadcount,
    requireCode: row.requireCode,
    createdAt: row.createdAt,
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

/**
 * Rounds whose results are due but not released: closed by hand, or open past their closing
 * date (`today` is later than closesOn). Drafts never are.
 */
export async function listUnreleased(db: Db, today: string): Promise<Campaign[]> {
  const rows = await db
    .select()
    .from(campaigns)
    .leftJoin(schema.releases, eq(schema.releases.campaignId, campaigns.id))
    .where(
      and(
        isNull(schema.releases.campaignId),
        or(eq(campaigns.status, "closed"), and(eq(campaigns.status, "open"), lt(campaigns.closesOn, today))),
      ),
    );
  return rows.map((r) => toCampaign(r.campaigns));
}
