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

import { truncateLog } from "../../../src/node/open-database.js";
import { reduceReleased } from "../../../src/services/release.js";
import { type World, world } from "./world.js";

type Cell = [department: string, role: string, tenure: string, n: number];
const PEOPLE: Cell[] = [
  ["Sales", "frontline", "lt1", 6],
  ["Sales", "frontline", "1to5", 5],
  ["Sales", "management", "gt10", 1], // Bob
  ["Service", "frontline", "1to5", 6],
  ["Service", "back_office", "lt1", 6],
  ["Service", "management", "1to5", 2],
  ["Service", "management", "lt1", 1],
  ["Legal", "back_office", "gt10", 5],
  ["Legal", "management", "lt1", 2],
];
const BOB = 2;
// Bob's scored answers (mission_4 is reverse-keyed: raw 2 = scored 4).
const BOB_SCORED = { mission_1: 1, mission_2: 2, mission_3: 3, mission_4: 4 };

let w: World;
let campaignId = "";

beforeAll(async () => {
  w = await world();
  const org = await w.organisation("Target");
  const round = await w.campaign(org, { requireCode: true });
  campaignId = round.id;
  const total = PEOPLE.reduce((a, c) => a + c[3], 0);
  const codes = await w.codes(round.id, total);
  let i = 0;
  for (const [ci, [department, role, tenure, n]] of PEOPLE.entries()) {
    for (let j = 0; j < n; j++) {
      const answers = w.answers(1 + ((i * 7 + j * 3) % 5), { department, role, tenure, mission_1: 5 });
      if (ci === BOB) Object.assign(answers, { mission_1: 1, mission_2: 2, mission_3: 3, mission_4: 2 });
      expect(await w.submit(round.token, answers, codes[i++])).toBe(201);
    }
  }
  expect((await w.c.post(`/api/campaigns/${round.id}/close`, {})).status).toBe(200);
  await reduceReleased(w.t);
  await truncateLog(w.t.client);
});
afterAll(() => w.t.close());

describe("file reader: products of two items of a level, per group", () => {
  it("are not stored, so they cannot give the mission profile of the one person who stands apart on one item", async () => {
    const rows = (
      await w.t.client.execute({
        sql: "select key, n, stats from release_groups g join releases r on r.id = g.release_id where r.campaign_id = ?",
        args: [campaignId],
      })
    ).rows.map((r) => ({ key: String(r.key), n: Number(r.n), stats: JSON.parse(String(r.stats)) }));
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
