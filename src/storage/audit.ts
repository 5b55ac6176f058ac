/**
 * The audit log's rows: an insert that can join another write's `db.batch`, conditional inserts for
 * batches that may turn out to change nothing, the failed-login count, the paged listing a
 * consultant reads and the pruning of old entries.
 */
import { and, desc, eq, lt, or, type SQL, sql } from "drizzle-orm";

import type { AuditEvent } from "../domain/audit.js";
import { randomId } from "../lib/random.js";
import { type Db, schema } from "./database.js";

const { auditLog, grants, users } = schema;

/** A random id made by the database, shaped like randomId()'s (a version-4 UUID): one per fanned-out row. */
const sqlUuid = sql.raw(
  "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))",
);

/** One entry to write: who, where (null for an account event), what, and the minute. */
export type AuditRecord = AuditEvent & { organisationId: string | null; actorId: string | null; at: string };

/**
 * The insert of one entry, to run alone or inside another write's batch. An account event (no
 * organisation: a login, a reset) is written once for each organisation the user is granted at that
 * moment — so each organisation's log keeps its managers' events of their time with it, also after
 * a revocation, and never an event from before a grant — or once without an organisation for a user
 * with no grant (a consultant).
 */
export function auditInsert(db: Db, record: AuditRecord) {
  return auditInsertWhere(db, record, sql`1`);
}

/**
 * The same, only where `condition` holds when the statement runs: placed in a batch before the
 * write it records, so an entry exists exactly when that write happens.
 */
export function auditInsertWhere(db: Db, record: AuditRecord, condition: SQL) {
  const detail = JSON.stringify(record.detail);
  // A query builder, not db.run: D1's batch takes only prepared builders. Columns in table order.
  if (record.organisationId !== null) {
    return db
      .insert(auditLog)
      .select(
        sql`select ${randomId()}, ${record.organisationId}, ${record.actorId}, ${record.action}, ${detail}, ${record.at} where ${condition}`,
      );
  }
  return db.insert(auditLog).select(
    sql`select ${sqlUuid}, g.organisation_id, ${record.actorId}, ${record.action}, ${detail}, ${record.at} from ${grants} g where g.user_id = ${record.actorId} and ${condition}
        union all select ${randomId()}, null, ${record.actorId}, ${record.action}, ${detail}, ${record.at} where not exists (select 1 from ${grants} g where g.user_id = ${record.actorId}) and ${condition}`,
  );
}

export async function recordAudit(db: Db, record: AuditRecord): Promise<void> {
  await auditInsert(db, record);
}

/**
 * Counts one failed login at the account of `email`, if it exists: the entry of the window still
 * open (timed from `windowStart` on) goes up by one, else a new entry with count 1. Both statements
 * run whether or not the account exists — the lookup is inside them — so the work done does not
 * tell. One batch: parallel failures each count once.
 */
export async function countFailedLogin(
  db: Db,
  input: { email: string; at: string; windowStart: string },
): Promise<void> {
  const account = sql`(select ${users.id} from ${users} where ${users.email} = ${input.email.toLowerCase()})`;
  const open = sql`${auditLog.action} = 'login_failed' and ${auditLog.actorId} = ${account} and ${auditLog.at} >= ${input.windowStart}`;
  // Query builders, not db.run: D1's batch takes only prepared builders. One entry per organisation
  // the account is granted (as every account event, see auditInsert), or one without.
  await db.batch([
    db
      .update(auditLog)
      .set({ detail: sql`json_set(${auditLog.detail}, '$.count', json_extract(${auditLog.detail}, '$.count') + 1)` })
      .where(open),
    db.insert(auditLog).select(
      sql`select ${sqlUuid}, g.organisation_id, u.id, 'login_failed', '{"count":1}', ${input.at} from ${users} u join ${grants} g on g.user_id = u.id
            where u.email = ${input.email.toLowerCase()} and not exists (select 1 from ${auditLog} a where a.action = 'login_failed' and a.actor_id = u.id and a.organisation_id = g.organisation_id and a.at >= ${input.windowStart})
            union all select ${randomId()}, null, u.id, 'login_failed', '{"count":1}', ${input.at} from ${users} u
            where u.email = ${input.email.toLowerCase()} and not exists (select 1 from ${grants} g where g.user_id = u.id) and not exists (select 1 from ${auditLog} where ${open})`,
    ),
  ]);
}

/** The actor an entry shows once its account was deleted: no address, nothing that names them. */
export const DELETED_ACTOR = "(deleted account)";

export interface AuditRow {
  id: string;
  at: string;
  action: string;
  actor: string;
  detail: string;
}

/**
 * An organisation's entries, newest first: its own, and the account events of its managers while
 * they were granted it. `before` is the id of the last entry of the previous page; undefined when that id
 * is not an entry at all. Reads `limit + 1` rows to know whether there is a next page.
 */
export async function listAudit(
  db: Db,
  organisationId: string,
  page: { before?: string; limit: number },
): Promise<{ rows: AuditRow[]; more: boolean } | undefined> {
  // Account events were written under each organisation granted at the time (see auditInsert).
  const visible = eq(auditLog.organisationId, organisationId);
  let after: SQL | undefined;
  if (page.before !== undefined) {
    const [cursor] = await db
      .select({ at: auditLog.at, seq: sql<number>`${auditLog}.rowid` })
      .from(auditLog)
      .where(eq(auditLog.id, page.before))
      .limit(1);
    if (!cursor) return undefined;
    after = or(lt(auditLog.at, cursor.at), and(eq(auditLog.at, cursor.at), sql`${auditLog}.rowid < ${cursor.seq}`));
  }
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actor: sql<string>`coalesce(${users.email}, ${DELETED_ACTOR})`,
      detail: auditLog.detail,
    })
    .from(auditLog)
    // A deleted account's entries stay, with no actor (README, "Data protection").
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(after ? and(visible, after) : visible)
    .orderBy(desc(auditLog.at), desc(sql`${auditLog}.rowid`))
    .limit(page.limit + 1);
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

/** Deletes entries timed before `cutoff`; returns how many. */
export async function pruneAuditEntries(db: Db, cutoff: string): Promise<number> {
  const deleted = await db.delete(auditLog).where(lt(auditLog.at, cutoff)).returning({ id: auditLog.id });
  return deleted.length;
}
