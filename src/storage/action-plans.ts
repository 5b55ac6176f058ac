/**
 * Action plans, their actions and staff summary links. Reads are plain queries; every write is
 * returned as a query builder so the service can put it in one `db.batch` with its audit entry
 * (D1's batch takes only prepared builders, and runs them atomically).
 */
import { and, asc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";

import type { ActionStatus, PlanAction } from "../domain/action-plan.js";
import { isLevelId, type LevelId } from "../domain/levels.js";
import { chunkForParameters, type Db, schema } from "./database.js";

const { actionPlans, planActions, summaryLinks } = schema;

/** The stored focus levels of each round that has a saved plan; ids in chunks, as D1 binds at most 100 parameters a statement. */
export async function findPlans(db: Db, campaignIds: readonly string[]): Promise<Map<string, LevelId[]>> {
  const found = new Map<string, LevelId[]>();
  for (const ids of chunkForParameters(campaignIds, 1)) {
    for (const r of await db.select().from(actionPlans).where(inArray(actionPlans.campaignId, ids)))
      found.set(r.campaignId, (JSON.parse(r.focusLevels) as string[]).filter(isLevelId));
  }
  return found;
}

/** Campaigns among these whose plan was saved or has actions: every round of an organisation, so in chunks. */
export async function campaignsWithPlans(db: Db, campaignIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const ids of chunkForParameters(campaignIds, 1)) {
    const [plans, actions] = await Promise.all([
      db.select({ id: actionPlans.campaignId }).from(actionPlans).where(inArray(actionPlans.campaignId, ids)),
      db.selectDistinct({ id: planActions.campaignId }).from(planActions).where(inArray(planActions.campaignId, ids)),
    ]);
    for (const r of [...plans, ...actions]) found.add(r.id);
  }
  return found;
}

const toAction = (row: typeof planActions.$inferSelect): PlanAction => ({
  id: row.id,
  level: row.level as LevelId,
  title: row.title,
  owner: row.owner,
  dueOn: row.dueOn,
  status: row.status as ActionStatus,
});

export async function listActions(db: Db, campaignId: string): Promise<PlanAction[]> {
  const rows = await db
    .select()
    .from(planActions)
    .where(eq(planActions.campaignId, campaignId))
    .orderBy(asc(planActions.position));
  return rows.map(toAction);
}

export async function findAction(db: Db, campaignId: string, actionId: string): Promise<PlanAction | undefined> {
  const [row] = await db
    .select()
    .from(planActions)
    .where(and(eq(planActions.campaignId, campaignId), eq(planActions.id, actionId)))
    .limit(1);
  return row && toAction(row);
}

export function saveFocusStatement(db: Db, campaignId: string, focusLevels: readonly LevelId[], at: string) {
  const focus = JSON.stringify(focusLevels);
  return db
    .insert(actionPlans)
    .values({ campaignId, focusLevels: focus, updatedAt: at })
    .onConflictDoUpdate({ target: actionPlans.campaignId, set: { focusLevels: focus, updatedAt: at } });
}

/**
 * Adds an action at the end of the plan, only while the plan holds fewer than `max`: the count is
 * read in the same statement, so two additions at once cannot pass the limit together. Each value
 * is named by its column, and the select lists them in the table's own column order, which is the
 * order drizzle names the columns of the insert in.
 */
export function insertActionStatement(db: Db, campaignId: string, action: PlanAction, at: string, max: number) {
  const count = sql`(select count(*) from ${planActions} where ${planActions.campaignId} = ${campaignId})`;
  const next = sql`(select coalesce(max(${planActions.position}), 0) + 1 from ${planActions} where ${planActions.campaignId} = ${campaignId})`;
  const row: Record<keyof typeof planActions.$inferInsert, SQL> = {
    id: sql`${action.id}`,
    campaignId: sql`${campaignId}`,
    level: sql`${action.level}`,
    title: sql`${action.title}`,
    owner: sql`${action.owner}`,
    dueOn: sql`${action.dueOn}`,
    status: sql`${action.status}`,
    position: next,
    updatedAt: sql`${at}`,
  };
  const values = Object.keys(getTableColumns(planActions)).map((column) => row[column as keyof typeof row]);
  return db.insert(planActions).select(sql`select ${sql.join(values, sql`, `)} where ${count} < ${max}`);
}

export function updateActionStatement(
  db: Db,
  campaignId: string,
  actionId: string,
  change: Partial<Omit<PlanAction, "id">>,
  at: string,
) {
  return db
    .update(planActions)
    .set({ ...change, updatedAt: at })
    .where(and(eq(planActions.campaignId, campaignId), eq(planActions.id, actionId)));
}

export function deleteActionStatement(db: Db, campaignId: string, actionId: string) {
  return db.delete(planActions).where(and(eq(planActions.campaignId, campaignId), eq(planActions.id, actionId)));
}

/** Whether an action exists when the statement runs: the condition an audit entry in the same batch is written under. */
export const actionExists = (campaignId: string, actionId: string) =>
  sql`exists (select 1 from ${planActions} where ${planActions.campaignId} = ${campaignId} and ${planActions.id} = ${actionId})`;

/** Whether the plan holds fewer than `max` actions when the statement runs. */
export const roomForAction = (campaignId: string, max: number) =>
  sql`(select count(*) from ${planActions} where ${planActions.campaignId} = ${campaignId}) < ${max}`;

/** The round's live summary link, if any: who made it and when (never the token, which is not stored). */
export async function findSummaryLink(db: Db, campaignId: string): Promise<{ createdAt: string } | undefined> {
  const [row] = await db
    .select({ createdAt: summaryLinks.createdAt })
    .from(summaryLinks)
    .where(eq(summaryLinks.campaignId, campaignId))
    .limit(1);
  return row;
}

/** The round a summary token's hash opens, if the link is live. */
export async function campaignOfSummary(db: Db, tokenHash: string): Promise<string | undefined> {
  const [row] = await db
    .select({ campaignId: summaryLinks.campaignId })
    .from(summaryLinks)
    .where(eq(summaryLinks.tokenHash, tokenHash))
    .limit(1);
  return row?.campaignId;
}

/** Stores a new link for the round, replacing any earlier one (whose link then dies). */
export function saveSummaryLinkStatement(
  db: Db,
  link: { campaignId: string; tokenHash: string; createdBy: string; createdAt: string },
) {
  return db
    .insert(summaryLinks)
    .values(link)
    .onConflictDoUpdate({
      target: summaryLinks.campaignId,
      set: { tokenHash: link.tokenHash, createdBy: link.createdBy, createdAt: link.createdAt },
    });
}

export function deleteSummaryLinkStatement(db: Db, campaignId: string) {
  return db.delete(summaryLinks).where(eq(summaryLinks.campaignId, campaignId));
}

export const summaryLinkExists = (campaignId: string) =>
  sql`exists (select 1 from ${summaryLinks} where ${summaryLinks.campaignId} = ${campaignId})`;
