/** A round pinned to instrument v4: the respondent API takes a full v4 answer set and refuses what v4 does not offer. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Campaign } from "../../src/domain/campaign.js";
import { campaignDefaults } from "../../src/domain/campaign.js";
import { DONT_KNOW, NOT_APPLICABLE } from "../../src/domain/scoring.js";
import type { Instrument } from "../../src/instruments/instrument.js";
import { countResponses } from "../../src/storage/responses.js";
import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let v4: Instrument;
let campaign: Campaign;
const submit = (answers: Record<string, unknown>) =>
  postJson(t.app, `/api/s/${campaign.token}/responses`, { submissionId: crypto.randomUUID(), answers });

beforeAll(async () => {
  t = await createTestApp();
  v4 = t.instruments.get("customer-centricity", 4)!;
  campaign = await t.addCampaign(campaignDefaults(v4, ["Sales", "Service"]));
});
afterAll(() => t.close());

describe("a round pinned to instrument v4", () => {
  it("serves v4 and stores a full answer set with 'don't know' and 'n/a' where offered", async () => {
    const served = await (await t.app.request(`/api/s/${campaign.token}`)).json();
    expect(served.instrument.instrumentVersion).toBe(4);
    const answers = validAnswers(v4);
    for (const item of v4.key.items) {
      if (item.dk) answers[item.name] = DONT_KNOW;
      else if (item.na) answers[item.name] = NOT_APPLICABLE;
    }
    expect((await submit(answers)).status).toBe(201);
    expect(await countResponses(t.db, campaign.id)).toBe(1);
  });

  it.each([
    ["a rating out of range", { mission_2: 6 }, "answers.mission_2"],
    ["'don't know' where only 'n/a' is offered", { skills_2: DONT_KNOW }, "answers.skills_2"],
    ["'n/a' where it is not offered", { values_call_probe: NOT_APPLICABLE }, "answers.values_call_probe"],
    ["an unknown value", { context_3: "weet niet" }, "answers.context_3"],
    ["an unknown decision factor", { decision_factors: ["policy", "gut_feeling"] }, "answers.decision_factors.1"],
  ])("refuses %s with a 400 and stores nothing", async (_, change, path) => {
    const before = await countResponses(t.db, campaign.id);
    const res = await submit({ ...validAnswers(v4), ...change });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_answers");
    expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await countResponses(t.db, campaign.id)).toBe(before);
  });
});
