/**
 * The rows deleting a round, an organisation or an account touches: counts for the preview, and
 * the delete statements as query builders for one `db.batch` (D1 takes nothing else), children
 * before parents so every foreign key holds at each step. Every statement binds at most a few
 * parameters (ids go one statement per round, never as a long IN list).
 */
import { and, count, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";

import {
  type AccountFootprint,
  emptyFootprint,
  type OrganisationFootprint,
  type RoundFootprint,
} from "../domain/data-protection.js";
import { defined } from "../lib/invariant.js";
import { randomId } from "../lib/random.js";
import { chunkForParameters, type Db, schema } from "./database.js";
import { clearAttemptsStatement } from "./release-attempts.js";

const {
  accessCodes,
  actionPlans,
  auditLog,
  campaigns,
  grants,
  instruments,
  invitations,
  normSets,
  organisations,
  passwordResets,
  planActions,
  receipts,
  releaseComments,
  releaseGroups,
  releases,
  responses,
  sessions,
  staffInvitationRounds,
  staffInvitations,
  summaryLinks,
  users,
} = schema;

type Statement = Parameters<Db["batch"]>[0][number];

/** Rows per campaign id in `table`, for many rounds at once (chunked below D1's bound parameters). */
async function countBy(
  db: Db,
  table: SQLiteTable,
  column: SQLiteColumn,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const chunk of chunkForParameters(ids, 1)) {
    const rows = await db
      .select({ id: sql<string>`${column}`, n: count() })
      .from(table)
      .where(inArray(column, chunk))
      .groupBy(column);
    for (const r of rows) out.set(r.id, r.n);
  }
  return out;
}

/** What deleting each round would remove, by count. */
/** What deleting one round removes. */
export async function roundFootprint(db: Db, campaignId: string): Promise<RoundFootprint> {
  return defined((await roundFootprints(db, [campaignId])).get(campaignId), "a footprint for every round asked");
}

export async function roundFootprints(db: Db, campaignIds: readonly string[]): Promise<Map<string, RoundFootprint>> {
  const [resp, rec, rel, grp, com, codes, inv, invRounds, plans, actions, links] = await Promise.all([
    countBy(db, responses, responses.campaignId, campaignIds),
    countBy(db, receipts, receipts.campaignId, campaignIds),
    countBy(db, releases, releases.campaignId, campaignIds),
    countBy(db, releaseGroups, releaseGroups.campaignId, campaignIds),
    countBy(db, releaseComments, releaseComments.campaignId, campaignIds),
    countBy(db, accessCodes, accessCodes.campaignId, campaignIds),
    countBy(db, staffInvitations, staffInvitations.campaignId, campaignIds),
    countBy(db, staffInvitationRounds, staffInvitationRounds.campaignId, campaignIds),
    countBy(db, actionPlans, actionPlans.campaignId, campaignIds),
    countBy(db, planActions, planActions.campaignId, campaignIds),
    countBy(db, summaryLinks, summaryLinks.campaignId, campaignIds),
  ]);
  return new Map(
    campaignIds.map((id) => {
      const f = emptyFootprint();
      f.responses = resp.get(id) ?? 0;
      f.receipts = rec.get(id) ?? 0;
      f.releases = rel.get(id) ?? 0;
      f.groups = grp.get(id) ?? 0;
      f.comments = com.get(id) ?? 0;
      f.codes = codes.get(id) ?? 0;
      f.staffInvitations = (inv.get(id) ?? 0) + (invRounds.get(id) ?? 0);
      f.actionPlans = plans.get(id) ?? 0;
      f.planActions = actions.get(id) ?? 0;
      f.summaryLinks = links.get(id) ?? 0;
      return [id, f];
    }),
  );
}

/**
 * Every row of one round, in an order the foreign keys allow: figures and comments before their
 * release, codes, invitations, the plan and the summary link before the round itself.
 */
export function deleteRoundStatements(db: Db, campaignId: string): Statement[] {
  return [
    db.delete(responses).where(eq(responses.campaignId, campaignId)),
    db.delete(receipts).where(eq(receipts.campaignId, campaignId)),
    db.delete(releaseGroups).where(eq(releaseGroups.campaignId, campaignId)),
    db.delete(releaseComments).where(eq(releaseComments.campaignId, campaignId)),
    db.delete(releases).where(eq(releases.campaignId, campaignId)),
    clearAttemptsStatement(db, campaignId),
    db.delete(accessCodes).where(eq(accessCodes.campaignId, campaignId)),
    db.delete(staffInvitations).where(eq(staffInvitations.campaignId, campaignId)),
    db.delete(staffInvitationRounds).where(eq(staffInvitationRounds.campaignId, campaignId)),
    db.delete(planActions).where(eq(planActions.campaignId, campaignId)),
    db.delete(actionPlans).where(eq(actionPlans.campaignId, campaignId)),
    db.delete(summaryLinks).where(eq(summaryLinks.campaignId, campaignId)),
    db.delete(campaigns).where(eq(campaigns.id, campaignId)),
  ];
}

/** A release's comments only (retention's first stage): the figures stay. */
export const deleteCommentsStatement = (db: Db, campaignId: string) =>
  db.delete(releaseComments).where(eq(releaseComments.campaignId, campaignId));

export async function organisationCampaignIds(db: Db, organisationId: string): Promise<string[]> {
  return (
    await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.organisationId, organisationId))
  ).map((r) => r.id);
}

type NormEntryKey = "organisationId" | "campaignId";

/** Norm sets whose frozen entries name the organisation (or the round). */
async function normSetsHolding(db: Db, key: NormEntryKey, id: string): Promise<{ id: string; profiles: string }[]> {
  // The id is random (no LIKE wildcards in it); the JSON is checked exactly below.
  const rows = await db
    .select({ id: normSets.id, profiles: normSets.profiles })
    .from(normSets)
    .where(like(normSets.profiles, `%${id}%`));
  return rows.filter((r) => (JSON.parse(r.profiles) as Record<NormEntryKey, string>[]).some((e) => e[key] === id));
}

/**
 * Norm sets keep a deleted organisation's or round's figures — a frozen set recomputed without one
 * entry would give that entry's profile away by difference — but lose its ids. A deleted
 * organisation's entry gets both ids replaced by one random placeholder: it still counts as one
 * organisation and names none. A deleted round's entry loses only the round's id: its organisation
 * still exists, and must stay named, or the next set would count it as new again (with an older
 * round) and so publish with fewer than three organisations the previous set did not hold.
 */
export async function forgetInNormSets(db: Db, key: NormEntryKey, id: string): Promise<Statement[]> {
  return (await normSetsHolding(db, key, id)).map((set) => {
    const placeholder = `removed-${randomId()}`;
    const entries = (JSON.parse(set.profiles) as Record<NormEntryKey, string>[]).map((e) =>
      e[key] !== id
        ? e
        : key === "organisationId"
          ? { ...e, organisationId: placeholder, campaignId: placeholder }
          : { ...e, campaignId: placeholder },
    );
    return db
      .update(normSets)
      .set({ profiles: JSON.stringify(entries) })
      .where(eq(normSets.id, set.id));
  });
}

export async function organisationFootprint(
  db: Db,
  organisationId: string,
  rounds: readonly RoundFootprint[],
): Promise<Omit<OrganisationFootprint, keyof RoundFootprint | "rounds">> {
  const [[g], [i], [a], sets] = await Promise.all([
    db.select({ n: count() }).from(grants).where(eq(grants.organisationId, organisationId)),
    db.select({ n: count() }).from(invitations).where(eq(invitations.organisationId, organisationId)),
    db.select({ n: count() }).from(auditLog).where(eq(auditLog.organisationId, organisationId)),
    normSetsHolding(db, "organisationId", organisationId),
  ]);
  void rounds;
  return { managers: g?.n ?? 0, invitations: i?.n ?? 0, auditEntries: a?.n ?? 0, normSets: sets.length };
}

/**
 * The organisation's rows besides its rounds: grants, pending invitations, its audit entries,
 * its name and ids in norm sets (replaced by a placeholder — the set's figures stay, see the
 * README), and the organisation itself. Run after every round's statements.
 */
export async function deleteOrganisationStatements(db: Db, organisationId: string): Promise<Statement[]> {
  const rewrites = await forgetInNormSets(db, "organisationId", organisationId);
  return [
    ...rewrites,
    db.delete(grants).where(eq(grants.organisationId, organisationId)),
    db.delete(invitations).where(eq(invitations.organisationId, organisationId)),
    db.delete(auditLog).where(eq(auditLog.organisationId, organisationId)),
    db.delete(organisations).where(eq(organisations.id, organisationId)),
  ];
}

/** Organisations a manager is granted, and those with a pending invitation to their address. */
export async function accountLinks(db: Db, userId: string): Promise<{ grants: string[]; invitedTo: string[] }> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  const granted = await db.select({ id: grants.organisationId }).from(grants).where(eq(grants.userId, userId));
  const invited = user
    ? await db.select({ id: invitations.organisationId }).from(invitations).where(eq(invitations.email, user.email))
    : [];
  return { grants: granted.map((r) => r.id), invitedTo: invited.map((r) => r.id) };
}

/**
 * Which organisations a deletion may touch beyond the account's own rows: all (the account deletes
 * itself: its address goes from every pending invitation and audit detail), or those of one
 * consultant (a consultant deletes their manager: another consultant's invitations and log are
 * theirs, and are neither counted nor changed).
 */
export type AccountReach = { everywhere: true } | { consultantId: string } | { organisationId: string };

function reachOf(db: Db, reach: AccountReach, column: SQLiteColumn): SQL | undefined {
  if ("everywhere" in reach) return undefined;
  if ("organisationId" in reach) return eq(column, reach.organisationId);
  return inArray(
    column,
    db.select({ id: organisations.id }).from(organisations).where(eq(organisations.consultantId, reach.consultantId)),
  );
}

export async function accountFootprint(db: Db, userId: string, reach: AccountReach): Promise<AccountFootprint> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  const one = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  // The account's own rows go whoever deletes it; the organisation-bound ones only within reach. An
  // entry in one organisation's log counts only that organisation's rows.
  const own = !("organisationId" in reach);
  const [s, g, i, r, a, ins, ns] = await Promise.all([
    own ? one(db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId))) : 0,
    one(
      db
        .select({ n: count() })
        .from(grants)
        .where(and(eq(grants.userId, userId), reachOf(db, reach, grants.organisationId))),
    ),
    one(
      db
        .select({ n: count() })
        .from(invitations)
        .where(and(eq(invitations.email, user?.email ?? ""), reachOf(db, reach, invitations.organisationId))),
    ),
    own ? one(db.select({ n: count() }).from(passwordResets).where(eq(passwordResets.userId, userId))) : 0,
    one(
      db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.actorId, userId), reachOf(db, reach, auditLog.organisationId))),
    ),
    own ? one(db.select({ n: count() }).from(instruments).where(eq(instruments.ownerId, userId))) : 0,
    own ? one(db.select({ n: count() }).from(normSets).where(eq(normSets.consultantId, userId))) : 0,
  ]);
  return { sessions: s, grants: g, invitations: i, resetLinks: r, auditEntries: a, instruments: ins, normSets: ns };
}

/**
 * Every row of an account: sessions, grants, pending invitations to its address, reset links, a
 * consultant's instruments and norm sets; its audit entries and shared summary links stay with no
 * actor, and entries that name it in their detail (an invitation, a revocation) have its address
 * replaced and its id cleared — within `reach` (see AccountReach). Invitations it sent keep no sender.
 */
export function deleteAccountStatements(db: Db, user: { id: string; email: string }, reach: AccountReach): Statement[] {
  const within = reachOf(db, reach, auditLog.organisationId);
  const namesAddress = and(
    eq(sql`json_extract(${auditLog.detail}, '$.email')`, user.email),
    or(like(auditLog.action, "invitation_%"), eq(auditLog.action, "manager_revoked")),
    within,
  );
  const namesId = and(eq(sql`json_extract(${auditLog.detail}, '$.userId')`, user.id), within);
  return [
    db.delete(sessions).where(eq(sessions.userId, user.id)),
    db.delete(grants).where(eq(grants.userId, user.id)),
    db
      .delete(invitations)
      .where(and(eq(invitations.email, user.email), reachOf(db, reach, invitations.organisationId))),
    db.update(invitations).set({ invitedBy: null }).where(eq(invitations.invitedBy, user.id)),
    db.delete(passwordResets).where(eq(passwordResets.userId, user.id)),
    db.delete(instruments).where(eq(instruments.ownerId, user.id)),
    db.delete(normSets).where(eq(normSets.consultantId, user.id)),
    db.update(auditLog).set({ actorId: null }).where(eq(auditLog.actorId, user.id)),
    db
      .update(auditLog)
      .set({ detail: sql`json_set(${auditLog.detail}, '$.email', '(deleted account)')` })
      .where(namesAddress),
    db
      .update(auditLog)
      .set({ detail: sql`json_set(${auditLog.detail}, '$.userId', json('null'))` })
      .where(namesId),
    db.update(summaryLinks).set({ createdBy: null }).where(eq(summaryLinks.createdBy, user.id)),
    db.delete(users).where(eq(users.id, user.id)),
  ];
}

/** Rows the sweep's retention works on: released rounds of organisations with a retention period. */
export async function retainedReleases(
  db: Db,
): Promise<
  { campaignId: string; title: string; organisationId: string; releasedOn: string; months: number; comments: number }[]
> {
  const rows = await db
    .select({
      campaignId: campaigns.id,
      title: campaigns.title,
      organisationId: campaigns.organisationId,
      releasedOn: releases.releasedOn,
      months: organisations.retentionMonths,
      comments: sql<number>`(select count(*) from ${releaseComments} rc where rc.campaign_id = ${campaigns.id})`,
    })
    .from(releases)
    .innerJoin(campaigns, eq(campaigns.id, releases.campaignId))
    .innerJoin(organisations, eq(organisations.id, campaigns.organisationId))
    .where(sql`${organisations.retentionMonths} is not null`);
  // The query keeps only organisations with a period; the narrowing says so to the types.
  return rows.flatMap((r) => {
    const { months } = r;
    return months === null ? [] : [{ ...r, months }];
  });
}

export async function setRetention(
  db: Db,
  organisationId: string,
  months: number | null,
  audit: Statement,
): Promise<void> {
  await db.batch([
    db.update(organisations).set({ retentionMonths: months }).where(eq(organisations.id, organisationId)),
    audit,
  ]);
}
