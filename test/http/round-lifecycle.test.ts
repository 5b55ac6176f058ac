/**
 * Changing a round over HTTP: a draft takes anything creation sets, an open round only its dates
 * (the opening date until it opens), contact, headcount and code requirement, a closed round
 * nothing. Every refusal is a 4xx JSON error naming the fields, and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findCampaignById } from "../../src/storage/campaigns.js";
import { type ConsultantApp, consultantApp } from "../helpers/consultant-app.js";
import { postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let organisationId: string;
let send: ConsultantApp["send"];

beforeAll(async () => {
  ({ t, organisationId, send } = await consultantApp("c@lifecycle.test", "Woonstichting Test"));
});
afterAll(() => t.close());
const patch = (id: string, body: unknown) => send("PATCH", `/api/campaigns/${id}`, body);
const stored = async (id: string) => (await findCampaignById(t.db, id))!;

async function draft(extra: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  const res = await send("POST", `/api/organisations/${organisationId}/campaigns`, {
    title: "Nulmeting",
    departments: ["Wonen", "Onderhoud"],
    status: "draft",
    opensOn: "2026-04-01",
    closesOn: "2026-04-30",
    ...extra,
  });
  expect(res.status).toBe(201);
  const body = await res.json();
  return { id: body.id, token: body.surveyPath.slice(3) };
}

describe("a draft", () => {
  it("takes every setting creation sets, and shows them back", async () => {
    const round = await draft();
    const res = await patch(round.id, {
      title: "Nulmeting 2026",
      departments: ["Wonen", "Onderhoud", "Klantcontact"],
      k: 7,
      kComments: 12,
      contact: "Anna de Vries, 06-12345678",
      expectedHeadcount: 240,
      requireCode: true,
      opensOn: "2026-04-06",
      closesOn: "2026-05-01",
      instrument: { id: "customer-centricity", version: 2 },
    });
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view).toMatchObject({
      title: "Nulmeting 2026",
      k: 7,
      kComments: 12,
      contact: "Anna de Vries, 06-12345678",
      expectedHeadcount: 240,
      requireCode: true,
      opensOn: "2026-04-06",
      closesOn: "2026-05-01",
      instrument: { id: "customer-centricity", version: 2 },
      status: "draft",
    });
    expect(view.units.department.map((u: { value: string }) => u.value)).toEqual([
      "Wonen",
      "Onderhoud",
      "Klantcontact",
    ]);
    const row = await stored(round.id);
    expect(row).toMatchObject({
      title: "Nulmeting 2026",
      k: 7,
      kComments: 12,
      contact: "Anna de Vries, 06-12345678",
      instrumentVersion: 2,
    });
  });

  it("moves the comments' minimum with k while it is the default, and keeps one that was set", async () => {
    const round = await draft({ requireCode: true });
    expect((await stored(round.id)).kComments).toBe(10);
    expect(await (await patch(round.id, { k: 12 })).json()).toMatchObject({ k: 12, kComments: 12 });
    expect(await (await patch(round.id, { kComments: 15 })).json()).toMatchObject({ k: 12, kComments: 15 });
    expect(await (await patch(round.id, { k: 8 })).json()).toMatchObject({ k: 8, kComments: 15 });
  });

  it("refuses settings that do not fit together, naming every field, and writes nothing", async () => {
    const round = await draft({ requireCode: true });
    const before = await stored(round.id);
    const res = await patch(round.id, { k: 3, kComments: 3, opensOn: "2026-05-02", title: "Changed" });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("invalid_request");
    // k 3 on codes (breakdowns need 5) and a closing date before the opening date: both at once.
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual(["closesOn", "k"]);
    // Each with a machine code the workspace translates, whatever the English message says.
    expect(error.details.map((d: { path: string; code: string }) => `${d.code}@${d.path}`).sort()).toEqual([
      "codesNeedK@k",
      "datesOutOfOrder@closesOn",
    ]);
    expect(await stored(round.id)).toEqual(before);
  });

  it("names each refusal by its code at creation too (the schema's round rules) and once a round is open", async () => {
    const created = await send("POST", `/api/organisations/${organisationId}/campaigns`, {
      title: "Te klein",
      departments: ["A"],
      k: 4,
      kComments: 3,
      requireCode: true,
      opensOn: "2026-05-01",
      closesOn: "2026-04-01",
    });
    expect(created.status).toBe(400);
    const details = (await created.json()).error.details as { path: string; code: string }[];
    expect(details.map((d) => `${d.code}@${d.path}`).sort()).toEqual([
      "codesNeedK@json.k",
      "commentsBelowK@json.kComments",
      "datesOutOfOrder@json.closesOn",
    ]);
    const round = await draft({ opensOn: "2026-03-01", closesOn: "2026-03-31" });
    expect((await send("POST", `/api/campaigns/${round.id}/open`)).status).toBe(200);
    const res = await patch(round.id, { title: "Anders", opensOn: "2026-03-02", closesOn: "2026-03-09" });
    expect(res.status).toBe(400);
    const refused = (await res.json()).error.details as { path: string; code: string }[];
    expect(refused.map((d) => `${d.code}@${d.path}`)).toEqual([
      "fixedOnceOpen@title",
      "alreadyOpened@opensOn",
      "closesInPast@closesOn",
    ]);
  });

  it("refuses bad values at the edge: unknown fields, a k below 3, empty or duplicate departments, a past closing date, an unknown instrument", async () => {
    const round = await draft();
    const before = await stored(round.id);
    for (const [body, path] of [
      [{ organisationId: "elsewhere" }, ""],
      // zod at the edge names the body's field ("json." …), the round's own rules the field itself.
      [{ k: 2 }, "json.k"],
      [{ departments: [] }, "json.departments"],
      [{ departments: ["Wonen", "Wonen"] }, "json.departments"],
      [{ title: "  " }, "json.title"],
      [{ closesOn: "30-04-2026" }, "json.closesOn"],
      [{ closesOn: "2026-03-09" }, "closesOn"],
    ] as const) {
      const res = await patch(round.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("invalid_request");
      if (path)
        expect(
          error.details.map((d: { path: string }) => d.path),
          JSON.stringify(body),
        ).toContain(path);
    }
    const unknown = await patch(round.id, { instrument: { id: "nobody-has-this" } });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.code).toBe("unknown_instrument");
    expect(await stored(round.id)).toEqual(before);
  });
});

describe("an open round", () => {
  it("keeps what staff were shown and promised, and takes a later closing date, a contact and a headcount", async () => {
    const round = await draft({ opensOn: "2026-03-01", closesOn: "2026-03-31" });
    expect((await send("POST", `/api/campaigns/${round.id}/open`)).status).toBe(200);
    const before = await stored(round.id);
    for (const body of [
      { title: "Other" },
      { k: 6 },
      { kComments: 20 },
      { departments: ["Een"] },
      { instrument: { id: "customer-centricity", version: 1 } },
      { opensOn: "2026-03-02" },
    ]) {
      const res = await patch(round.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("invalid_request");
      expect(error.details[0].path).toBe(Object.keys(body)[0]);
    }
    expect(await stored(round.id)).toEqual(before);
    const res = await patch(round.id, { closesOn: "2026-04-15", contact: "HR, 010-1234567", expectedHeadcount: 80 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "open",
      opensOn: "2026-03-01",
      closesOn: "2026-04-15",
      contact: "HR, 010-1234567",
      expectedHeadcount: 80,
      title: "Nulmeting",
    });
    // Staff see the new contact and closing date at once.
    expect(await (await t.app.request(`/api/s/${round.token}`)).json()).toMatchObject({
      title: "Nulmeting",
      contact: "HR, 010-1234567",
      closesOn: "2026-04-15",
    });
  });

  it("may still move its opening date while it has not opened", async () => {
    const round = await draft({ opensOn: "2026-03-20", closesOn: "2026-04-20" });
    await send("POST", `/api/campaigns/${round.id}/open`);
    expect(await (await patch(round.id, { opensOn: "2026-03-23" })).json()).toMatchObject({
      status: "open",
      opensOn: "2026-03-23",
    });
  });
});

describe("a closed round", () => {
  it("takes no change at all, the headcount included", async () => {
    const round = await draft({ opensOn: null, closesOn: null });
    await send("POST", `/api/campaigns/${round.id}/open`);
    const answers = { ...validAnswers(t.instrument), department: "Wonen" };
    expect(
      (await postJson(t.app, `/api/s/${round.token}/responses`, { submissionId: crypto.randomUUID(), answers })).status,
    ).toBe(201);
    expect((await send("POST", `/api/campaigns/${round.id}/close`)).status).toBe(200);
    const before = await stored(round.id);
    for (const body of [{ expectedHeadcount: 12 }, { contact: "x" }, { title: "Later" }, { closesOn: "2026-12-31" }]) {
      const res = await patch(round.id, body);
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect((await res.json()).error.code).toBe("campaign_closed");
    }
    expect(await stored(round.id)).toEqual(before);
  });
});

describe("the response rate", () => {
  it("uses the headcount entered whenever there is one, codes only without it, and says which", async () => {
    /** A coded round with `expectedHeadcount`, 10 codes issued and 4 of them answered, as its view reads half a minute on. */
    const answered = async (expectedHeadcount: number | null) => {
      const round = await draft({ requireCode: true, expectedHeadcount, opensOn: null, closesOn: null });
      await send("POST", `/api/campaigns/${round.id}/open`);
      const { codes } = await (await send("POST", `/api/campaigns/${round.id}/codes`, { count: 10 })).json();
      const answers = { ...validAnswers(t.instrument), department: "Wonen" };
      for (const accessCode of codes.slice(0, 4)) {
        expect(
          (
            await postJson(t.app, `/api/s/${round.token}/responses`, {
              submissionId: crypto.randomUUID(),
              answers,
              accessCode,
            })
          ).status,
        ).toBe(201);
      }
      t.clock.now = new Date(t.clock.now.getTime() + 31_000); // live counts are held for 30 seconds
      return (await send("GET", `/api/campaigns/${round.id}`)).json();
    };
    // 4 of the 40 staff entered, not 4 of the 10 codes: the headcount is kept.
    expect(await answered(40)).toMatchObject({
      expectedHeadcount: 40,
      respondents: 4,
      codes: { issued: 10, used: 4 },
      responseRate: { pct: 10, basis: "headcount", of: 40 },
    });
    // Without a headcount, the issued codes stand in for the staff invited.
    expect(await answered(null)).toMatchObject({
      expectedHeadcount: null,
      responseRate: { pct: 40, basis: "codes", of: 10 },
    });
  });
});

describe("an uploaded instrument with several problems", () => {
  it("is refused with every problem at once: code, question and a sentence in Dutch and English; nothing is stored", async () => {
    const json = {
      instrumentId: "Not An Id",
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "rating",
              name: "q1",
              title: { nl: "Vraag", en: "Question" },
              rateMin: 1,
              rateMax: 5,
              isRequired: true,
            },
            {
              type: "rating",
              name: "q2",
              level: "values",
              title: { nl: "Alleen Nederlands" },
              rateMin: 1,
              rateMax: 5,
              isRequired: true,
            },
            {
              type: "rating",
              name: "q3",
              level: "values",
              title: "Same text",
              rateMin: 1,
              rateMax: 7,
              isRequired: true,
            },
          ],
        },
      ],
    };
    const res = await send("POST", "/api/instruments", json);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("invalid_instrument");
    expect(error.details.map((d: { code: string; path: string }) => `${d.code}@${d.path}`)).toEqual([
      "instrument_id@instrumentId",
      "text_languages@q2",
      "rating_level@q1",
      "agreement_scale@q3",
    ]);
    for (const d of error.details) {
      expect(d.text.nl).not.toBe(d.text.en);
      expect(d.message).toBe(d.text.en);
    }
    expect(error.details[1].text).toEqual({
      nl: 'Vraag "q2": de titel heeft zowel "nl" als "en" nodig, of één "default"-tekst: vul de ontbrekende taal aan.',
      en: 'Question "q2": its title needs both "nl" and "en", or a "default" text: add the missing language.',
    });
    expect(error.message).toMatch(/^The instrument is not valid \(4 problems\): /);
    const list = await (await send("GET", "/api/instruments")).json();
    expect(list.every((i: { builtin: boolean }) => i.builtin)).toBe(true);
  });
});
