/**
 * Adversary: a manager who reads every published group of a released v3 round and knows who sits
 * in which unit. NEW figures attacked: per group, `reliability[].n` (alpha over respondents who
 * answered every item of the level) and `items` (only items everyone in the group answered).
 *
 * Idea: both are not sums over the plan's groups. `group.n - reliability.n` is the exact number of
 * people in the group who answered "weet niet / n.v.t." on an item of the level, and a missing item
 * is an OR ("someone in this group said n/a"). The audit proves no linear combination of published
 * sums isolates fewer than k — but these counts are non-negative, and the OR is not linear: when the
 * round holds exactly one n/a and it lies in Sales, in management and in gt10, it lies in their
 * intersection, which here is one person (Bob, the only Sales manager). The manager learns that Bob
 * answered "don't know" to "Major decisions by senior management fit where we want to go with our
 * customers" — an answer of one person, from groups of 6 or more.
 * Fixed: an item anyone in the round answered n/a is published in no group, and alpha over those
 * who answered every item is the round's only: neither channel narrows anyone down.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { bobSaysNaRound, type Cell, PEOPLE, type World, world } from "./world.js";

let w: World;
let mgr: Awaited<ReturnType<World["manager"]>>;
let campaignId = "";

beforeAll(async () => {
  w = await world();
  ({ mgr, campaignId } = await bobSaysNaRound(w));
});
afterAll(() => w.t.close());

interface Seen {
  key: string;
  contains: (c: Cell) => boolean;
  n: number;
  naCount: number | null;
  itemShown: boolean;
}

async function readGroup(filter: Record<string, string>): Promise<Seen | null> {
  const q = Object.entries(filter)
    .map(([d, v]) => `filter[${d}]=${encodeURIComponent(v)}`)
    .join("&");
  const r = await mgr.get(`/api/campaigns/${campaignId}/report${q ? `?${q}` : ""}`);
  if (r.status !== 200 || r.body.suppressed) return null;
  const rel = (r.body.reliability as { level: string; n: number }[]).find((x) => x.level === "mission");
  const itemShown = (r.body.items as { name: string }[]).some((x) => x.name === "mission_3");
  const contains = (c: Cell) =>
    (!filter.department || c[0] === filter.department) &&
    (!filter.role || c[1] === filter.role) &&
    (!filter.tenure || c[2] === filter.tenure);
  return { key: JSON.stringify(filter), contains, n: r.body.n, naCount: rel ? r.body.n - rel.n : null, itemShown };
}

describe("n/a answers of one person, from the new per-group figures", () => {
  it("no longer lets the manager pin Bob's 'weet niet / n.v.t.' down to him (it did: counts and hidden items per group)", async () => {
    const filters: Record<string, string>[] = [{}];
    for (const d of ["Sales", "Service", "Legal"]) filters.push({ department: d });
    for (const r of ["frontline", "back_office", "team_lead", "management"]) filters.push({ role: r });
    for (const t of ["lt1", "1to5", "5to10", "gt10"]) filters.push({ tenure: t });
    const seen = (await Promise.all(filters.map(readGroup))).filter((s): s is Seen => s !== null);
    for (const s of seen)
      console.log(
        `group ${s.key}: n=${s.n}, n/a-count (n - reliability.n)=${s.naCount}, mission_3 shown=${s.itemShown}`,
      );
    for (const s of seen) expect(s.n).toBeGreaterThanOrEqual(5);

    // (1) Counts channel: the cells that can hold an n/a are those in no group with count 0; with
    // the round's count 1 the single n/a-er is in every group with count 1.
    const round = seen.find((s) => s.key === "{}")!;
    expect(round.naCount).toBe(1);
    const byCounts = PEOPLE.filter((c) =>
      seen.every((s) => (s.naCount === 0 ? !s.contains(c) : s.naCount === round.naCount ? s.contains(c) : true)),
    );
    // (2) OR channel, without any count: cells in no group that shows mission_3.
    const byHiding = PEOPLE.filter((c) => seen.every((s) => !(s.itemShown && s.contains(c))));
    console.log(
      "cells that can hold the n/a (counts):",
      byCounts.map((c) => c.join("/")),
      "people:",
      byCounts.reduce((a, c) => a + c[3], 0),
    );
    console.log(
      "cells that can hold the n/a (hidden items):",
      byHiding.map((c) => c.join("/")),
      "people:",
      byHiding.reduce((a, c) => a + c[3], 0),
    );
    // Fixed: an item someone in the round answered "n/a" is published in no group, and alpha over
    // those who answered every item is the round's only: neither channel narrows anyone down.
    expect(byCounts).toEqual(PEOPLE);
    expect(byHiding).toEqual(PEOPLE);
    expect(seen.filter((s) => s.key !== "{}").every((s) => s.naCount === null && !s.itemShown)).toBe(true);
  });
});
