import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { Campaign } from "../../src/domain/campaign.js";
import { countResponses } from "../../src/storage/responses.js";
import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let campaign: Campaign;
const submitPath = () => `/api/s/${campaign.token}/responses`;
const submit = (answers: Record<string, unknown>, submissionId: string = crypto.randomUUID()) =>
  postJson(t.app, submitPath(), { submissionId, answers });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
beforeEach(async () => {
  campaign = await t.addCampaign();
});

describe("GET /api/s/:token", () => {
  it("returns the campaign's public data, the instrument and a language from Accept-Language", async () => {
    const res = await t.app.request(`/api/s/${campaign.token}`, { headers: { "accept-language": "en-US,en;q=0.9" } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.title).toBe("Test round");
    expect(body.languages).toEqual(["nl", "en"]);
    expect(body.defaultLanguage).toBe("en");
    expect(body.k).toBe(campaign.k);
    expect(body.kComments).toBe(campaign.kComments);
    expect(body.units.department.map((u: { value: string }) => u.value)).toEqual(["Sales", "Service"]);
    expect(body.units.role.map((u: { value: string }) => u.value)).toEqual([
      "frontline",
      "back_office",
      "team_lead",
      "management",
    ]);
    expect(body.instrument.instrumentId).toBe("customer-centricity");
  });

  it("answers 404 for an unknown link and 410 for a closed or not yet open one", async () => {
    expect((await t.app.request("/api/s/nope")).status).toBe(404);
    const closed = await t.addCampaign({ status: "closed" });
    const closedRes = await t.app.request(`/api/s/${closed.token}`);
    expect(closedRes.status).toBe(410);
    expect((await closedRes.json()).error.code).toBe("campaign_closed");
    const later = await t.addCampaign({ opensOn: "2026-04-01" });
    expect((await (await t.app.request(`/api/s/${later.token}`)).json()).error.code).toBe("campaign_not_open");
  });
});

describe("GET /s/:token", () => {
  it("serves the survey page without leaking the link as a referrer", async () => {
    const res = await t.app.request(`/s/${campaign.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(await res.text()).toMatch(/<script src="\/assets\/survey-page\.[0-9a-f]{10}\.js" defer>/);
    expect((await t.app.request("/s/unknown-token")).status).toBe(404);
  });
});

describe("POST /api/s/:token/responses", () => {
  it("stores a valid response once and answers a retry with the same status and body", async () => {
    const id = crypto.randomUUID();
    const first = await submit(validAnswers(t.instrument), id);
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    expect(firstBody).toEqual({ status: "stored", submissionId: id });
    const retry = await submit(validAnswers(t.instrument), id);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(firstBody);
    expect(await countResponses(t.db, campaign.id)).toBe(1);
  });

  it("stores concurrent retries of one submission once", async () => {
    const id = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(validAnswers(t.instrument), id)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await countResponses(t.db, campaign.id)).toBe(1);
  });

  it("accepts an optional comment and leaves it out when empty", async () => {
    expect((await submit({ ...validAnswers(t.instrument), comment: "Meer tijd per klant." })).status).toBe(201);
    expect((await submit({ ...validAnswers(t.instrument), comment: "" })).status).toBe(201);
    const rows = await t.client.execute({
      sql: "select comment from responses where campaign_id = ? order by comment",
      args: [campaign.id],
    });
    expect(rows.rows.map((r) => r.comment)).toEqual([null, "Meer tijd per klant."]);
  });

  const answers = () => validAnswers(t.instrument);
  const badAnswers: [string, () => Record<string, unknown>, string][] = [
    ["an unknown key", () => ({ ...answers(), favourite_colour: "blue" }), "answers"],
    ["a rating above 5", () => ({ ...answers(), mission_1: 6 }), "answers.mission_1"],
    ["a rating below 1", () => ({ ...answers(), values_belief_2: 0 }), "answers.values_belief_2"],
    ["a fractional rating", () => ({ ...answers(), skills_1: 3.5 }), "answers.skills_1"],
    ["a rating as a string", () => ({ ...answers(), skills_1: "3" }), "answers.skills_1"],
    [
      "an unknown decision factor",
      () => ({ ...answers(), decision_factors: ["policy", "horoscope"] }),
      "answers.decision_factors.1",
    ],
    [
      "a factor given twice",
      () => ({ ...answers(), decision_factors: ["policy", "policy"] }),
      "answers.decision_factors",
    ],
    [
      "a 'most' factor that was not ticked",
      () => ({ ...answers(), decision_most: "personal_fairness" }),
      "answers.decision_most",
    ],
    [
      "a department the campaign does not have",
      () => ({ ...answers(), department: "Marketing" }),
      "answers.department",
    ],
    ["a role that does not exist", () => ({ ...answers(), role: "ceo" }), "answers.role"],
    [
      "a missing required answer",
      () => {
        const a = answers();
        delete a.context_3;
        return a;
      },
      "answers.context_3",
    ],
    ["no decision factors", () => ({ ...answers(), decision_factors: [] }), "answers.decision_factors"],
    ["a comment over 2,000 characters", () => ({ ...answers(), comment: "x".repeat(2001) }), "answers.comment"],
    ["a comment that is not text", () => ({ ...answers(), comment: { text: "hi" } }), "answers.comment"],
    [
      "a __proto__ key",
      () => JSON.parse(JSON.stringify(answers()).replace("{", '{"__proto__":{"admin":true},')),
      "answers",
    ],
  ];

  it.each(badAnswers)("rejects %s with 400 and stores nothing", async (_, make, path) => {
    const res = await submit(make());
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_answers");
    expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await countResponses(t.db, campaign.id)).toBe(0);
  });

  const badBodies: [string, () => RequestInit, number, string][] = [
    ["malformed JSON", () => ({ body: '{"submissionId": ' }), 400, "bad_request"],
    ["a missing submissionId", () => ({ body: JSON.stringify({ answers: answers() }) }), 400, "invalid_request"],
    [
      "a submissionId that is not a UUID",
      () => ({ body: JSON.stringify({ submissionId: "1", answers: answers() }) }),
      400,
      "invalid_request",
    ],
    [
      "answers that are an array",
      () => ({ body: JSON.stringify({ submissionId: crypto.randomUUID(), answers: [1, 2] }) }),
      400,
      "invalid_request",
    ],
    [
      "an extra top-level key",
      () => ({ body: JSON.stringify({ submissionId: crypto.randomUUID(), answers: answers(), ip: "1.2.3.4" }) }),
      400,
      "invalid_request",
    ],
    [
      "a body over 64 KB of unknown length",
      () => ({
        body: JSON.stringify({
          submissionId: crypto.randomUUID(),
          answers: { ...answers(), comment: "x".repeat(70_000) },
        }),
      }),
      413,
      "body_too_large",
    ],
    [
      "a body that declares more than 64 KB",
      () => {
        const body = JSON.stringify({
          submissionId: crypto.randomUUID(),
          answers: { ...answers(), comment: "x".repeat(70_000) },
        });
        return { body, headers: { "content-length": String(new TextEncoder().encode(body).length) } };
      },
      413,
      "body_too_large",
    ],
    [
      "a form-encoded body",
      () => ({ body: "submissionId=1", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      415,
      "unsupported_media_type",
    ],
    [
      "a valid submission whose comment holds bytes that are not UTF-8",
      () => {
        const [head, tail] = JSON.stringify({
          submissionId: crypto.randomUUID(),
          answers: { ...answers(), comment: "BROKEN" },
        }).split("BROKEN") as [string, string];
        const encode = (text: string) => new TextEncoder().encode(text);
        return { body: new Uint8Array([...encode(head), 0x66, 0xff, 0x6f, ...encode(tail)]) };
      },
      400,
      "invalid_encoding",
    ],
  ];

  it.each(badBodies)("rejects %s with a clear 4xx and stores nothing", async (_, make, status, code) => {
    const init = make();
    const res = await t.app.request(submitPath(), {
      method: "POST",
      headers: { "content-type": "application/json", ...(init.headers as object) },
      body: init.body,
    });
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
    expect(await countResponses(t.db, campaign.id)).toBe(0);
  });

  it("answers 404 for an unknown link and 410 for a closed or not yet open campaign", async () => {
    const body = { submissionId: crypto.randomUUID(), answers: answers() };
    expect((await postJson(t.app, "/api/s/does-not-exist/responses", body)).status).toBe(404);
    const closed = await t.addCampaign({ closesOn: "2026-03-09" });
    const res = await postJson(t.app, `/api/s/${closed.token}/responses`, body);
    expect(res.status).toBe(410);
    expect((await res.json()).error.code).toBe("campaign_closed");
    const draft = await t.addCampaign({ status: "draft" });
    expect((await postJson(t.app, `/api/s/${draft.token}/responses`, body)).status).toBe(410);
    expect(await countResponses(t.db, closed.id)).toBe(0);
    expect(await countResponses(t.db, draft.id)).toBe(0);
  });

  it("answers with headers that forbid caching, framing, sniffing and referrers, stored or refused", async () => {
    for (const res of [await submit(answers()), await submit({ ...answers(), mission_1: 9 })]) {
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });

  it("still answers 201 to a retry of a submission stored before the round closed, and 410 to a new one", async () => {
    const id = crypto.randomUUID();
    expect((await submit(answers(), id)).status).toBe(201);
    // The round closes (its closing date passes) before the browser heard back.
    t.clock.now = new Date("2026-03-12T08:00:00Z");
    await t.db.run(sql`update campaigns set closes_on = '2026-03-11' where id = ${campaign.id}`);
    try {
      const retry = await submit(answers(), id);
      expect(retry.status).toBe(201);
      expect(await retry.json()).toEqual({ status: "stored", submissionId: id });
      const late = await submit(answers());
      expect(late.status).toBe(410);
      expect(await countResponses(t.db, campaign.id)).toBe(1);
    } finally {
      t.clock.now = new Date("2026-03-10T09:30:00Z");
    }
  });

  it("is refused by the database itself once the round is closed, whatever a server has cached", async () => {
    expect((await submit(answers())).status).toBe(201); // the link is now cached
    // Another process closes the round: this one's cache does not know.
    await t.client.execute({ sql: "update campaigns set status = 'closed' where id = ?", args: [campaign.id] });
    const late = await submit(answers());
    expect(late.status).toBe(410);
    expect(await countResponses(t.db, campaign.id)).toBe(1);
  });

  it("does not ask for a grouping the campaign does not use", async () => {
    const noTenure = await t.addCampaign({
      units: { department: [{ value: "All", label: { nl: "Alle", en: "All" } }] },
    });
    const { role: _r, tenure: _t, ...rest } = { ...answers(), department: "All" } as Record<string, unknown>;
    expect(
      (
        await postJson(t.app, `/api/s/${noTenure.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: rest,
        })
      ).status,
    ).toBe(201);
    const withTenure = await postJson(t.app, `/api/s/${noTenure.token}/responses`, {
      submissionId: crypto.randomUUID(),
      answers: { ...rest, tenure: "lt1" },
    });
    expect(withTenure.status).toBe(400);
  });
});
