/**
 * Recording and reading the audit log. Reads are recorded after their answer is computed (a refused
 * or failed read is no entry); writes record inside their own batch where they have one, else right
 * after. A failed audit insert fails the request: an action the log cannot show is not done quietly.
 */
import {
  auditCutoff,
  type AuditDetails,
  type AuditEntryView,
  type AuditEvent,
  auditMinute,
  isAuditAction,
} from "../domain/audit.js";
import { ApiError } from "../lib/api-error.js";
import { type AuditRecord, listAudit, pruneAuditEntries, recordAudit } from "../storage/audit.js";
import type { Db } from "../storage/database.js";

export interface AuditDeps {
  db: Db;
  now: () => Date;
}

/** The record of `event` by `actorId`, timed now: for a batch, or for `audit` below. */
export const auditRecord = (
  deps: Pick<AuditDeps, "now">,
  actorId: string,
  organisationId: string | null,
  event: AuditEvent,
): AuditRecord => ({
  ...event,
  organisationId,
  actorId,
  at: auditMinute(deps.now()),
});

export async function audit(
  deps: AuditDeps,
  actorId: string,
  organisationId: string | null,
  event: AuditEvent,
): Promise<void> {
  await recordAudit(deps.db, auditRecord(deps, actorId, organisationId, event));
}

export const AUDIT_PAGE = 50;

/** One page of an organisation's log, newest first, and the cursor of the next page (null at the end). */
export async function auditPage(
  db: Db,
  organisationId: string,
  page: { before?: string | undefined; limit: number },
): Promise<{ entries: AuditEntryView[]; next: string | null }> {
  const listed = await listAudit(db, organisationId, {
    limit: page.limit,
    ...(page.before !== undefined ? { before: page.before } : {}),
  });
  if (!listed)
    throw new ApiError(
      400,
      "invalid_cursor",
      "`before` is not an entry of this log: use the `next` of the page before.",
      [{ path: "before", message: "unknown entry" }],
    );
  const entries = listed.rows.flatMap((row): AuditEntryView[] =>
    isAuditAction(row.action)
      ? [
          // The detail is what audit() wrote for this action (domain/audit.ts AuditDetails).
          {
            id: row.id,
            at: row.at,
            action: row.action,
            actor: row.actor,
            detail: JSON.parse(row.detail) as AuditDetails[typeof row.action],
          } as AuditEntryView,
        ]
      : [],
  );
  const last = listed.rows.at(-1);
  return { entries, next: listed.more && last ? last.id : null };
}

/** Deletes entries past the retention period (domain/audit.ts); run by the release sweep. */
export async function pruneAudit(db: Db, now: Date): Promise<number> {
  return pruneAuditEntries(db, auditCutoff(now));
}
