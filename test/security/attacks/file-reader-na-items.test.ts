/**
 * Adversary: someone who reads the database file after a release (a backup, a host admin).
 * Idea: the report shows an item only when everyone in the group answered it, but that filter runs
 * when a group is READ (report.ts groupOf). The release writes every published group's stats — and
 * the round's totals — with all item distributions (release.ts publishedStats / mergeStats), so
 * an item most of a group answered "weet niet / n.v.t." is stored as the distribution of the few
 * who did answer it. In a department of 10 where only Vera has customer contact, the file holds
 * her answer to skills_2 under department=Finance, and again in the round's totals.
 * Fixed: a release stores only what every respondent of the round answered (answeredByAll).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { truncateLog } from "../../../src/node/open-database.js";
import { reduceReleased } from "../../../src/services/release.js";
import { backOfficeRound, type World, world } from "./world.js";

let w: World;
let campaignId = "";

beforeAll(async () => {
  w = await world();
  // Finance: only Vera (i = 3) answers skills_2 (with 5); HR answers it in full.
  const { round } = await backOfficeRound(w, (answers, i) => {
    if (i < 10) answers.skills_2 = i === 3 ? 5 : "na";
  });
  campaignId = round.id;
  expect((await w.c.post(`/api/campaigns/${round.id}/close`, {})).status).toBe(200);
  await reduceReleased(w.t);
  await truncateLog(w.t.client);
});
afterAll(() => w.t.close());

describe("the database file after a release of a v3 round with 'n.v.t.'", () => {
  it("stores no item distribution of fewer than the group (it did: those who did not say n/a)", async () => {
    expect(
      (
        await w.t.client.execute({
          sql: "select count(*) as c from responses where campaign_id = ?",
          args: [campaignId],
        })
      ).rows[0]!.c,
    ).toBe(0);
    const small: string[] = [];
    const groups = await w.t.client.execute({
      sql: "select key, n, stats from release_groups g join releases r on r.id = g.release_id where r.campaign_id = ?",
      args: [campaignId],
    });
    for (const row of groups.rows) {
      const stats = JSON.parse(String(row.stats));
      for (const [item, counts] of Object.entries(stats.items as Record<string, number[]>)) {
        const answered = counts.reduce((a, b) => a + b, 0);
        if (answered > 0 && answered < 5)
          small.push(
            `release_groups ${row.key} (n=${row.n}): ${item} answered by ${answered}: ${JSON.stringify(counts)}`,
          );
      }
    }
    const totals = JSON.parse(
      String(
        (await w.t.client.execute({ sql: "select totals from releases where campaign_id = ?", args: [campaignId] }))
          .rows[0]!.totals,
      ),
    );
    const hr = groups.rows.find((r) => String(r.key).includes("HR"));
    if (hr && totals.items.skills_2) {
      const hrCounts = JSON.parse(String(hr.stats)).items.skills_2 as number[];
      const rest = (totals.items.skills_2 as number[]).map((c, i) => c - hrCounts[i]!);
      small.push(
        `releases.totals (n=${totals.n}) skills_2 ${JSON.stringify(totals.items.skills_2)} minus HR's published ${JSON.stringify(hrCounts)} = ${JSON.stringify(rest)}`,
      );
    }
    console.log("LEARNED from the file:\n" + small.join("\n"));
    // Fixed: an item someone answered "n/a" is stored in no group and not in the totals.
    expect(small).toEqual([]);
    expect(totals.items.skills_2).toBeUndefined();
    for (const row of groups.rows) expect(JSON.parse(String(row.stats)).items.skills_2).toBeUndefined();
  });
});
