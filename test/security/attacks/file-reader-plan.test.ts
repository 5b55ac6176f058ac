/**
 * Adversary: someone who reads the database file after a release (a backup, a host admin).
 * Idea: the README promises the file holds "of released rounds only what the plan publishes, the
 * round's totals and comments with their department at most", and release_groups holds only groups
 * of k or more. But the release row also stores the whole disclosure plan as JSON — look for
 * figures of groups the plan hides (their respondent counts), i.e. who sits in the tiny cells.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { reduceReleased } from "../../../src/services/release.js";
import { type World, world } from "./world.js";

let w: World;
let campaignId = "";
const PEOPLE: [string, string, string, number][] = [
  ["Sales", "frontline", "lt1", 6],
  ["Sales", "frontline", "1to5", 5],
  ["Sales", "back_office", "1to5", 3],
  ["Service", "frontline", "lt1", 7],
  ["Service", "back_office", "gt10", 6],
  ["Legal", "management", "gt10", 1],
];

beforeAll(async () => {
  w = await world();
  const org = await w.organisation("Target");
  const round = await w.campaign(org, { requireCode: true });
  campaignId = round.id;
  const codes = await w.codes(round.id, 28);
  let i = 0;
  for (const [department, role, tenure, n] of PEOPLE)
    for (let j = 0; j < n; j++)
      expect(await w.submit(round.token, w.answers(1 + (i % 5), { department, role, tenure }), codes[i++])).toBe(201);
  expect((await w.c.post(`/api/campaigns/${round.id}/close`, {})).status).toBe(200);
  await reduceReleased(w.t);
});
afterAll(() => w.t.close());

describe("the database file after a release", () => {
  it("holds no count of a hidden group (no cell of fewer than k)", async () => {
    const row = (
      await w.t.client.execute({ sql: "select plan, totals from releases where campaign_id = ?", args: [campaignId] })
    ).rows[0]!;
    const plan = JSON.parse(String(row.plan));
    const hidden = (plan.groups as { key: string; n: number; shown: boolean }[]).filter(
      (g) => !g.shown && typeof g.n === "number" && g.n > 0 && g.n < 5,
    );
    console.log(
      "hidden groups with their counts in releases.plan:",
      hidden.map((g) => `${g.key}: n=${g.n}`),
    );
    expect(hidden.map((g) => `${g.key}: n=${g.n}`)).toEqual([]);
  });
});
