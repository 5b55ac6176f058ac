/**
 * Someone who later reads the database files, of a round with more codes than its release's own
 * write deletes (5,000): its codes stay until the sweep after the release, which deletes them a page
 * at a time and keeps the round's counts of codes issued and used.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Campaign } from "../../src/domain/campaign.js";
import { issueCodes } from "../../src/services/access-codes.js";
import { reduceReleased, release } from "../../src/services/release.js";
import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let coded: Campaign;
const ISSUED = 5001;

beforeAll(async () => {
  t = await createTestApp();
  coded = await t.addCampaign({ requireCode: true });
  const codes = await issueCodes(t.db, coded, ISSUED);
  const answered = await postJson(t.app, `/api/s/${coded.token}/responses`, {
    submissionId: crypto.randomUUID(),
    accessCode: codes[0],
    answers: validAnswers(t.instrument),
  });
  expect(answered.status).toBe(201);
  await release(t, { ...coded, status: "closed" }, t.clock.now);
});
afterAll(() => t.close());

const count = async (sql: string) => Number((await t.client.execute({ sql, args: [coded.id] })).rows[0]!.n);
const codesLeft = () => count("select count(*) as n from access_codes where campaign_id = ?");
const counts = async () =>
  (await t.client.execute({ sql: "select codes_issued, codes_used from campaigns where id = ?", args: [coded.id] }))
    .rows[0]!;

describe("a released round of more than 5,000 codes", () => {
  it("keeps its codes after the release's own write, and loses them all at the sweep with its counts kept", async () => {
    expect(await codesLeft()).toBe(ISSUED);
    await reduceReleased(t);
    expect(await codesLeft()).toBe(0);
    const after = await counts();
    expect([Number(after.codes_issued), Number(after.codes_used)]).toEqual([ISSUED, 1]);
  });
});
