/**
 * Adversary: someone who reads the database file (or a manager who has it), knowing who sits where.
 * NEW figure attacked: `itemPairs` — per published group, Σ a·b over respondents for two items of a level.
 *
 * Idea ("questions as identifiers", DOMAIN.md §4): an item on which one person stands apart turns every
 * joint figure with it into that person's answers. Here everyone but Bob agrees fully (5) with
 * mission_1; Bob gives 1. The item distributions already say someone answered 1, and by their zero/one
 * counts per group that it is Bob (Sales ∩ management ∩ gt10 = one person) — the baseline. They do NOT
 * give Bob's other mission answers: those values are shared by many. `itemPairs` does:
 *   Σ m1·mj = 5·(Σ mj − bob_j) + 1·bob_j   ⇒   bob_j = (5·Σ mj − Σ m1·mj) / 4,
 * with Σ mj from the group's own item distribution. No joint figure checks that its variables are
 * spread over k people (release.ts addScore / keepAnsweredByAll keep every pair of published items).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BOB, peopleRound, storedGroups, type World, world } from "./world.js";

// Bob's scored answers (mission_4 is reverse-keyed: raw 2 = scored 4).
const BOB_SCORED = { mission_1: 1, mission_2: 2, mission_3: 3, mission_4: 4 };

let w: World;
let campaignId = "";

beforeAll(async () => {
  w = await world();
  const round = await peopleRound(w, await w.organisation("Target"), (answers, cell) => {
    answers.mission_1 = 5;
    if (cell === BOB) Object.assign(answers, { mission_1: 1, mission_2: 2, mission_3: 3, mission_4: 2 });
  });
  campaignId = round.id;
});
afterAll(() => w.t.close());

describe("file reader: products of two items of a level, per group", () => {
  it("are not stored, so they cannot give the mission profile of the one person who stands apart on one item", async () => {
    const rows = await storedGroups(w, campaignId);
    for (const r of rows) expect(r.n).toBeGreaterThanOrEqual(5);
    const round = rows.find((r) => r.key === "")!;
    // Baseline: the round's mission_1 distribution shows exactly one "1", the rest "5".
    console.log("round mission_1 distribution:", JSON.stringify(round.stats.items.mission_1));
    expect(round.stats.items.mission_1).toEqual([1, 0, 0, 0, 33]);
    // Fixed: no group stores the products of two items; the alpha derived from them is all that is kept.
    for (const r of rows) expect(r.stats.itemPairs, r.key).toBeUndefined();
    // Who: the one "1" on mission_1 lies in exactly the groups Sales, management, gt10 (counts of 1).
    const withIt = rows.filter((r) => r.stats.items.mission_1[0] === 1).map((r) => r.key);
    console.log("groups holding the one '1' on mission_1:", withIt);
    expect(withIt.sort()).toEqual(["", "department=Sales", "role=management", "tenure=gt10"].sort());
    // Baseline check: Bob's other answers are shared by many in the round (items alone cannot give them).
    for (const b of ["mission_2", "mission_3", "mission_4"])
      expect((round.stats.items[b] as number[])[BOB_SCORED[b as keyof typeof BOB_SCORED] - 1]).toBeGreaterThan(1);
  });
});
