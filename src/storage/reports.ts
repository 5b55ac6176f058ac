/**
 * Reads for reports: the per-cell aggregates of one campaign (a few hundred rows at most,
 * however many responses there are) and its comments in random order without dates.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Conditions } from "../domain/disclosure.js";
import type { CellStats } from "../domain/report.js";
import { DIMENSIONS } from "../domain/units.js";
import { schema, type Db } from "./database.js";

const { cellCounts, factorStats, responses, scaleStats } = schema;

const keyOf = (r: { department: string; role: string; tenure: string }) => `${r.department}\u0000${r.role}\u0000${r.tenure}`;

export async function loadCells(db: Db, campaignId: string): Promise<CellStats[]> {
  const [counts, scales, factors] = await db.batch([
    db.select().from(cellCounts).where(eq(cellCounts.campaignId, campaignId)),
    db.select().from(scaleStats).where(eq(scaleStats.campaignId, campaignId)),
    db.select().from(factorStats).where(eq(factorStats.campaignId, campaignId)),
  ]);
  const cells = new Map<string, CellStats>();
  for (const c of counts) {
    cells.set(keyOf(c), { department: c.department, role: c.role, tenure: c.tenure, n: c.n, scales: {}, factors: {} });
  }
  for (const s of scales) {
    const cell = cells.get(keyOf(s));
    if (cell) cell.scales[s.scale] = { n: s.n, sum: s.sum, sumSq: s.sumSq, items: s.items, favourable: s.favourable, unfavourable: s.unfavourable };
  }
  for (const f of factors) {
    const cell = cells.get(keyOf(f));
    if (cell) cell.factors[f.factor] = { chosen: f.chosen, most: f.most };
  }
  return [...cells.values()];
}

/**
 * Comments of a group, never with a date or id: a random sample (the lowest random keys, read
 * through an index, so a million responses cost no more than a thousand), shuffled again on
 * every read.
 */
export async function loadComments(db: Db, campaignId: string, filters: Conditions, limit = 500): Promise<string[]> {
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
