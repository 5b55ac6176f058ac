/**
 * Invitations of managers and password-reset links: rows keyed by the SHA-256 of a link's token.
 * Accepting and resetting are one `db.batch` each, and every write in it is conditional on the
 * link row still being there and alive, so a link used twice at once writes once.
 */
import { and, eq, gt, sql } from "drizzle-orm";

import { defined } from "../lib/invariant.js";
import { auditInsertWhere, type AuditRecord } from "./audit.js";
import { type Db, schema } from "./database.js";

const { grants, invitations, organisations, passwordResets, sessions, users } = schema;

export interface InvitationRow {
  id: string;
  organisationId: string;
  email: string;
  scope: string | null;
  invitedBy: string | null;
  expiresAt: number;
}

const invitationColumns = {
  id: invitations.id,
  organisationId: invitations.organisationId,
  email: invitations.email,
  scope: invitations.scope,
  invitedBy: invitations.invitedBy,
  expiresAt: invitations.expiresAt,
};

/**
 * Stores an invitation, or — when this organisation already has one pending for the address —
 * gives that one the new token, scope and expiry (its old link dies). Returns the row.
 */
export async function upsertInvitation(db: Db, row: InvitationRow & { tokenHash: string }): Promise<InvitationRow> {
  const [stored] = await db
    .insert(invitations)
    .values(row)
    .onConflictDoUpdate({
      target: [invitations.organisationId, invitations.email],
      set: { tokenHash: row.tokenHash, scope: row.scope, invitedBy: row.invitedBy, expiresAt: row.expiresAt },
    })
    .returning(invitationColumns);
  return defined(stored, "an upsert returns its row");
}

export async function listInvitations(db: Db, organisationId: string): Promise<InvitationRow[]> {
  return db
    .select(invitationColumns)
    .from(invitations)
    .where(eq(invitations.organisationId, organisationId))
    .orderBy(invitations.email);
}

export async function findInvitation(db: Db, organisationId: string, id: string): Promise<InvitationRow | undefined> {
  const [row] = await db
    .select(invitationColumns)
    .from(invitations)
    .where(and(eq(invitations.organisationId, organisationId), eq(invitations.id, id)))
    .limit(1);
  return row;
}

/** The invitation behind a link, with its organisation's name and the inviter's address. */
export async function findInvitationByToken(
  db: Db,
  tokenHash: string,
): Promise<(InvitationRow & { organisationName: string; inviterEmail: string | null }) | undefined> {
  const [row] = await db
    .select({ ...invitationColumns, organisationName: organisations.name, inviterEmail: users.email })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/** A new token for a pending invitation: the old link stops working at once. */
export async function replaceInvitationToken(db: Db, id: string, tokenHash: string, expiresAt: number): Promise<void> {
  await db.update(invitations).set({ tokenHash, expiresAt }).where(eq(invitations.id, id));
}

/** Withdraws an invitation, with the audit entry that records it (written only if there was one to withdraw); false when there was none. */
export async function deleteInvitation(
  db: Db,
  organisationId: string,
  id: string,
  audit: AuditRecord,
): Promise<boolean> {
  const which = and(eq(invitations.organisationId, organisationId), eq(invitations.id, id));
  const [, deleted] = await db.batch([
    auditInsertWhere(db, audit, sql`exists (select 1 from ${invitations} where ${which})`),
    db.delete(invitations).where(which).returning({ id: invitations.id }),
  ]);
  return deleted.length > 0;
}

/**
 * Accepts a live invitation as `userId`, in one batch: creates the account first when `newAccount`
 * is given (only while the invitation is alive), grants the organisation with the invitation's
 * scope (a manager who was granted before gets the new scope), and deletes the invitation.
 * Returns false when the link was no longer alive (used, withdrawn or expired meanwhile).
 */
export async function acceptInvitation(
  db: Db,
  input: {
    tokenHash: string;
    userId: string;
    now: number;
    audit: AuditRecord;
    newAccount?: { email: string; passwordHash: string };
  },
): Promise<boolean> {
  const alive = sql`from ${invitations} where ${invitations.tokenHash} = ${input.tokenHash} and ${invitations.expiresAt} > ${input.now}`;
  const account = input.newAccount;
  // Query builders throughout, not db.run: D1's batch takes only prepared builders. Columns in table order.
  const created = account
    ? [
        db
          .insert(users)
          .select(
            sql`select ${input.userId}, ${account.email}, ${account.passwordHash}, 'manager', datetime('now') ${alive}`,
          ),
      ]
    : [];
  const grant = db
    .insert(grants)
    .select(sql`select ${input.userId}, ${invitations.organisationId}, ${invitations.scope} ${alive}`)
    .onConflictDoUpdate({ target: [grants.userId, grants.organisationId], set: { scope: sql`excluded.scope` } });
  const removed = db
    .delete(invitations)
    .where(and(eq(invitations.tokenHash, input.tokenHash), gt(invitations.expiresAt, input.now)))
    .returning({ id: invitations.id });
  // The account first: the grant refers to it.
  const statements = [...created, grant, auditInsertWhere(db, input.audit, sql`exists (select 1 ${alive})`), removed];
  const results = await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  const deleted = results[results.length - 1] as { id: string }[];
  return deleted.length > 0;
}

/** Managers granted this organisation, with their scope. */
export async function listManagers(
  db: Db,
  organisationId: string,
): Promise<{ userId: string; email: string; scope: string | null }[]> {
  return db
    .select({ userId: users.id, email: users.email, scope: grants.scope })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(eq(grants.organisationId, organisationId))
    .orderBy(users.email);
}

/**
 * Revokes a manager's access to one organisation, withdraws any invitation of their address to it,
 * and ends every session of theirs, in one batch
 * (a session held on another organisation is logged out too: simpler to reason about than
 * sessions that outlive a revocation). False when the user had no grant here.
 */
export async function revokeManager(
  db: Db,
  organisationId: string,
  userId: string,
  audit: AuditRecord,
): Promise<boolean> {
  const granted = sql`exists (select 1 from ${grants} where ${grants.organisationId} = ${organisationId} and ${grants.userId} = ${userId})`;
  // The entry and the sessions first, while the grant still shows this user is a manager here:
  // nobody ends the sessions of a user they never granted, nor records a revocation that did nothing.
  // A pending invitation of the same address to this organisation goes too: otherwise the revoked
  // manager could accept it and be back.
  const [, , , deleted] = await db.batch([
    auditInsertWhere(db, audit, granted),
    db
      .delete(sessions)
      .where(
        sql`${sessions.userId} = ${userId} and exists (select 1 from ${grants} where ${grants.organisationId} = ${organisationId} and ${grants.userId} = ${userId})`,
      ),
    db
      .delete(invitations)
      .where(
        and(
          eq(invitations.organisationId, organisationId),
          sql`${invitations.email} = (select ${users.email} from ${users} where ${users.id} = ${userId})`,
        ),
      ),
    db
      .delete(grants)
      .where(and(eq(grants.organisationId, organisationId), eq(grants.userId, userId)))
      .returning({ userId: grants.userId }),
  ]);
  return deleted.length > 0;
}

export async function createPasswordReset(
  db: Db,
  tokenHash: string,
  userId: string,
  expiresAt: number,
  now: number,
): Promise<void> {
  await db.batch([
    // Dead links of anyone are cleared on the way; a user's earlier live links stay valid until used or expired.
    db.delete(passwordResets).where(sql`${passwordResets.expiresAt} <= ${now}`),
    db.insert(passwordResets).values({ tokenHash, userId, expiresAt }),
  ]);
}

/** The account behind a live reset link. */
export async function findPasswordReset(
  db: Db,
  tokenHash: string,
  now: number,
): Promise<{ userId: string; email: string } | undefined> {
  const [row] = await db
    .select({ userId: users.id, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, tokenHash), gt(passwordResets.expiresAt, now)))
    .limit(1);
  return row;
}

/**
 * Sets the new password while the link is alive, then deletes every reset link and session of the
 * user, in one batch. False when the link was used or expired meanwhile (nothing changed).
 */
export async function completePasswordReset(
  db: Db,
  input: { tokenHash: string; userId: string; passwordHash: string; now: number; audit: AuditRecord },
): Promise<boolean> {
  const alive = sql`exists (select 1 from ${passwordResets} where ${passwordResets.tokenHash} = ${input.tokenHash} and ${passwordResets.userId} = ${input.userId} and ${passwordResets.expiresAt} > ${input.now})`;
  const [updated] = await db.batch([
    // Still alive here: the entry is written exactly when the password is.
    db
      .update(users)
      .set({ passwordHash: input.passwordHash })
      .where(and(eq(users.id, input.userId), alive))
      .returning({ id: users.id }),
    db.delete(sessions).where(and(eq(sessions.userId, input.userId), alive)),
    auditInsertWhere(db, input.audit, alive),
    db.delete(passwordResets).where(and(eq(passwordResets.userId, input.userId), alive)),
  ]);
  return updated.length > 0;
}
