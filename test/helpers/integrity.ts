/**
 * Checks a campaign's stored data against itself: every acknowledged submission has its
 * receipt, responses and receipts match one for one, each stored form reads back as answers
 * that score to itself, and a release (when there is one) equals a fold recomputed from the answers —
 * with no rows of any other, unfinished attempt left beside it.
 */
import type { Client } from "@libsql/client";
import { expect } from "vitest";

import { answeredItems } from "../../src/domain/answered-items.js";
import { type CountedCell, matches } from "../../src/domain/disclosure.js";
import { auditPlan } from "../../src/domain/disclosure-audit.js";
import type { DisclosurePlan } from "../../src/domain/disclosure-plan.js";
import {
  answeredByAll,
  countsFromPublishedItems,
  createReleaseFold,
  emptyStats,
  keepAnsweredByAll,
  partiallyAnswered,
  type ReleaseStats,
  type ReleaseTotals,
} from "../../src/domain/release.js";
import { scaleLayout, scoreResponse } from "../../src/domain/scoring.js";
import { answersOf, decodeScore, encodeAnswers } from "../../src/domain/stored-score.js";
import { twoWayAuditSteps, type TwoWayCell } from "../../src/domain/two-way-audit.js";
import { type CampaignUnits, departmentLocation } from "../../src/domain/units.js";
import type { Instrument } from "../../src/instruments/instrument.js";
import { sha256Hex } from "../../src/lib/random.js";
import { allSteps } from "../../src/lib/steps.js";

const rows = async (client: Client, sql: string, campaignId: string) =>
  (await client.execute({ sql, args: [campaignId] })).rows;

export async function expectConsistent(
  client: Client,
  instrument: Instrument,
  campaignId: string,
  acknowledged: Iterable<string>,
): Promise<{ stored: number }> {
  const receipts = new Set(
    (await rows(client, "select key_hash from receipts where campaign_id = ?", campaignId)).map((r) =>
      String(r.key_hash),
    ),
  );
  for (const id of acknowledged)
    expect(receipts.has(sha256Hex(`${campaignId}:${id.toLowerCase()}`)), `receipt of ${id}`).toBe(true);
  const responses = await rows(client, "select scores from responses where campaign_id = ?", campaignId);
  expect(responses.length).toBe(receipts.size);
  // Each stored form is whole: read back as answers and scored again, it is itself.
  for (const r of responses)
    expect(
      encodeAnswers(instrument.key, answersOf(instrument.key, decodeScore(instrument.key, String(r.scores)))),
    ).toBe(String(r.scores));
  return { stored: responses.length };
}

/** The stored answers of a row: its scored form, or the JSON of a row from before that existed. */
const storedAnswers = (instrument: Instrument, r: Record<string, unknown>) =>
  r.scores === null
    ? (JSON.parse(String(r.answers)) as Record<string, unknown>)
    : answersOf(instrument.key, decodeScore(instrument.key, String(r.scores)));

/**
 * The campaign's release, if any, against a fold of its stored answers: its plan passes the audit,
 * it stores exactly the groups its plan shows, each equal to its cells recomputed, and comments
 * only where the plan lists them. Returns the respondents it holds (null without a release).
 */
/** A round's stored responses as they are now: to check its release after the sweep has deleted them. */
export const captureResponses = (client: Client, campaignId: string) =>
  rows(
    client,
    "select department, role, tenure, answers, scores, comment from responses where campaign_id = ?",
    campaignId,
  );

export async function expectReleaseConsistent(
  client: Client,
  instrument: Instrument,
  campaignId: string,
  captured?: Awaited<ReturnType<typeof captureResponses>>,
): Promise<number | null> {
  const [release] = await rows(
    client,
    "select id, respondents, plan, totals from releases where campaign_id = ?",
    campaignId,
  );
  if (!release) return null;
  for (const table of ["release_groups", "release_comments"]) {
    const stray = await rows(
      client,
      `select count(*) as n from ${table} where campaign_id = ? and release_id not in (select id from releases)`,
      campaignId,
    );
    expect(Number(stray[0]!.n), `${table} of unfinished attempts beside a release`).toBe(0);
  }
  const plan = JSON.parse(String(release.plan)) as DisclosurePlan;
  const responses = captured ?? (await captureResponses(client, campaignId));
  const [campaign] = await rows(client, "select units from campaigns where id = ?", campaignId);
  const units = JSON.parse(String(campaign?.units ?? "{}")) as CampaignUnits;
  const fold = createReleaseFold(instrument.key, undefined, departmentLocation(units));
  for (const r of responses)
    fold.add(
      { department: String(r.department), role: String(r.role), tenure: String(r.tenure) },
      scoreResponse(instrument.key, storedAnswers(instrument, r)),
    );
  const expected = fold.result();
  expect(Number(release.respondents)).toBe(responses.length);
  // The stored plan is safe against the cells it was made from.
  const occupied = expected.cells.filter((c) => c.n > 0);
  const shown = plan.groups.filter((g) => g.shown);
  // Cells in the same shown groups are one column (exact: what can be computed treats them alike),
  // merged here on their own rather than by the planner's auditColumns, which this check is about.
  const signatures = occupied.map((c) => shown.map((g) => (matches(c, g.conditions) ? "1" : "0")).join(""));
  const byColumn = new Map<string, number>();
  signatures.forEach((sig, i) => byColumn.set(sig, (byColumn.get(sig) ?? 0) + occupied[i]!.n));
  const counts = [...byColumn.values()];
  const columns = shown.map((_, j) => [...byColumn.keys()].flatMap((sig, col) => (sig[j] === "1" ? [col] : [])));
  // The general audit first; where it runs out of budget (a hospital's department × role table) and
  // no tenure group is shown, the two-way audit the planner proved it with.
  const general = auditPlan(counts, columns, plan.k);
  const twoWay = shown.every((g) => g.conditions.tenure === undefined);
  const audited =
    !general.safe && general.cells === null && twoWay
      ? allSteps(twoWayAuditSteps(twoWayCellsOf(occupied, shown), plan.k))
      : general;
  expect(audited).toEqual({ safe: true });
  const groups = await rows(client, "select key, n, stats from release_groups where campaign_id = ?", campaignId);
  expect(groups.map((g) => String(g.key)).sort()).toEqual(shown.map((g) => g.key).sort());
  // Items some left open are stored only as the release decided (answered-items.ts), which a rerun repeats.
  const keep = answeredByAll(expected.totals);
  const answered = answeredItems(
    fold.patternCells(),
    plan,
    fold.optional,
    partiallyAnswered(fold.optional, expected.totals, keep),
  );
  const totals = JSON.parse(String(release.totals)) as ReleaseTotals;
  expect(totals.answeredOnly ?? []).toEqual([...answered.everywhere, ...answered.roundOnly]);
  for (const g of groups) {
    const planned = shown.find((x) => x.key === g.key)!;
    // What every respondent of the round answered, and the items published over their answerers.
    // Scale counts are those of the published items (countsFromPublishedItems), never of items kept out.
    const e = countsFromPublishedItems(
      keepAnsweredByAll(
        expected.cells
          .filter((c) => matches(c, planned.conditions))
          .reduce((acc, c) => fold.sumInto(acc, c), emptyStats()),
        keep,
        new Set(planned.key === "" ? [...answered.everywhere, ...answered.roundOnly] : answered.everywhere),
      ),
      scaleLayout(instrument.key),
    );
    const stored = JSON.parse(String(g.stats)) as ReleaseStats;
    // Nothing that pairs one person's answers is stored: the grids and item products served the
    // release's splits and alpha, in memory, and went.
    expect(stored.grids).toBeUndefined();
    expect(stored.itemPairs).toBeUndefined();
    // Nothing stored stands for a part of the group but the items published over their answerers:
    // every other item, scale and pair counts all of it.
    for (const [name, counts] of Object.entries(stored.items))
      if (!totals.answeredOnly?.includes(name)) expect(counts.reduce((a, b) => a + b, 0)).toBe(e.n);
    for (const sums of [...Object.values(stored.scales), ...Object.values(stored.pairs)]) expect(sums.n).toBe(e.n);
    expect(Number(g.n)).toBe(e.n);
    expect(Number(g.n)).toBeGreaterThanOrEqual(plan.k);
    expect(stored.items).toEqual(e.items);
    expect(stored.factors).toEqual(e.factors);
    for (const [scale, sums] of Object.entries(e.scales)) {
      expect(stored.scales[scale]!.n).toBe(sums.n);
      expect(stored.scales[scale]!.sum).toBeCloseTo(sums.sum, 6);
      expect(stored.scales[scale]!.favourable).toBe(sums.favourable);
    }
  }
  const comments = await rows(
    client,
    "select count(*) as n, count(distinct role || tenure) as cells from release_comments where release_id = (select id from releases where campaign_id = ?)",
    campaignId,
  );
  expect(Number(comments[0]!.n)).toBe(
    plan.comments.length > 0 ? responses.filter((r) => r.comment !== null).length : 0,
  );
  // Comments are kept with their department at most, never their role or tenure.
  if (Number(comments[0]!.n) > 0) expect(Number(comments[0]!.cells)).toBe(1);
  return Number(release.respondents);
}

/** Each occupied cell with the shown department, role, department × role and location group it lies in, by the groups' conditions. */
function twoWayCellsOf(occupied: readonly CountedCell[], shown: DisclosurePlan["groups"]): TwoWayCell[] {
  const index = (test: (g: DisclosurePlan["groups"][number]) => boolean, c: CountedCell) => {
    const j = shown.findIndex((g) => test(g) && matches(c, g.conditions));
    return j < 0 ? null : j;
  };
  return occupied.map((c) => ({
    department: index((g) => g.conditions.department !== undefined && g.conditions.role === undefined, c),
    role: index((g) => g.conditions.role !== undefined && g.conditions.department === undefined, c),
    cross: index((g) => g.conditions.department !== undefined && g.conditions.role !== undefined, c),
    location: index((g) => g.conditions.location !== undefined, c),
    n: c.n,
  }));
}
