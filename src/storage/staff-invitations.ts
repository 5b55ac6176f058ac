/** Staff invitations by e-mail: a round's mode and counts, and (reminders mode) one keyed row per invitation until release. */
import { and, count, eq, inArray, sql } from "drizzle-orm";

import type { InvitationMode, MailLanguages } from "../domain/staff-invitations.js";
import { auditInsert, type AuditRecord } from "./audit.js";
import { chunkForParameters, chunkRows, type Db, schema } from "./database.js";

const { staffInvitationRounds, staffInvitations, accessCodes } = schema;

export interface InvitationRoundState {
  mode: InvitationMode;
  languages: MailLanguages;
  invited: number;
  reminders: number;
  maxReminders: number;
}

/** How many addresses of the round hold an invitation ("reminders" mode). */
export async function invitationCount(db: Db, campaignId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(schema.staffInvitations)
    .where(eq(schema.staffInvitations.campaignId, campaignId));
  return row?.n ?? 0;
}

export async function invitationRound(db: Db, campaignId: string): Promise<InvitationRoundState | null> {
  const [row] = await db
    .select({
      mode: staffInvitationRounds.mode,
      languages: staffInvitationRounds.languages,
      invited: staffInvitationRounds.invited,
      reminders: staffInvitationRounds.reminders,
      maxReminders: staffInvitationRounds.maxReminders,
    })
    .from(staffInvitationRounds)
    .where(eq(staffInvitationRounds.campaignId, campaignId));
  return row ?? null;
}

export interface InvitationRow {
  addressKey: string;
  codeHash: string;
  sealedCode: string;
  language: MailLanguages;
}

/** Records a send: the round's mode (on its first send) and invited count, and the invitation rows (reminders mode), in one batch. */
export async function recordInvitations(
  db: Db,
  campaignId: string,
  round: { mode: InvitationMode; languages: MailLanguages; maxReminders: number },
  count: number,
  rows: readonly InvitationRow[],
): Promise<void> {
  await db.batch([
    db
      .insert(staffInvitationRounds)
      .values({
        campaignId,
        mode: round.mode,
        languages: round.languages,
        invited: count,
        reminders: 0,
        maxReminders: round.maxReminders,
      })
      .onConflictDoUpdate({
        target: staffInvitationRounds.campaignId,
        set: { invited: sql`${staffInvitationRounds.invited} + ${count}`, languages: round.languages },
      }),
    ...chunkRows(rows.map((r) => ({ campaignId, ...r, remindersSent: 0 }))).map((chunk) =>
      db.insert(staffInvitations).values(chunk).onConflictDoNothing(),
    ),
  ]);
}

/** Which of these address keys are invited to the round already (reminders mode). */
export async function invitedKeys(db: Db, campaignId: string, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunkForParameters(keys, 1, 90)) {
    const rows = await db
      .select({ key: staffInvitations.addressKey })
      .from(staffInvitations)
      .where(and(eq(staffInvitations.campaignId, campaignId), inArray(staffInvitations.addressKey, chunk)));
    for (const r of rows) found.add(r.key);
  }
  return found;
}

export interface InvitationForReminder {
  addressKey: string;
  sealedCode: string;
  remindersSent: number;
  language: MailLanguages;
  /** Whether the invitation's code has been used (from access_codes: the invitation holds no such flag). */
  used: boolean;
}

/** The invitations behind these address keys, with whether each code is used. */
export async function invitationsForReminder(
  db: Db,
  campaignId: string,
  keys: readonly string[],
): Promise<Map<string, InvitationForReminder>> {
  const found = new Map<string, InvitationForReminder>();
  for (const chunk of chunkForParameters(keys, 1, 90)) {
    const rows = await db
      .select({
        addressKey: staffInvitations.addressKey,
        sealedCode: staffInvitations.sealedCode,
        remindersSent: staffInvitations.remindersSent,
        language: staffInvitations.language,
        used: accessCodes.used,
      })
      .from(staffInvitations)
      .leftJoin(
        accessCodes,
        and(
          eq(accessCodes.campaignId, staffInvitations.campaignId),
          eq(accessCodes.codeHash, staffInvitations.codeHash),
        ),
      )
      .where(and(eq(staffInvitations.campaignId, campaignId), inArray(staffInvitations.addressKey, chunk)));
    for (const r of rows)
      found.set(r.addressKey, {
        addressKey: r.addressKey,
        sealedCode: r.sealedCode,
        remindersSent: r.remindersSent,
        language: r.language,
        used: (r.used ?? 1) > 0,
      });
  }
  return found;
}

/** Counts the reminders sent: per invitation (reminders mode) and the round's runs, with the audit entry, in one batch. */
export async function recordReminders(
  db: Db,
  campaignId: string,
  remindedKeys: readonly string[],
  audit: AuditRecord,
): Promise<void> {
  await db.batch([
    db
      .update(staffInvitationRounds)
      .set({ reminders: sql`${staffInvitationRounds.reminders} + 1` })
      .where(eq(staffInvitationRounds.campaignId, campaignId)),
    ...chunkForParameters(remindedKeys, 1, 90).map((chunk) =>
      db
        .update(staffInvitations)
        .set({ remindersSent: sql`${staffInvitations.remindersSent} + 1` })
        .where(and(eq(staffInvitations.campaignId, campaignId), inArray(staffInvitations.addressKey, chunk))),
    ),
    auditInsert(db, audit),
  ]);
}

/** The invitations with reminders sent so far, for the round's summary. */
export async function remindersSentTotal(db: Db, campaignId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${staffInvitations.remindersSent}), 0)` })
    .from(staffInvitations)
    .where(eq(staffInvitations.campaignId, campaignId));
  return Number(row?.total ?? 0);
}

/** The statement that deletes a round's invitation rows: part of the release's final batch. */
export const deleteInvitationRows = (db: Db, campaignId: string) =>
  db.delete(staffInvitations).where(eq(staffInvitations.campaignId, campaignId));

/** Invitation rows of released rounds, deleted (a sweep behind the release's own batch, for rows written by an older server). */
export async function deleteReleasedInvitations(db: Db): Promise<void> {
  await db
    .delete(staffInvitations)
    .where(inArray(staffInvitations.campaignId, db.select({ id: schema.releases.campaignId }).from(schema.releases)));
}
