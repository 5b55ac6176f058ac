/**
 * A released round below k publishes nothing (its plan hides the round), so its release keeps no
 * figure in the file either — not even the round's totals, which for one respondent would be every
 * answer of that person.
 */
import { afterAll, beforeAll, expect, it } from "vitest";

import type { Campaign } from "../../src/domain/campaign.js";
import { reduceReleased, release } from "../../src/services/release.js";
import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let lone: Campaign;

beforeAll(async () => {
  t = await createTestApp();
  lone = await t.addCampaign();
  const body = {
    submissionId: crypto.randomUUID(),
    answers: { ...validAnswers(t.instrument, 2), department: "Sales", role: "management", tenure: "lt1" },
  };
  expect((await postJson(t.app, `/api/s/${lone.token}/responses`, body)).status).toBe(201);
  const made = await release(t, { ...lone, status: "closed" }, t.clock.now);
  expect(made.plan.groups[0]!.shown).toBe(false); // the plan publishes nothing of this round
  await reduceReleased(t);
});
afterAll(() => t.close());

it("a file reader finds no figure of a released round the plan does not publish", async () => {
  const [row] = (await t.client.execute({ sql: "select totals from releases where campaign_id = ?", args: [lone.id] }))
    .rows;
  const totals = JSON.parse(String(row!.totals)) as { n: number; items: Record<string, number[]> };
  // The lone respondent's answer to every scored item, readable from the file.
  expect(Object.keys(totals.items)).toEqual([]);
  expect(totals.n).toBe(1);
  expect(JSON.stringify(totals)).not.toMatch(/"sum"|"chosen"/);
});
