/**
 * Adversary: someone who reads the database file after a release (backup, host admin).
 * NEW figure attacked: `grids` per published group (release.ts addScore / gridIndex).
 *
 * Found by an attacker's review (it did: the residual pinned Bob's n/a); fixed by keeping grids in
 * memory only while a release folds. Kept as a regression test.
 *
 * Idea: a level's grid has steps of 1/J, J = ALL the level's items (levelLayout). Someone who answered
 * "n.v.t." to one of them has a level mean over J−1 items, which in general is not on that grid and is
 * rounded (split-test.ts gridIndex). The same group's `scales[level].sum` keeps the exact Σ of level
 * means. So per group, residual = scales.sum − Σ_g grid[g]·(1 + g/J) is 0 when nobody in the group said
 * n/a and ≠ 0 when someone did: the per-group "n/a count/OR" channel that na-pinpoint.test.ts closed is
 * back, through the grids. Intersecting the groups with residual ≠ 0 pins Bob (the only Sales manager).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BOB, peopleRound, type World, world } from "./world.js";

let w: World;
let campaignId = "";

beforeAll(async () => {
  w = await world();
  const round = await peopleRound(w, await w.organisation("Target"), (answers, cell, i) => {
    answers.mission_2 = 1 + ((i * 3) % 5);
    if (cell === BOB) Object.assign(answers, { mission_1: 1, mission_2: 2, mission_3: "na", mission_4: 4 });
  });
  campaignId = round.id;
});
afterAll(() => w.t.close());

describe("file reader: a level's grid against its exact sum, per group", () => {
  it("cannot tell which published groups hold an n/a answer: no grid is stored to hold a rounding residual", async () => {
    const rows = (
      await w.t.client.execute({
        sql: "select key, n, stats from release_groups g join releases r on r.id = g.release_id where r.campaign_id = ?",
        args: [campaignId],
      })
    ).rows;
    // Fixed: no grid is stored, so no residual against the exact sum can be formed.
    for (const row of rows) {
      const stats = JSON.parse(String(row.stats));
      expect(stats.grids, String(row.key)).toBeUndefined();
      expect(stats.items.mission_3, String(row.key)).toBeUndefined(); // the old channel stays closed
      expect(Number(row.n)).toBeGreaterThanOrEqual(5);
    }
  });
});
