/**
 * Adversary: a manager reading the round, department and role reports of a released v3 round,
 * who knows who sits in which unit (Bob is the only manager in Sales).
 *
 * Idea: mission_3 offers "n.v.t."; in Sales everyone but Bob answers it "n.v.t.", and a few people
 * elsewhere do too. The release (answered-items.ts) therefore publishes mission_3 over its answerers
 * in the round only ("one n.v.t. in a department keeps the item to the round"): the department part
 * of its answerers would be one person. But the department's LEVEL figures still carry mission_3:
 * the level's favourable and unfavourable counts (favourablePct / unfavourablePct × the number of
 * item answers, which the two percentages pin down) include every mission_3 answer given in Sales,
 * and the other three mission items, which everyone answered, are published in Sales with their own
 * favourable / unfavourable shares. Level count minus the three items' counts = how mission_3 was
 * answered in Sales over its answerers — here Bob alone. The denominator also tells that 11 of
 * Sales's 12 said "n.v.t.", and the management role's denominator (no "n.v.t." there) that Bob
 * answered it: the manager learns that Bob agreed with mission_3 (answered 4 or 5), and that every
 * other Sales colleague said "n.v.t.".
 * Fixed: a group's scale counts are summed from the items it publishes (countsFromPublishedItems):
 * the Sales mission level counts mission_1, _2 and _4 only, so nothing of mission_3 is left over.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BOB, PEOPLE, peopleRound, type World, world } from "./world.js";

let w: World;
let mgr: Awaited<ReturnType<World["manager"]>>;
let campaignId = "";
const BOB_MISSION_3 = 5;

beforeAll(async () => {
  w = await world();
  const org = await w.organisation("Target");
  mgr = await w.manager(org, "director@target.test");
  const round = await peopleRound(w, org, (answers, cell, i, j) => {
    answers.mission_2 = 1 + ((i * 3) % 5);
    if (cell === BOB) answers.mission_3 = BOB_MISSION_3;
    else if (PEOPLE[cell]![0] === "Sales") answers.mission_3 = "na";
    else if (cell === 3 && j < 3)
      answers.mission_3 = "na"; // Service frontline 1to5
    else if (cell === 7 && j < 2) answers.mission_3 = "na"; // Legal back office gt10
  });
  campaignId = round.id;
});
afterAll(() => w.t.close());

const r1 = (x: number) => Math.round(x * 10) / 10;
/** Integer counts c of m that the percentage p (one decimal) can stand for. */
const countsFor = (p: number, m: number) => [...Array(m + 1).keys()].filter((c) => r1((c / m) * 100) === p);

interface Level {
  id: string;
  n: number;
  favourablePct: number;
  unfavourablePct: number;
}
interface Item {
  name: string;
  n: number;
  favourablePct: number;
  unfavourablePct: number;
}

async function report(filter: Record<string, string>) {
  const q = Object.entries(filter)
    .map(([d, v]) => `filter[${d}]=${encodeURIComponent(v)}`)
    .join("&");
  const r = await mgr.get(`/api/campaigns/${campaignId}/report${q ? `?${q}` : ""}`);
  expect(r.status).toBe(200);
  expect(r.body.suppressed).toBe(false);
  return r.body as { n: number; levels: Level[]; items: Item[] };
}

/** The level's item answers m, favourable F and unfavourable U, solved from its two percentages. */
function levelCounts(level: Level, perPerson: number) {
  const found: { m: number; F: number; U: number }[] = [];
  for (let m = level.n * perPerson; m >= Math.ceil((level.n * perPerson) / 2); m--) {
    const F = countsFor(level.favourablePct, m);
    const U = countsFor(level.unfavourablePct, m);
    if (F.length === 1 && U.length === 1) found.push({ m, F: F[0]!, U: U[0]! });
  }
  return found;
}

describe("an item published in the round only, read back from a department's level figures", () => {
  it("no longer gives the manager Bob's answer class on mission_3 (nor that his Sales colleagues said n.v.t.)", async () => {
    const round = await report({});
    const m3 = round.items.find((i) => i.name === "mission_3");
    console.log("round: mission_3 published over", m3?.n, "of", round.n);
    expect(m3 && m3.n < round.n).toBe(true); // the new feature: published over its answerers, round only

    const sales = await report({ department: "Sales" });
    expect(sales.items.some((i) => i.name === "mission_3")).toBe(false); // not in the department
    const level = sales.levels.find((l) => l.id === "mission")!;
    const others = sales.items.filter((i) => ["mission_1", "mission_2", "mission_4"].includes(i.name));
    expect(others).toHaveLength(3);
    const otherF = others.reduce((a, i) => a + Math.round((i.favourablePct * i.n) / 100), 0);
    const otherU = others.reduce((a, i) => a + Math.round((i.unfavourablePct * i.n) / 100), 0);
    // The level's counts are exactly its three published items': 3n answers, nothing of mission_3.
    const candidates = levelCounts(level, 4).filter((c) => c.m >= sales.n * 3);
    expect(candidates).toContainEqual({ m: 3 * sales.n, F: otherF, U: otherU });
    expect(level.favourablePct).toBe(r1((otherF / (3 * sales.n)) * 100));
    expect(level.unfavourablePct).toBe(r1((otherU / (3 * sales.n)) * 100));
    // And the management role, which holds no n.v.t., reads the same way: three items per person.
    const mgmt = await report({ role: "management" });
    const mLevel = mgmt.levels.find((l) => l.id === "mission")!;
    expect(levelCounts(mLevel, 4).map((c) => c.m)).toContain(mgmt.n * 3);
  });
});
