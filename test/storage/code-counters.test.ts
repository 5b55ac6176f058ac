/** The round's code counters, kept by triggers, always equal a count of its codes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { issueCodes } from "../../src/services/access-codes.js";
import { codeCounts } from "../../src/storage/access-codes.js";
import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const recount = async (campaignId: string) => {
  const [row] = (
    await t.client.execute({
      sql: "select count(*) as issued, coalesce(sum(used), 0) as used from access_codes where campaign_id = ?",
      args: [campaignId],
    })
  ).rows;
  return { issued: Number(row!.issued), used: Number(row!.used) };
};

describe("code counters", () => {
  it("follow issuing, using (once, a second use changes nothing) and deleting codes", async () => {
    const round = await t.addCampaign({ requireCode: true });
    const other = await t.addCampaign({ requireCode: true });
    const codes = await issueCodes(t.db, round, 7);
    await issueCodes(t.db, other, 3);
    for (const code of codes.slice(0, 3)) {
      expect(
        (
          await postJson(t.app, `/api/s/${round.token}/responses`, {
            submissionId: crypto.randomUUID(),
            accessCode: code,
            answers: validAnswers(t.instrument),
          })
        ).status,
      ).toBe(201);
    }
    expect(
      (
        await postJson(t.app, `/api/s/${round.token}/responses`, {
          submissionId: crypto.randomUUID(),
          accessCode: codes[0],
          answers: validAnswers(t.instrument),
        })
      ).status,
    ).toBe(409);
    expect((await codeCounts(t.db, [round.id])).get(round.id)).toEqual({ issued: 7, used: 3 });
    expect((await codeCounts(t.db, [round.id])).get(round.id)).toEqual(await recount(round.id));
    expect((await codeCounts(t.db, [other.id])).get(other.id)).toEqual(await recount(other.id));
    await t.client.execute({
      sql: "delete from access_codes where campaign_id = ? and code_hash = (select code_hash from access_codes where campaign_id = ? and used = 1 limit 1)",
      args: [round.id, round.id],
    });
    expect((await codeCounts(t.db, [round.id])).get(round.id)).toEqual(await recount(round.id));
    expect(await recount(round.id)).toEqual({ issued: 6, used: 2 });
  });
});
