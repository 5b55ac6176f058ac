/**
 * A round requires single-use codes from its first response on or not at all: switching an open
 * link to codes after it took responses is refused, since those responses could never be vouched for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  type Campaign,
  campaignDefaults,
  codeRequirementFixed,
  publishesBreakdowns,
} from "../../src/domain/campaign.js";
import { hashPassword } from "../../src/lib/password.js";
import { issueCodes } from "../../src/services/access-codes.js";
import { insertCodes } from "../../src/storage/access-codes.js";
import { createUser } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation, findCampaignById } from "../../src/storage/campaigns.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let cookie: string;
let round: () => Promise<Campaign>;
beforeAll(async () => {
  t = await createTestApp();
  const consultant = await createUser(t.db, "c@codes.test", await hashPassword("Sleutelbos-Kompas-77"), "consultant");
  const organisation = await createOrganisation(t.db, "Client", consultant.id);
  round = () =>
    createCampaign(t.db, {
      ...campaignDefaults(t.instrument, ["Sales"]),
      organisationId: organisation.id,
      title: "Round",
    });
  cookie = await loginCookie(t.app, "c@codes.test", "Sleutelbos-Kompas-77");
});
afterAll(() => t.close());

const patch = (id: string, body: object) =>
  t.app.request(`/api/campaigns/${id}`, {
    method: "PATCH",
    headers: { cookie, origin: "http://localhost", "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("the code requirement", () => {
  it("is the rule: breakdowns only with codes and k of at least 5; codes only before the first response", () => {
    expect(publishesBreakdowns({ requireCode: true, k: 5 })).toBe(true);
    expect(publishesBreakdowns({ requireCode: true, k: 4 })).toBe(false);
    expect(publishesBreakdowns({ requireCode: false, k: 10 })).toBe(false);
    expect(codeRequirementFixed({ requireCode: false }, { requireCode: true }, 1)).toBe(true);
    expect(codeRequirementFixed({ requireCode: false }, { requireCode: true }, 0)).toBe(false);
    expect(codeRequirementFixed({ requireCode: true }, { requireCode: false }, 9)).toBe(true);
    expect(codeRequirementFixed({ requireCode: true }, { requireCode: false }, 0)).toBe(false);
    expect(codeRequirementFixed({ requireCode: true }, { requireCode: true }, 9)).toBe(false);
    expect(codeRequirementFixed({ requireCode: true }, {}, 9)).toBe(false);
  });

  it("can be switched on before the first response, and not after one came in on the open link", async () => {
    const early = await round();
    expect((await patch(early.id, { requireCode: true })).status).toBe(200);
    expect((await findCampaignById(t.db, early.id))!.requireCode).toBe(true);

    const late = await round();
    expect(
      (
        await postJson(t.app, `/api/s/${late.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: validAnswers(t.instrument),
        })
      ).status,
    ).toBe(201);
    const refused = await patch(late.id, { requireCode: true });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe("codes_after_responses");
    expect((await findCampaignById(t.db, late.id))!.requireCode).toBe(false);
  });

  it("is not switched on by issuing codes after an answer came in on the open link: 409, no code stored, the release shows the round whole", async () => {
    const late = await round();
    expect(
      (
        await postJson(t.app, `/api/s/${late.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: validAnswers(t.instrument),
        })
      ).status,
    ).toBe(201);
    const issued = await postJson(t.app, `/api/campaigns/${late.id}/codes`, { count: 5 }, { cookie });
    expect(issued.status).toBe(409);
    expect((await issued.json()).error.code).toBe("codes_after_responses");
    const after = (await findCampaignById(t.db, late.id))!;
    expect(after.requireCode).toBe(false);
    expect(
      (await t.client.execute({ sql: "select count(*) as n from access_codes where campaign_id = ?", args: [late.id] }))
        .rows[0]!.n,
    ).toBe(0);
    expect(publishesBreakdowns(after)).toBe(false);
  });

  it("is not switched off once coded answers came in: staff answered on the promise of codes", async () => {
    const coded = await round();
    const [code] = await issueCodes(t.db, coded, 1);
    expect(
      (
        await postJson(t.app, `/api/s/${coded.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: validAnswers(t.instrument),
          accessCode: code,
        })
      ).status,
    ).toBe(201);
    const refused = await patch(coded.id, { requireCode: false });
    expect(refused.status).toBe(409);
    expect((await findCampaignById(t.db, coded.id))!.requireCode).toBe(true);
  });

  it("is held by the database too: a writer that skips the check (a response landing just before) is refused inside the write", async () => {
    const late = await round();
    expect(
      (
        await postJson(t.app, `/api/s/${late.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: validAnswers(t.instrument),
        })
      ).status,
    ).toBe(201);
    // Straight to the store, as a request that checked before the response landed would write.
    await expect(insertCodes(t.db, late.id, ["a".repeat(64)])).rejects.toThrow(/codes_after_responses/);
    expect((await findCampaignById(t.db, late.id))!.requireCode).toBe(false);
    expect(
      (await t.client.execute({ sql: "select count(*) as n from access_codes where campaign_id = ?", args: [late.id] }))
        .rows[0]!.n,
    ).toBe(0);
  });
});
