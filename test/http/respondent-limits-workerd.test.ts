/**
 * The open-link limit on the deployed worker under workerd: the worker reads its var
 * RESPONDENT_SUBMISSIONS_PER_HOUR and tells clients apart by cf-connecting-ip. (The rules
 * themselves are tested through the Node app in respondent-limits.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { campaignDefaults } from "../../src/domain/campaign.js";
import { createInstrumentRegistry, DEFAULT_INSTRUMENT_ID } from "../../src/instruments/registry.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { countResponses } from "../../src/storage/responses.js";
import { validAnswers } from "../helpers/test-app.js";
import { startWorkerd, type WorkerdTarget } from "../helpers/workerd.js";

const instrument = createInstrumentRegistry().latest(DEFAULT_INSTRUMENT_ID)!;
let target: WorkerdTarget;

beforeAll(async () => {
  target = await startWorkerd({ RESPONDENT_SUBMISSIONS_PER_HOUR: "2" });
}, 60_000);
afterAll(() => target?.close());

describe("the worker", () => {
  it("takes the configured number of submissions per client and round an hour, and refuses the next with 429", async () => {
    const organisation = await createOrganisation(target.db, "Worker limits");
    const campaign = await createCampaign(target.db, {
      ...campaignDefaults(instrument, ["Sales"]),
      organisationId: organisation.id,
      title: "Open link",
    });
    // Miniflare keeps a cf-connecting-ip the request already has, as Cloudflare's edge sets it.
    const submit = (address: string, submissionId: string = crypto.randomUUID()) =>
      target.request(`/api/s/${campaign.token}/responses`, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": address },
        body: JSON.stringify({ submissionId, answers: { ...validAnswers(instrument), department: "Sales" } }),
      });
    const first = crypto.randomUUID();
    expect((await submit("203.0.113.41", first)).status).toBe(201);
    expect((await submit("203.0.113.41")).status).toBe(201);
    const refused = await submit("203.0.113.41");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3590);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(3600);
    expect((await refused.json()).error.code).toBe("too_many_requests");
    expect(await countResponses(target.db, campaign.id)).toBe(2);
    // A stored retry keeps its 201; another client has its own budget.
    expect((await submit("203.0.113.41", first)).status).toBe(201);
    expect((await submit("198.51.100.23")).status).toBe(201);
    expect(await countResponses(target.db, campaign.id)).toBe(3);
  });
});
