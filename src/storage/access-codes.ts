/** Single-use access codes: only hashes are stored, and only whether each was used. */
import { and, eq, inArray } from "drizzle-orm";

import type { CodeCounts } from "../domain/access-codes.js";
import { auditInsert, type AuditRecord } from "./audit.js";
import { campaignWritten } from "./campaigns.js";
import { chunkForParameters, chunkRows, type Db, schema } from "./database.js";

const { accessCodes, campaigns } = schema;

/**
 * Stores new codes and makes the round require one, all or nothing: a consultant never ends up
 * with half a sheet of codes that work, nor codes for a round that closed meanwhile (a trigger
 * refuses codes for a closed round, and the batch with them).
 */
export async function insertCodes(
  db: Db,
  campaignId: string,
  codeHashes: readonly string[],
  audit?: AuditRecord,
): Promise<void> {
  const rows = codeHashes.map((codeHash) => ({ campaignId, codeHash, used: 0 }));
  await db.batch([
    db.update(schema.campaigns).set({ requireCode: true }).where(eq(schema.campaigns.id, campaignId)),
    ...chunkRows(rows).map((chunk) => db.insert(accessCodes).values(chunk)),
    // The entry that records the issue (its count only), refused with the codes if the round closed.
    ...(audit ? [auditInsert(db, audit)] : []),
  ]);
  campaignWritten();
}

export type CodeState = "unused" | "used" | "unknown";

export async function codeState(db: Db, campaignId: string, codeHash: string): Promise<CodeState> {
  const [row] = await db
    .select({ used: accessCodes.used })
    .from(accessCodes)
    .where(and(eq(accessCodes.campaignId, campaignId), eq(accessCodes.codeHash, codeHash)))
    .limit(1);
  if (!row) return "unknown";
  return row.used > 0 ? "used" : "unused";
}

/** Issued and used codes per campaign: counters on the round that triggers keep (migration 0012), so nothing is counted here. */
export async function codeCounts(db: Db, campaignIds: readonly string[]): Promise<Map<string, CodeCounts>> {
  const counts = new Map<string, CodeCounts>();
  for (const ids of chunkForParameters(campaignIds, 1)) {
    const rows = await db
      .select({ id: campaigns.id, issued: campaigns.codesIssued, used: campaigns.codesUsed })
      .from(campaigns)
      .where(inArray(campaigns.id, ids));
    for (const r of rows) if (r.issued > 0) counts.set(r.id, { issued: r.issued, used: r.used });
  }
  return counts;
}
