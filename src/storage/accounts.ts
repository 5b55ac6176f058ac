/** Users, sessions, grants and login attempt counters. */
import { and, eq, gt, lt, lte, or, sql } from "drizzle-orm";

import type { AttemptCounter } from "../domain/login-limits.js";
import { defined } from "../lib/invariant.js";
import { randomId } from "../lib/random.js";
import { auditInsert, type AuditRecord } from "./audit.js";
import { type Db, schema } from "./database.js";

const { grants, loginFailures, organisations, sessions, users } = schema;

export type Role = "consultant" | "manager";
export interface User {
  id: string;
  email: string;
  role: Role;
}

export async function createUser(db: Db, email: string, passwordHash: string, role: Role): Promise<User> {
  const user = { id: randomId(), email: email.toLowerCase(), role };
  await db.insert(users).values({ ...user, passwordHash });
  return user;
}

/**
 * The same account as createUser, as one SQL statement: for a database this code cannot reach
 * directly (D1 from the command line goes through `wrangler d1 execute`). Values are quoted as
 * SQL string literals.
 */
export function consultantInsertSql(email: string, passwordHash: string): string {
  const quote = (v: string) => `'${v.replaceAll("'", "''")}'`;
  return `INSERT INTO users (id, email, password_hash, role) VALUES (${[randomId(), email.toLowerCase(), passwordHash, "consultant"].map(quote).join(", ")});`;
}

export async function countUsers(db: Db): Promise<number> {
  return db.$count(users);
}

export async function findUserByEmail(db: Db, email: string): Promise<(User & { passwordHash: string }) | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row && { id: row.id, email: row.email, role: row.role, passwordHash: row.passwordHash };
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const [row] = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

/** Opens a session; `audit`, the entry that records the login, is written in the same batch. */
export async function createSession(
  db: Db,
  tokenHash: string,
  userId: string,
  expiresAt: number,
  audit?: AuditRecord,
): Promise<void> {
  if (!audit) return void (await db.insert(sessions).values({ tokenHash, userId, expiresAt }));
  await db.batch([db.insert(sessions).values({ tokenHash, userId, expiresAt }), auditInsert(db, audit)]);
}

export async function findSessionUser(db: Db, tokenHash: string, now: number): Promise<User | undefined> {
  const [row] = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  return row;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

/**
 * Counts one login attempt on each key, atomically, and returns each counter as it stands with
 * this attempt: one `INSERT … ON CONFLICT DO UPDATE SET count = count + 1 … RETURNING` per key,
 * after dropping expired counters, all in one batch (atomic on libSQL and D1). Parallel attempts
 * therefore each get a distinct count. A new counter expires `periodSeconds` after `now`.
 */
export async function countLoginAttempts(
  db: Db,
  keys: readonly { key: string; periodSeconds: number }[],
  now: number,
): Promise<AttemptCounter[]> {
  const [, ...counted] = (await db.batch([
    // Expired counters go, and so do counters begun "later" than now (a clock that was set back).
    db.delete(loginFailures).where(or(lte(loginFailures.expiresAt, now), gt(loginFailures.firstAt, now))),
    ...keys.map(({ key, periodSeconds }) =>
      db
        .insert(loginFailures)
        .values({ key, count: 1, firstAt: now, expiresAt: now + periodSeconds })
        .onConflictDoUpdate({ target: loginFailures.key, set: { count: sql`${loginFailures.count} + 1` } })
        .returning({ count: loginFailures.count, firstAt: loginFailures.firstAt }),
    ),
  ] as unknown as Parameters<Db["batch"]>[0])) as unknown as [unknown, ...AttemptCounter[][]];
  return counted.map((rows) => defined(rows[0], "an upsert returns its row"));
}

/**
 * Takes back attempts counted by countLoginAttempts: `refund` decrements each counter by one (only
 * the counter that counted it, identified by its first attempt, so never a newer one), `clear`
 * deletes counters. One batch.
 */
export async function uncountLoginAttempts(
  db: Db,
  change: { refund?: readonly { key: string; firstAt: number }[]; clear?: readonly string[] },
): Promise<void> {
  const statements = [
    ...(change.refund ?? []).map(({ key, firstAt }) =>
      db
        .update(loginFailures)
        .set({ count: sql`${loginFailures.count} - 1` })
        .where(and(eq(loginFailures.key, key), eq(loginFailures.firstAt, firstAt), gt(loginFailures.count, 0))),
    ),
    ...(change.clear ?? []).map((key) => db.delete(loginFailures).where(eq(loginFailures.key, key))),
  ];
  if (statements.length > 0) await db.batch(statements as unknown as Parameters<Db["batch"]>[0]);
}

/** Ends every session of a user (logout everywhere, a password change, a revoked account). */
export async function deleteUserSessions(db: Db, userId: string, audit?: AuditRecord): Promise<void> {
  if (!audit) return void (await db.delete(sessions).where(eq(sessions.userId, userId)));
  await db.batch([db.delete(sessions).where(eq(sessions.userId, userId)), auditInsert(db, audit)]);
}

/** Grants a manager an organisation, optionally scoped to some units (a UnitScope as JSON; see domain/links.ts). */
export async function grantOrganisation(
  db: Db,
  userId: string,
  organisationId: string,
  scope: string | null = null,
): Promise<void> {
  await db.insert(grants).values({ userId, organisationId, scope }).onConflictDoNothing();
}

/** Organisations a user may see: owned (consultant) or granted (manager). */
const organisationColumns = {
  id: organisations.id,
  name: organisations.name,
  benchmarkForManagers: organisations.benchmarkForManagers,
};

export async function accessibleOrganisations(
  db: Db,
  user: Pick<User, "id" | "role">,
): Promise<{ id: string; name: string; benchmarkForManagers: boolean }[]> {
  if (user.role === "consultant") {
    return db
      .select(organisationColumns)
      .from(organisations)
      .where(eq(organisations.consultantId, user.id))
      .orderBy(organisations.name);
  }
  return db
    .select(organisationColumns)
    .from(grants)
    .innerJoin(organisations, eq(organisations.id, grants.organisationId))
    .where(eq(grants.userId, user.id))
    .orderBy(organisations.name);
}

/** The stored unit scope (JSON) of a manager's grant to an organisation; null when unscoped or absent. */
export async function grantScope(db: Db, userId: string, organisationId: string): Promise<string | null> {
  const [row] = await db
    .select({ scope: grants.scope })
    .from(grants)
    .where(and(eq(grants.organisationId, organisationId), eq(grants.userId, userId)))
    .limit(1);
  return row?.scope ?? null;
}

export async function canAccessOrganisation(db: Db, user: User, organisationId: string): Promise<boolean> {
  const rows =
    user.role === "consultant"
      ? await db
          .select({ id: organisations.id })
          .from(organisations)
          .where(and(eq(organisations.id, organisationId), eq(organisations.consultantId, user.id)))
          .limit(1)
      : await db
          .select({ id: grants.organisationId })
          .from(grants)
          .where(and(eq(grants.organisationId, organisationId), eq(grants.userId, user.id)))
          .limit(1);
  return rows.length > 0;
}
