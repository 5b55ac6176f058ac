/**
 * Adversary: a database-file reader who knows who sits in which unit (or a manager with the file).
 * NEW figure attacked: `grids` — per published group, a histogram of respondents' level means.
 *
 * Found by an attacker's review (it did: the stored grids pinned Bob's four mission answers); fixed by
 * keeping grids in memory only while a release folds. Kept as a regression test.
 *
 * Idea: the audit (disclosure-audit.ts) proves no LINEAR combination of published sums isolates fewer
 * than k. Histogram counts are also non-negative: a grid point held by exactly one person in the round
 * and by one person in each of Sales, management and gt10 is held by someone in their intersection —
 * here one person, Bob, the only Sales manager (a cell the plan hides). Bob's mission mean is 5.0, the
 * top of the grid: every one of his four mission answers is 5. The item distributions (the baseline)
 * do NOT give this: every 5 on a mission item is shared by several people, and their Fréchet bound for
 * the intersection is 0 for every item.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BOB, type Cell, inGroup, parseKey, PEOPLE, peopleRound, storedGroups, type World, world } from "./world.js";

let w: World;
let campaignId = "";

beforeAll(async () => {
  w = await world();
  // Everyone: one rating for all items (mission_4 is reverse-keyed, so nobody else scores 5 on all four).
  // Bob: 5 5 5 and raw 1 on the reverse-keyed mission_4 = scored 5 on all four.
  const round = await peopleRound(w, await w.organisation("Target"), (answers, cell) => {
    if (cell === BOB) Object.assign(answers, { mission_1: 5, mission_2: 5, mission_3: 5, mission_4: 1 });
  });
  campaignId = round.id;
});
afterAll(() => w.t.close());

/** Cells that can hold someone with a value: in no group that counts 0 of it, in every group that counts all the round's. */
function holders(counts: { key: string; count: number }[]): Cell[] {
  const all = counts.find((s) => s.key === "")!.count;
  return PEOPLE.filter((c) =>
    counts.every((s) =>
      s.count === 0 ? !inGroup(c, parseKey(s.key)) : s.count === all ? inGroup(c, parseKey(s.key)) : true,
    ),
  );
}

describe("file reader: histograms of level means, intersected across groups", () => {
  it("are not stored, so they cannot give one person's level mean, which item distributions did not", async () => {
    const rows = await storedGroups(w, campaignId);
    for (const r of rows) expect(r.n).toBeGreaterThanOrEqual(5);
    const round = rows.find((r) => r.key === "")!;
    // Fixed: no group stores its grid of level means — only whether a level splits into camps.
    for (const r of rows) {
      expect(r.stats.grids, r.key).toBeUndefined();
      expect(r.stats.itemPairs, r.key).toBeUndefined();
    }
    const totals = await w.t.client.execute({
      sql: "select totals from releases where campaign_id = ?",
      args: [campaignId],
    });
    const kept = JSON.parse(String(totals.rows[0]!.totals));
    expect([kept.grids, kept.itemPairs]).toEqual([undefined, undefined]);

    // Baseline: item distributions (stored and shown in the API) for Bob's four scored answers (5).
    for (const item of ["mission_1", "mission_2", "mission_3", "mission_4"]) {
      const roundCount = round.stats.items[item][4] as number;
      const cand = holders(rows.map((r) => ({ key: r.key, count: r.stats.items[item][4] as number })));
      // Fréchet: Sales ∩ management ∩ gt10 hold at least S + M + G − 2·round of those answers.
      const c = (k: string) => rows.find((r) => r.key === k)!.stats.items[item][4] as number;
      const frechet = c("department=Sales") + c("role=management") + c("tenure=gt10") - 2 * roundCount;
      console.log(
        `${item}: ${roundCount} scored 5 in the round; Fréchet lower bound for Bob's cell ${frechet}; cells that may hold one: ${cand.length}, people in them: ${cand.reduce((a, x) => a + x[3], 0)}`,
      );
      expect(frechet).toBeLessThanOrEqual(0);
      expect(roundCount).toBeGreaterThan(1);
      expect(cand.reduce((a, x) => a + x[3], 0)).toBeGreaterThanOrEqual(5);
    }
  });
});
