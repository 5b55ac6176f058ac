/** Release attempts that made no release yet (domain/release-attempts.ts): one row per round at most. */
import { eq, sql } from "drizzle-orm";

import { type AttemptReason, nextAttemptAt } from "../domain/release-attempts.js";
import { type Db, schema } from "./database.js";

const { releaseAttempts } = schema;

export interface ReleaseAttempt {
  campaignId: string;
  attempts: number;
  reason: AttemptReason;
  nextAttemptAt: string;
}

/** Writes down an attempt about to start: one more, "interrupted" until it ends, and when the next may start. */
export async function beginAttempt(db: Db, campaignId: string, now: Date): Promise<void> {
  const previous = await findAttempt(db, campaignId);
  const attempts = (previous?.attempts ?? 0) + 1;
  const values = { attempts, reason: "interrupted" as const, nextAttemptAt: nextAttemptAt(attempts, now) };
  await db
    .insert(releaseAttempts)
    .values({ campaignId, ...values })
    .onConflictDoUpdate({ target: releaseAttempts.campaignId, set: values });
}

/** Says why the attempt written down last made no release. */
export async function failAttempt(db: Db, campaignId: string, reason: AttemptReason): Promise<void> {
  await db.update(releaseAttempts).set({ reason }).where(eq(releaseAttempts.campaignId, campaignId));
}

/** The statement that forgets a round's attempts: part of the release's own batch, and of a round's deletion. */
export const clearAttemptsStatement = (db: Db, campaignId: string) =>
  db.delete(releaseAttempts).where(eq(releaseAttempts.campaignId, campaignId));

export async function findAttempt(db: Db, campaignId: string): Promise<ReleaseAttempt | undefined> {
  const [row] = await db.select().from(releaseAttempts).where(eq(releaseAttempts.campaignId, campaignId));
  return row && { ...row, reason: row.reason as AttemptReason };
}

/** The rounds whose next attempt may not start before `now`. */
export async function waitingRounds(db: Db, now: Date): Promise<Set<string>> {
  const rows = await db
    .select({ campaignId: releaseAttempts.campaignId })
    .from(releaseAttempts)
    .where(sql`${releaseAttempts.nextAttemptAt} > ${now.toISOString()}`);
  return new Set(rows.map((r) => r.campaignId));
}
