/**
 * Whole-campaign sums for many campaigns at once — what portfolios, comparisons, benchmarks and
 * trends need — grouped in the database from the per-cell aggregates, chunked under D1's limit.
 */
import { inArray, sql } from "drizzle-orm";
import type { ScaleSums } from "../domain/report.js";
import type { ItemSums } from "../domain/reliability.js";
import { chunkForParameters, schema, type Db } from "./database.js";
import { scaleSums, toSums } from "./reports.js";

const { factorStats, itemStats, scaleStats } = schema;

export interface CampaignSums {
  scales: Record<string, ScaleSums>;
  factors: Record<string, { chosen: number; most: number }>;
}

export async function campaignSums(db: Db, campaignIds: readonly string[]): Promise<Map<string, CampaignSums>> {
  const out = new Map<string, CampaignSums>();
  const entry = (id: string) => out.get(id) ?? out.set(id, { scales: {}, factors: {} }).get(id)!;
  for (const ids of chunkForParameters(campaignIds, 1)) {
    const [scales, factors] = await db.batch([
      db
        .select({ campaignId: scaleStats.campaignId, scale: scaleStats.scale, ...scaleSums })
        .from(scaleStats)
        .where(inArray(scaleStats.campaignId, ids))
        .groupBy(scaleStats.campaignId, scaleStats.scale),
      db
        .select({ campaignId: factorStats.campaignId, factor: factorStats.factor, chosen: sql<number>`sum(${factorStats.chosen})`, most: sql<number>`sum(${factorStats.most})` })
        .from(factorStats)
        .where(inArray(factorStats.campaignId, ids))
        .groupBy(factorStats.campaignId, factorStats.factor),
    ]);
    for (const { campaignId, scale, ...s } of scales) entry(campaignId).scales[scale] = toSums(s);
    for (const { campaignId, factor, chosen, most } of factors) entry(campaignId).factors[factor] = { chosen: Number(chosen), most: Number(most) };
  }
  return out;
}

export interface StoredItemSums extends ItemSums {
  item: string;
}

export async function itemSums(db: Db, campaignIds: readonly string[]): Promise<Map<string, StoredItemSums[]>> {
  const out = new Map<string, StoredItemSums[]>();
  for (const ids of chunkForParameters(campaignIds, 1)) {
    const rows = await db.select().from(itemStats).where(inArray(itemStats.campaignId, ids));
    for (const { campaignId, item, level, n, sum, sumSq } of rows) {
      const list = out.get(campaignId) ?? out.set(campaignId, []).get(campaignId)!;
      list.push({ item, level, n, sum, sumSq });
    }
  }
  return out;
}
