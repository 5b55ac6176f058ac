/**
 * Adversary: a manager who reads the round and every department / role / tenure report of a
 * released v3 round and knows who sits in which unit; and someone reading the database file.
 *
 * Idea: a level's favourablePct and unfavourablePct are favourable and unfavourable answers divided
 * by the number of ITEM ANSWERS in the level (ScaleSums.items), not by n × items. Someone who
 * answered "n.v.t." to one item of the level lowers that denominator by one. Both percentages are
 * published to one decimal, so the manager solves for the denominator in every group: it gives the
 * exact count of "n.v.t." answers per published group — a count the product says it never shows for
 * an item that is not published. With one "n.v.t." in the round, the groups whose count is 1 are
 * Sales, management and gt10, whose only common member is Bob. The file reader reads the same count
 * directly from `release_groups.stats.scales.<level>.items`.
 * Fixed: a release sums each scale's counts from the items it publishes in the group
 * (countsFromPublishedItems): mission_3 is published nowhere, so every group counts three mission
 * answers per person and the denominator is the same function of n everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BOB, bobSaysNaRound, type Cell, inGroup, PEOPLE, storedGroups, type World, world } from "./world.js";

let w: World;
let mgr: Awaited<ReturnType<World["manager"]>>;
let campaignId = "";
const MISSION_ITEMS = 4; // v3: mission_1..mission_4 (public instrument)

beforeAll(async () => {
  w = await world();
  ({ mgr, campaignId } = await bobSaysNaRound(w));
});
afterAll(() => w.t.close());

const r1 = (x: number) => Math.round(x * 10) / 10;
/** Denominators m (item answers) consistent with both published percentages. */
function denominators(n: number, fav: number, unfav: number, perPerson: number): number[] {
  const out: number[] = [];
  for (let m = Math.ceil((n * perPerson) / 2); m <= n * perPerson; m++) {
    const okF = [...Array(m + 1).keys()].some((f) => r1((f / m) * 100) === fav);
    const okU = [...Array(m + 1).keys()].some((u) => r1((u / m) * 100) === unfav);
    if (okF && okU) out.push(m);
  }
  return out;
}

const FILTERS: Record<string, string>[] = [
  {},
  ...["Sales", "Service", "Legal"].map((department) => ({ department })),
  ...["frontline", "back_office", "team_lead", "management"].map((role) => ({ role })),
  ...["lt1", "1to5", "5to10", "gt10"].map((tenure) => ({ tenure })),
];

describe("n.v.t. counts per group from a level's favourable / unfavourable percentages", () => {
  it("no longer lets the manager pin Bob's 'n.v.t.' on a mission item from the dashboard", async () => {
    const naCount = new Map<string, number>();
    for (const f of FILTERS) {
      const q = Object.entries(f)
        .map(([d, v]) => `filter[${d}]=${encodeURIComponent(v)}`)
        .join("&");
      const r = await mgr.get(`/api/campaigns/${campaignId}/report${q ? `?${q}` : ""}`);
      if (r.status !== 200 || r.body.suppressed) continue;
      const level = (r.body.levels as { id: string; n: number; favourablePct: number; unfavourablePct: number }[]).find(
        (l) => l.id === "mission",
      )!;
      const m = denominators(level.n, level.favourablePct, level.unfavourablePct, MISSION_ITEMS);
      // The attacker's reading: the one denominator within three of n × items, when there is one.
      const near = m.filter((x) => x >= level.n * MISSION_ITEMS - 3);
      if (near.length === 1) naCount.set(JSON.stringify(f), level.n * MISSION_ITEMS - near[0]!);
      // The truth now: three answers per person, whatever anyone answered to mission_3.
      expect(m, JSON.stringify(f)).toContain(level.n * (MISSION_ITEMS - 1));
    }
    const suspects = PEOPLE.filter((c: Cell) =>
      [...naCount].every(([key, count]) => {
        const inside = inGroup(c, JSON.parse(key));
        return count === 0 ? !inside : count === 1 ? inside : true;
      }),
    );
    expect(suspects).not.toEqual([PEOPLE[BOB]]);
  });

  it("no longer lets the database file reader read the counts from release_groups.stats.scales.mission.items", async () => {
    const groups = await storedGroups(w, campaignId);
    expect(groups.length).toBeGreaterThan(5);
    // Three published mission items, answered by everyone in each group: nothing marks Bob's group.
    for (const g of groups) expect(g.stats.scales.mission.items).toBe(g.n * (MISSION_ITEMS - 1));
  });
});
