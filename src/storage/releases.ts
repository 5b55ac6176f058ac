/**
 * Releases in the database: paging a closed round's responses in, writing the frozen release
 * out, and reading it back. An attempt writes its groups and comments under its own random id,
 * then one final batch inserts the `releases` row and removes every other attempt's rows: a
 * reader only ever follows a `releases` row, so a killed attempt leaves nothing visible, and
 * the next attempt completes the release. Releases never change, so what is read is cached.
 */
import { and, asc, eq, gt, inArray, isNotNull, lt, lte, ne, type SQL, sql } from "drizzle-orm";

import type { Conditions, CountedCell } from "../domain/disclosure.js";
import { COMMENT_DIMENSION, type DisclosurePlan, type GroupKey } from "../domain/disclosure-plan.js";
import type { ReleaseStats, ReleaseTotals } from "../domain/release.js";
import { at, defined } from "../lib/invariant.js";
import { chunkForParameters, chunkRows, type Db, schema } from "./database.js";
import { clearAttemptsStatement } from "./release-attempts.js";
import { deleteInvitationRows } from "./staff-invitations.js";

const { accessCodes, campaigns, releaseGroups, releaseComments, releases, responses } = schema;

export interface StoredRelease {
  id: string;
  campaignId: string;
  respondents: number;
  releasedOn: string;
  totals: ReleaseTotals;
  plan: DisclosurePlan;
}

type Parsed = Pick<StoredRelease, "totals" | "plan">;

/** Parsed JSON of releases, by release id: a release is immutable, so an entry never goes stale. */
const parsedCache = new Map<string, Parsed>();
const groupsCache = new Map<string, Map<GroupKey, ReleaseStats>>();
const PARSED_CACHED = 1000;
/** Groups are bounded by their number, not by releases: one group holds about 10 KB once parsed. */
const GROUPS_CACHED = 5000;
let groupsHeld = 0;

function remember<T>(cache: Map<string, T>, key: string, value: T, max: number): T {
  if (cache.size >= max) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, value);
  return value;
}

/** The releases of these campaigns that exist, by campaign id. */
export async function findReleases(db: Db, campaignIds: readonly string[]): Promise<Map<string, StoredRelease>> {
  const out = new Map<string, StoredRelease>();
  for (const ids of chunkForParameters(campaignIds, 1)) {
    const rows = await db
      .select({
        id: releases.id,
        campaignId: releases.campaignId,
        respondents: releases.respondents,
        releasedOn: releases.releasedOn,
      })
      .from(releases)
      .where(inArray(releases.campaignId, ids));
    // Totals and plans are read and parsed only for releases not cached yet; what this call found
    // is kept here too, so evicting an entry from the cache meanwhile loses nothing.
    const parsed = new Map(
      rows.flatMap((r) => {
        const cached = parsedCache.get(r.id);
        return cached ? [[r.id, cached] as const] : [];
      }),
    );
    for (const chunk of chunkForParameters(
      rows.filter((r) => !parsed.has(r.id)).map((r) => r.id),
      1,
    )) {
      for (const t of await db
        .select({ id: releases.id, totals: releases.totals, plan: releases.plan })
        .from(releases)
        .where(inArray(releases.id, chunk))) {
        const value = { totals: JSON.parse(t.totals) as ReleaseTotals, plan: JSON.parse(t.plan) as DisclosurePlan };
        parsed.set(t.id, remember(parsedCache, t.id, value, PARSED_CACHED));
      }
    }
    for (const r of rows)
      out.set(r.campaignId, { ...r, ...defined(parsed.get(r.id), "every release found is parsed") });
  }
  return out;
}

export async function findRelease(db: Db, campaignId: string): Promise<StoredRelease | undefined> {
  return (await findReleases(db, [campaignId])).get(campaignId);
}

/** The figures of every group a release publishes, by group key. */
export async function loadReleaseGroups(db: Db, releaseId: string): Promise<Map<GroupKey, ReleaseStats>> {
  const cached = groupsCache.get(releaseId);
  if (cached) return cached;
  const rows = await db
    .select({ key: releaseGroups.key, stats: releaseGroups.stats })
    .from(releaseGroups)
    .where(eq(releaseGroups.releaseId, releaseId));
  const groups = new Map(rows.map((r) => [r.key, JSON.parse(r.stats) as ReleaseStats]));
  // Oldest releases out first until the new one fits; one larger than the bound is not kept.
  for (const [id, held] of groupsCache) {
    if (groupsHeld + groups.size <= GROUPS_CACHED) break;
    groupsCache.delete(id);
    groupsHeld -= held.size;
  }
  if (groups.size <= GROUPS_CACHED) {
    groupsCache.set(releaseId, groups);
    groupsHeld += groups.size;
  }
  return groups;
}

/**
 * Comments of a group of a release, never with a date or id: a random sample (the lowest sort
 * keys, which follow the responses' random keys; read through the primary key), shuffled again on
 * every read.
 */
export async function loadComments(db: Db, releaseId: string, filters: Conditions, limit = 200): Promise<string[]> {
  const conditions: SQL[] = [eq(releaseComments.releaseId, releaseId)];
  const unit = filters[COMMENT_DIMENSION];
  if (unit !== undefined) conditions.push(eq(releaseComments[COMMENT_DIMENSION], unit));
  const rows = await db
    .select({ comment: releaseComments.comment })
    .from(releaseComments)
    .where(and(...conditions))
    .orderBy(releaseComments.sortKey)
    .limit(limit);
  return shuffle(rows.map((r) => r.comment));
}

/** Fisher–Yates with WebCrypto randomness. */
function shuffle<T>(items: T[]): T[] {
  const random = crypto.getRandomValues(new Uint32Array(items.length));
  for (let i = items.length - 1; i > 0; i--) {
    const j = at(random, i, "random words") % (i + 1);
    [items[i], items[j]] = [at(items, j, "items"), at(items, i, "items")];
  }
  return items;
}

export interface ResponseRow {
  id: string;
  department: string;
  role: string;
  tenure: string;
  scores: string | null;
  /** Only for rows stored before scores were: they are scored from their answers. */
  answers: string | null;
}

/** The next page of a round's responses in key order, after `afterId`. */
export async function responsePage(db: Db, campaignId: string, afterId: string, limit: number): Promise<ResponseRow[]> {
  return db
    .select({
      id: responses.id,
      department: responses.department,
      role: responses.role,
      tenure: responses.tenure,
      scores: responses.scores,
      answers: sql<string | null>`case when ${responses.scores} is null then ${responses.answers} end`,
    })
    .from(responses)
    .where(and(eq(responses.campaignId, campaignId), gt(responses.id, afterId)))
    .orderBy(asc(responses.id))
    .limit(limit);
}

/**
 * Copies the comments of the responses with keys in (afterId, toId] into an attempt, with their
 * department only: no comment is ever listed by role or tenure, so neither is kept with it. Each
 * gets the sort key `responsesBefore` + its rank among them in key order: response keys are random, so this
 * order says nothing about when anyone answered, and the copy appends to the table's B-tree instead
 * of inserting at random places (200k comments under random keys took 19 s of a 1M release).
 * `responsesBefore` counts the responses of earlier pages (not their comments), so keys increase from
 * page to page.
 */
export async function copyComments(
  db: Db,
  releaseId: string,
  campaignId: string,
  afterId: string,
  toId: string,
  responsesBefore: number,
): Promise<void> {
  await db.insert(releaseComments).select(
    db
      .select({
        releaseId: sql<string>`${releaseId}`.as("release_id"),
        sortKey: sql<string>`printf('%012d', ${responsesBefore} + row_number() over (order by ${responses.id}))`.as(
          "sort_key",
        ),
        campaignId: responses.campaignId,
        department: responses.department,
        role: sql<string>`''`.as("role"),
        tenure: sql<string>`''`.as("tenure"),
        comment: responses.comment,
      })
      .from(responses)
      .where(
        and(
          eq(responses.campaignId, campaignId),
          gt(responses.id, afterId),
          lte(responses.id, toId),
          isNotNull(responses.comment),
        ),
      ) as never,
  );
}

/** Writes an attempt's published groups (invisible until the attempt completes). */
export async function writeGroups(
  db: Db,
  releaseId: string,
  campaignId: string,
  groups: ReadonlyMap<GroupKey, ReleaseStats>,
): Promise<void> {
  const rows = [...groups].map(([key, stats]) => ({
    releaseId,
    campaignId,
    key,
    n: stats.n,
    stats: JSON.stringify(stats),
  }));
  const statements = chunkRows(rows).map((chunk) => db.insert(releaseGroups).values(chunk));
  if (statements.length > 0) await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
}

/**
 * Keeps of an attempt's comments only what its plan lists, the next `limit` of them (in key order)
 * after the key `after` per call: a comment of a department without its own list loses its
 * department, and a round below the comment minimum keeps none. Returns the last key it looked at,
 * null once none is left. Each call reads at most `limit` comments, so a round with hundreds of
 * thousands of them holds no other request up for long (a call that looked for the next `limit`
 * to change read all 200,000 of a 1M round where every department has its list: 44 ms).
 */
export async function keepListedComments(
  db: Db,
  releaseId: string,
  plan: DisclosurePlan,
  limit: number,
  after: string,
): Promise<string | null> {
  const [last] = await db.select({ key: sql<string | null>`max(${releaseComments.sortKey})` }).from(
    db
      .select({ sortKey: releaseComments.sortKey })
      .from(releaseComments)
      .where(and(eq(releaseComments.releaseId, releaseId), gt(releaseComments.sortKey, after)))
      .orderBy(asc(releaseComments.sortKey))
      .limit(limit)
      .as("page"),
  );
  const to = last?.key ?? null;
  if (to === null) return null;
  const page = and(
    eq(releaseComments.releaseId, releaseId),
    gt(releaseComments.sortKey, after),
    lte(releaseComments.sortKey, to),
  );
  if (plan.comments.length === 0) {
    await db.delete(releaseComments).where(page);
    return to;
  }
  const listed = plan.comments.flatMap(
    (key) => plan.groups.find((g) => g.key === key)?.conditions[COMMENT_DIMENSION] ?? [],
  );
  await db
    .update(releaseComments)
    .set({ [COMMENT_DIMENSION]: "" })
    .where(
      and(
        page,
        sql`${releaseComments[COMMENT_DIMENSION]} <> '' and ${releaseComments[COMMENT_DIMENSION]} not in (select value from json_each(${JSON.stringify(listed)}))`,
      ),
    );
  return to;
}

/** Codes a round may have for its release's own batch to delete them. */
const CODES_IN_RELEASE = 5000;

/**
 * Completes an attempt: its `releases` row and the removal of every other attempt's rows, in one
 * batch. False when another attempt completed first (the batch then changed nothing).
 */
export async function completeRelease(db: Db, release: StoredRelease): Promise<boolean> {
  const { id, campaignId } = release;
  // A round of a few thousand codes loses them in this batch (the counts set back, as the sweep
  // does): no moment after its release leaves which codes were used beside the code sheets. More
  // go with the sweep, a page at a time (one delete of a million codes held the file for seconds).
  const codes = await deleteCodesKeepingCounts(db, campaignId);
  const codesNow = codes.issued > 0 && codes.issued <= CODES_IN_RELEASE ? codes.statements : [];
  try {
    await db.batch([
      db.insert(releases).values({
        id,
        campaignId,
        respondents: release.respondents,
        releasedOn: release.releasedOn,
        totals: JSON.stringify(release.totals),
        plan: JSON.stringify(release.plan),
      }),
      db.delete(releaseGroups).where(and(eq(releaseGroups.campaignId, campaignId), ne(releaseGroups.releaseId, id))),
      // Before and after this attempt's id, as two ranges of the campaign index (which holds the
      // release id next): one `<>` would walk this attempt's own 200,000 comments of a 1M round too.
      db
        .delete(releaseComments)
        .where(and(eq(releaseComments.campaignId, campaignId), lt(releaseComments.releaseId, id))),
      db
        .delete(releaseComments)
        .where(and(eq(releaseComments.campaignId, campaignId), gt(releaseComments.releaseId, id))),
      // Staff invitations kept for reminders go with the release: after it, no row relates an address to a code.
      deleteInvitationRows(db, campaignId),
      clearAttemptsStatement(db, campaignId),
      ...codesNow,
    ]);
    return true;
  } catch (error) {
    if (await findRelease(db, campaignId)) {
      await discardAttempt(db, id);
      return false;
    }
    throw error;
  }
}

/** Removes the rows of an attempt that will not complete. */
export async function discardAttempt(db: Db, releaseId: string): Promise<void> {
  await db.batch([
    db.delete(releaseGroups).where(eq(releaseGroups.releaseId, releaseId)),
    db.delete(releaseComments).where(eq(releaseComments.releaseId, releaseId)),
  ]);
}

/** Up to `limit` ids of raw responses of one round that has been released; null when there are none. */
export async function releasedResponsePage(
  db: Db,
  limit: number,
): Promise<{ campaignId: string; ids: string[] } | null> {
  const [first] = await db
    .select({ campaignId: responses.campaignId })
    .from(responses)
    .where(inArray(responses.campaignId, db.select({ id: releases.campaignId }).from(releases)))
    .limit(1);
  if (!first) return null;
  const rows = await db
    .select({ id: responses.id })
    .from(responses)
    .where(eq(responses.campaignId, first.campaignId))
    .orderBy(asc(responses.id))
    .limit(limit);
  return { campaignId: first.campaignId, ids: rows.map((r) => r.id) };
}

/**
 * Up to `limit` single-use codes of one released round; null when no released round has any.
 * Which codes were used, beside the code sheets, would name who took part: they go after the
 * release with its raw responses, a page at a time (one delete of a million codes held the file
 * for seconds).
 */
export async function releasedCodePage(
  db: Db,
  limit: number,
): Promise<{ campaignId: string; hashes: string[] } | null> {
  const [first] = await db
    .select({ campaignId: accessCodes.campaignId })
    .from(accessCodes)
    .where(inArray(accessCodes.campaignId, db.select({ id: releases.campaignId }).from(releases)))
    .limit(1);
  if (!first) return null;
  const rows = await db
    .select({ hash: accessCodes.codeHash })
    .from(accessCodes)
    .where(eq(accessCodes.campaignId, first.campaignId))
    .orderBy(asc(accessCodes.codeHash))
    .limit(limit);
  return { campaignId: first.campaignId, hashes: rows.map((r) => r.hash) };
}

/**
 * The statements that delete a round's codes (all, or those `which` picks) and set its counts of
 * codes issued and used back as they are now, with the issued count: deleting a code counts it
 * out (a trigger, migration 0012), and a released round's counts no longer move.
 */
async function deleteCodesKeepingCounts(db: Db, campaignId: string, which?: SQL) {
  const [counts] = await db
    .select({ issued: campaigns.codesIssued, used: campaigns.codesUsed })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  const issued = counts?.issued ?? 0;
  return {
    issued,
    statements: [
      db.delete(accessCodes).where(and(eq(accessCodes.campaignId, campaignId), which)),
      db
        .update(campaigns)
        .set({ codesIssued: issued, codesUsed: counts?.used ?? 0 })
        .where(eq(campaigns.id, campaignId)),
    ] as const,
  };
}

/** Deletes these codes of a released round, keeping its counts (deleteCodesKeepingCounts). */
export async function deleteReleasedCodes(db: Db, campaignId: string, hashes: readonly string[]): Promise<void> {
  const { statements } = await deleteCodesKeepingCounts(
    db,
    campaignId,
    sql`${accessCodes.codeHash} in (select value from json_each(${JSON.stringify(hashes)}))`,
  );
  await db.batch(statements);
}

/** Deletes these raw responses of a round (the ids travel as one JSON parameter, whatever their number). */
export async function deleteResponses(db: Db, campaignId: string, ids: readonly string[]): Promise<void> {
  await db
    .delete(responses)
    .where(
      and(
        eq(responses.campaignId, campaignId),
        sql`${responses.id} in (select value from json_each(${JSON.stringify(ids)}))`,
      ),
    );
}

/** Respondents per campaign so far, counted from the stored responses: participation while a round runs. */
export async function liveRespondents(db: Db, campaignIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const ids of chunkForParameters(campaignIds, 1)) {
    const rows = await db
      .select({ campaignId: responses.campaignId, n: sql<number>`count(*)` })
      .from(responses)
      .where(inArray(responses.campaignId, ids))
      .groupBy(responses.campaignId);
    for (const r of rows) counts.set(r.campaignId, Number(r.n));
  }
  return counts;
}

/** Respondents so far per cell of a running round: the input to its participation by unit. */
export async function liveCellCounts(db: Db, campaignId: string): Promise<CountedCell[]> {
  const rows = await db
    .select({
      department: responses.department,
      role: responses.role,
      tenure: responses.tenure,
      n: sql<number>`count(*)`,
    })
    .from(responses)
    .where(eq(responses.campaignId, campaignId))
    .groupBy(responses.department, responses.role, responses.tenure);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
