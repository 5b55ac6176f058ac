/**
 * Reads for reports: sums over the per-cell aggregates of one campaign, grouped by the database,
 * and its comments in random order without dates.
 */
import { and, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { groupSize, type Conditions } from "../domain/disclosure.js";
import { LEVEL_IDS } from "../domain/levels.js";
import { MANAGEMENT_ROLE, type Group, type ReportSums, type ScaleSums } from "../domain/report.js";
import { DIMENSIONS, type Dimension } from "../domain/units.js";
import { schema, type Db } from "./database.js";

const { cellCounts, factorStats, responses, scaleStats } = schema;

/** The sums of scale_stats, as one group's ScaleSums; also used by the campaign-level reads. */
export const scaleSums = {
  n: sql<number>`sum(${scaleStats.n})`,
  sum: sql<number>`sum(${scaleStats.sum})`,
  sumSq: sql<number>`sum(${scaleStats.sumSq})`,
  items: sql<number>`sum(${scaleStats.items})`,
  favourable: sql<number>`sum(${scaleStats.favourable})`,
  unfavourable: sql<number>`sum(${scaleStats.unfavourable})`,
};

type ScaleRow = { scale: string; n: number; sum: number; sumSq: number; items: number; favourable: number; unfavourable: number };

export const toSums = (r: Omit<ScaleRow, "scale">): ScaleSums => ({ n: Number(r.n), sum: Number(r.sum), sumSq: Number(r.sumSq), items: Number(r.items), favourable: Number(r.favourable), unfavourable: Number(r.unfavourable) });

function where(table: typeof scaleStats | typeof factorStats, campaignId: string, conditions: Conditions): SQL {
  const parts = [eq(table.campaignId, campaignId)];
  for (const d of DIMENSIONS) if (conditions[d] !== undefined) parts.push(eq(table[d], conditions[d]));
  return and(...parts)!;
}

/**
 * Everything a report reads, in one batch and summed by the database: the respondents per cell,
 * the filtered group's scales and factors, level sums per unit of the heatmap dimension, and the
 * management role's level sums. A few hundred rows however many responses there are.
 */
export async function loadReportSums(db: Db, campaignId: string, filters: Conditions, dimension?: Dimension): Promise<ReportSums> {
  const levelScales = inArray(scaleStats.scale, [...LEVEL_IDS]);
  const management = { ...filters, role: MANAGEMENT_ROLE };
  const byUnitQuery = dimension
    ? db.select({ unit: scaleStats[dimension], scale: scaleStats.scale, ...scaleSums }).from(scaleStats).where(and(where(scaleStats, campaignId, filters), levelScales)).groupBy(scaleStats[dimension], scaleStats.scale)
    : // Without a heatmap, a query that returns nothing keeps the batch (and its result types) fixed.
      db.select({ unit: sql<string>`''`, scale: scaleStats.scale, ...scaleSums }).from(scaleStats).where(sql`0`).groupBy(scaleStats.scale);
  const [counts, scales, factors, units, managers] = await db.batch([
    db.select({ department: cellCounts.department, role: cellCounts.role, tenure: cellCounts.tenure, n: cellCounts.n }).from(cellCounts).where(eq(cellCounts.campaignId, campaignId)),
    db.select({ scale: scaleStats.scale, ...scaleSums }).from(scaleStats).where(where(scaleStats, campaignId, filters)).groupBy(scaleStats.scale),
    db
      .select({ factor: factorStats.factor, chosen: sql<number>`sum(${factorStats.chosen})`, most: sql<number>`sum(${factorStats.most})` })
      .from(factorStats)
      .where(where(factorStats, campaignId, filters))
      .groupBy(factorStats.factor),
    byUnitQuery,
    db.select({ scale: scaleStats.scale, ...scaleSums }).from(scaleStats).where(and(where(scaleStats, campaignId, management), levelScales)).groupBy(scaleStats.scale),
  ]);
  const group = (conditions: Conditions, rows: ScaleRow[]): Group => ({
    n: groupSize(counts, conditions),
    scales: new Map(rows.map((r) => [r.scale, toSums(r)])),
    factors: new Map(),
  });
  const all = group(filters, scales);
  for (const f of factors) all.factors.set(f.factor, { chosen: Number(f.chosen), most: Number(f.most) });
  const byUnit = new Map<string, Group>();
  if (dimension) {
    for (const value of new Set(units.map((r) => r.unit))) byUnit.set(value, group({ ...filters, [dimension]: value }, units.filter((r) => r.unit === value)));
  }
  const managementGroup = group(management, managers);
  return { counts, group: all, byUnit, management: managementGroup.n > 0 ? managementGroup : null };
}

/**
 * Comments of a group, never with a date or id: a random sample (the lowest random keys, read
 * through an index, so a million responses cost no more than a thousand), shuffled again on
 * every read.
 */
export async function loadComments(db: Db, campaignId: string, filters: Conditions, limit = 200): Promise<string[]> {
  const conditions = [eq(responses.campaignId, campaignId), isNotNull(responses.commentOrder)];
  for (const d of DIMENSIONS) {
    const value = filters[d];
    if (value !== undefined) conditions.push(eq(responses[d], value));
  }
  const rows = await db
    .select({ comment: responses.comment })
    .from(responses)
    .where(and(...conditions))
    .orderBy(responses.commentOrder)
    .limit(limit);
  return shuffle(rows.map((r) => r.comment!).filter(Boolean));
}

/** Fisher–Yates with WebCrypto randomness. */
function shuffle<T>(items: T[]): T[] {
  const random = crypto.getRandomValues(new Uint32Array(items.length));
  for (let i = items.length - 1; i > 0; i--) {
    const j = random[i]! % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
