/**
 * Adversary: a manager reading the report of a released v3 round (and the consultant's quality page).
 * Idea: the release computes Cronbach's alpha per published group "over respondents who answered
 * every item of the level" and the report shows it with that n. When most of a group answers
 * "weet niet / n.v.t." on one of a level's items, that set is smaller than k — down to 3 — and the
 * report publishes a statistic of those few people inside a group of 20: exactly what docs/diagnosis.md
 * promises never happens ("no figure ever stands for a subset the disclosure plan did not audit").
 * The quality route also gave n (and the reason) when alpha was null: 1 or 2 people.
 * Fixed: alpha over those who answered every item is the round's only, and only from k of them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { cronbachAlpha } from "../../../src/domain/reliability.js";
import { reduceReleased } from "../../../src/services/release.js";
import { backOfficeRound, type World, world } from "./world.js";

let w: World;
let mgr: Awaited<ReturnType<World["manager"]>>;
let campaignId = "";
const SKILLS = ["skills_1", "skills_2", "skills_3", "skills_4", "skills_5"];
// The three staff with customer contact, their five skills answers (skills_5 is reverse-keyed: raw 6 - v).
const CONTACT = [
  [5, 4, 5, 4, 5],
  [2, 1, 2, 2, 1],
  [4, 4, 3, 5, 4],
];

beforeAll(async () => {
  w = await world();
  const { org, round } = await backOfficeRound(w, (answers, i) => {
    if (i < 3) CONTACT[i]!.forEach((v, j) => (answers[SKILLS[j]!] = SKILLS[j] === "skills_5" ? 6 - v : v));
    else answers.skills_2 = "na";
  });
  campaignId = round.id;
  mgr = await w.manager(org, "director@target.test");
  expect((await w.c.post(`/api/campaigns/${round.id}/close`, {})).status).toBe(200);
  await reduceReleased(w.t);
});
afterAll(() => w.t.close());

describe("alpha over those who answered every item", () => {
  it("is not published for 3 people inside a group of 20 (it was)", async () => {
    const r = await mgr.get(`/api/campaigns/${campaignId}/report`);
    expect(r.status).toBe(200);
    const skills = (r.body.reliability as { level: string; n: number; alpha: number }[]).find(
      (x) => x.level === "skills",
    );
    console.log(`report: group n=${r.body.n}, reliability of skills:`, JSON.stringify(skills));
    // The attacker's check that it is a figure of those three alone: alpha from their answers only.
    const items = SKILLS.map((_, j) => ({
      n: 3,
      sum: CONTACT.reduce((a, p) => a + p[j]!, 0),
      sumSq: CONTACT.reduce((a, p) => a + p[j]! ** 2, 0),
    }));
    const means = CONTACT.map((p) => p.reduce((a, b) => a + b, 0) / 5);
    const own = cronbachAlpha(items, {
      n: 3,
      sum: means.reduce((a, b) => a + b, 0),
      sumSq: means.reduce((a, b) => a + b * b, 0),
    });
    console.log("alpha of the three contact staff alone:", own.alpha);
    // Fixed: alpha over those who answered every item is published for the round only, and only
    // when they are at least k; three are not.
    expect(skills).toBeUndefined();
    expect(own.alpha).not.toBeNull();
    const quality = await w.c.get(`/api/campaigns/${campaignId}/quality`);
    const inQuality = quality.body.reliability.find((x: { level: string }) => x.level === "skills");
    expect(inQuality === undefined || inQuality.alpha === null).toBe(true);
    if (inQuality) expect(inQuality.n).not.toBe(3);
  });
});
