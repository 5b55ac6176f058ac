/**
 * Adversary (a): a database-file reader who knows who sits where. NO instrument design needed: the
 * SHIPPED instrument v4 offers "n.v.t." on skills_2 and skills_4, so one colleague with no customer
 * contact who answers n.v.t. to both leaves skills_1 and skills_3 as the level's only published items.
 * Found by an attacker's second pass: each published group stored partialAlpha.skills over exactly
 * two items, full precision (fixed: only whether it passes the gate is stored). The arithmetic was:
 *   alpha = 2·(1 − (v1+v3)/(v1+v3+2c))  ⇒  c  ⇒  Σ s1·s3 = c·(n−1) + Σs1·Σs3/n.
 * Bob (the only Sales manager, only gt10 in Sales ∩ management) is the one person who answered
 * skills_1 = 1, everyone else 5 (the "questions as identifiers" case of DOMAIN.md §4):
 *   bob_s3 = (5·Σ s3 − Σ s1·s3) / 4.
 * Also checks the baseline: Bob's skills_3 value is shared by others, so items alone do not give it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { validAnswers } from "../../helpers/test-app.js";
import { BOB, peopleRound, storedGroups, type World, world } from "./world.js";

const NA_CELL = 4; // a Service back-office colleague without customer contact
const BOB_SKILLS_3 = 3;

let w: World;
let campaignId = "";
let mgr: Awaited<ReturnType<World["manager"]>>;

beforeAll(async () => {
  w = await world();
  const v4 = w.t.instruments.get("customer-centricity", 4)!;
  expect(v4).toBeDefined();
  const org = await w.organisation("Target");
  mgr = await w.manager(org, "director@target.test");
  const round = await peopleRound(
    w,
    org,
    (answers, cell, i, j) => {
      Object.assign(answers, { skills_1: 5, skills_3: 1 + ((i * 3 + j) % 5) });
      if (cell === BOB) Object.assign(answers, { skills_1: 1, skills_3: BOB_SKILLS_3 });
      if (cell === NA_CELL && j === 0) Object.assign(answers, { skills_2: "na", skills_4: "na" });
    },
    { round: { instrument: { id: "customer-centricity", version: 4 } }, rated: (rating) => validAnswers(v4, rating) },
  );
  campaignId = round.id;
});
afterAll(() => w.t.close());

describe("file reader, shipped instrument v4: partialAlpha.skills over two published items", () => {
  it("no longer gives Bob's skills_3 answer from the groups that hold him: only the gate's outcome is stored", async () => {
    const rows = await storedGroups(w, campaignId);
    for (const r of rows) expect(r.n).toBeGreaterThanOrEqual(5);
    const round = rows.find((r) => r.key === "")!;
    expect(round.stats.items.skills_2).toBeUndefined();
    expect(round.stats.items.skills_4).toBeUndefined();
    const withIt = rows.filter((r) => r.stats.items.skills_1?.[0] === 1).map((r) => r.key);
    console.log("groups holding the one '1' on skills_1:", withIt);
    expect(withIt.length).toBeGreaterThan(1);
    // Fixed: a group stores whether alpha of the published items passes the gate, never its value,
    // so the product sum it would give (and Bob's skills_3 with it) cannot be worked back.
    for (const r of rows) {
      expect(r.stats.partialAlpha, r.key).toBeUndefined();
      expect(typeof r.stats.partialReliable?.skills, r.key).toBe("boolean");
    }
  });

  it("(b) the manager's report carries only the `reliable` bit", async () => {
    const rows = (
      await w.t.client.execute({
        sql: "select key, stats from release_groups g join releases r on r.id = g.release_id where r.campaign_id = ? and key = 'department=Sales'",
        args: [campaignId],
      })
    ).rows;
    expect(JSON.parse(String(rows[0]!.stats)).partialReliable.skills).toEqual(expect.any(Boolean));
    const r = await mgr.get(`/api/campaigns/${campaignId}/report?filter[department]=Sales`);
    expect(r.status).toBe(200);
    const text = JSON.stringify(r.body);
    const rel = (r.body.reliability as { level: string }[]).map((x) => x.level);
    expect(rel).not.toContain("skills");
    expect(text).not.toContain("partialReliable");
  });
});
