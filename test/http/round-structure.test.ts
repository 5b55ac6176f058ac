/**
 * A round at a real client's size and shape: its own roles and tenure bands, departments with
 * headcounts (nested in locations), all asked on the survey and held by the server, and the
 * response rate per unit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEFAULT_ROLES, MAX_LOCATIONS, MAX_ROLES } from "../../src/domain/units.js";
import { findCampaignById } from "../../src/storage/campaigns.js";
import { type ConsultantApp, consultantApp } from "../helpers/consultant-app.js";
import { expectReleaseConsistent } from "../helpers/integrity.js";
import { postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let organisationId: string;
let send: ConsultantApp["send"];

beforeAll(async () => {
  ({ t, organisationId, send } = await consultantApp("c@structure.test", "Ziekenhuis"));
});
afterAll(() => t.close());

const ROLES = Array.from({ length: 12 }, (_, i) => ({ name: `Rol ${i + 1}`, headcount: 10 + i }));
const BANDS = ["< 1 jaar", "1-3 jaar", "3-5 jaar", "5-10 jaar", "10+ jaar"];
const DEPARTMENTS = Array.from({ length: 150 }, (_, i) => ({ name: `Afdeling ${i + 1}`, headcount: 40 + (i % 20) }));

async function hospitalRound(status: "open" | "draft" = "open") {
  const res = await send("POST", `/api/organisations/${organisationId}/campaigns`, {
    title: "Medewerkersonderzoek",
    departments: DEPARTMENTS,
    roles: ROLES,
    tenure: BANDS,
    status,
  });
  expect(res.status).toBe(201);
  const view = await res.json();
  return { ...view, token: String(view.surveyPath).slice(3) };
}

describe("a round with the client's own structure", () => {
  it("keeps its roles, bands and headcounts, asks them on the survey, and counts its response rate over the departments", async () => {
    const round = await hospitalRound();
    expect(round.units.role.map((u: { value: string }) => u.value)).toEqual(ROLES.map((r) => r.name));
    expect(round.units.role[3].headcount).toBe(ROLES[3]!.headcount);
    expect(round.units.tenure.map((u: { value: string }) => u.value)).toEqual(BANDS);
    expect(round.units.department).toHaveLength(DEPARTMENTS.length);

    // The survey offers exactly the round's roles.
    const survey = await (await t.app.request(`/api/s/${round.token}`)).json();
    expect(JSON.stringify(survey)).toContain("Rol 12");
    expect(JSON.stringify(survey)).not.toContain(DEFAULT_ROLES[0]!.value);
    // The choices only: the client's staffing per unit is not for whoever holds the link.
    expect(survey.units.role[0]).toEqual({ value: "Rol 1", label: { nl: "Rol 1", en: "Rol 1" } });
    expect(JSON.stringify(survey)).not.toContain("headcount");

    const answer = (extra: Record<string, unknown>) =>
      postJson(t.app, `/api/s/${round.token}/responses`, {
        submissionId: crypto.randomUUID(),
        answers: {
          ...validAnswers(t.instrument),
          department: "Afdeling 7",
          role: "Rol 5",
          tenure: "3-5 jaar",
          ...extra,
        },
      });
    expect((await answer({})).status).toBe(201);
    // A standard role this round does not have, and a band it does not have: refused, nothing stored.
    for (const extra of [{ role: DEFAULT_ROLES[0]!.value }, { tenure: "gt10" }]) {
      const res = await answer(extra);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_answers");
    }
    const stored = await t.client.execute({
      sql: "select role, tenure from responses where campaign_id = ?",
      args: [round.id],
    });
    expect(stored.rows.map((r) => [r.role, r.tenure])).toEqual([["Rol 5", "3-5 jaar"]]);

    t.clock.now = new Date(t.clock.now.getTime() + 60_000); // past the live counts' 30 s
    const participation = await (await send("GET", `/api/campaigns/${round.id}/participation`)).json();
    const staff = DEPARTMENTS.reduce((n, d) => n + d.headcount, 0);
    expect(participation.responseRate).toEqual({
      basis: "headcount",
      of: staff,
      pct: Math.round((1 / staff) * 1000) / 10,
    });
    // One respondent: every unit hidden, so no unit's rate either; the headcounts are the client's own.
    const roles = participation.units.role as { n: number | null; headcount: number; pct: number | null }[];
    expect(roles.map((r) => r.headcount)).toEqual(ROLES.map((r) => r.headcount));
    expect(roles.every((r) => r.n === null && r.pct === null)).toBe(true);
  });

  it("goes back to the standard roles on null, and holds the structure once the round is open", async () => {
    const draft = await hospitalRound("draft");
    const reset = await send("PATCH", `/api/campaigns/${draft.id}`, { roles: null });
    expect(reset.status).toBe(200);
    expect((await reset.json()).units.role.map((u: { value: string }) => u.value)).toEqual(
      DEFAULT_ROLES.map((r) => r.value),
    );
    // Bands untouched by a change of roles.
    expect((await findCampaignById(t.db, draft.id))!.units.tenure!.map((u) => u.value)).toEqual(BANDS);

    const open = await hospitalRound();
    const before = await findCampaignById(t.db, open.id);
    const res = await send("PATCH", `/api/campaigns/${open.id}`, { roles: ["Arts"], tenure: null });
    expect(res.status).toBe(400);
    const details = (await res.json()).error.details as { path: string; code: string }[];
    expect(details.map((d) => `${d.code}@${d.path}`)).toEqual(["fixedOnceOpen@roles", "fixedOnceOpen@tenure"]);
    expect(await findCampaignById(t.db, open.id)).toEqual(before);
  });

  it("refuses more roles than a round may have, duplicate names, a headcount of zero and names that are not one plain line, naming the field", async () => {
    const tooMany = Array.from({ length: MAX_ROLES + 1 }, (_, i) => `Rol ${i}`);
    for (const [extra, path] of [
      [{ roles: tooMany }, "json.roles"],
      [{ roles: ["Arts", { name: "Arts", headcount: 3 }] }, "json.roles"],
      [{ tenure: [{ name: "Kort", headcount: 0 }] }, "json.tenure"],
      [{ departments: [{ name: "Zorg", headcount: 5, extra: 1 }] }, "json.departments"],
      // A control character would make two names one cell key; a newline, two lines of the form.
      [{ departments: ["Arts\u0000x"] }, "json.departments"],
      [{ roles: ["Regel\nTwee"] }, "json.roles"],
      // A name the form would read back as a name and a headcount.
      [{ tenure: ["Team; 2"] }, "json.tenure"],
    ] as const) {
      const before = (await t.client.execute("select count(*) as n from campaigns")).rows[0]!.n;
      const res = await send("POST", `/api/organisations/${organisationId}/campaigns`, {
        title: "Te veel",
        departments: ["Zorg"],
        ...extra,
      });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.details.some((d: { path: string }) => d.path.startsWith(path))).toBe(true);
      expect((await t.client.execute("select count(*) as n from campaigns")).rows[0]!.n).toBe(before);
    }
  });

  it("names its third grouping the client's way: the survey asks the client's question, the round keeps both names, a draft may go back to tenure", async () => {
    const LOCATION = {
      label: { nl: "Locatie", en: "Location" },
      question: { nl: "Op welke locatie werk je?", en: "Where do you work?" },
    };
    const res = await send("POST", `/api/organisations/${organisationId}/campaigns`, {
      title: "Per locatie",
      departments: ["Zorg", "Facilitair"],
      tenure: ["Noord", "Zuid", "Oost"],
      thirdGrouping: LOCATION,
      status: "draft",
    });
    expect(res.status).toBe(201);
    const draft = await res.json();
    expect(draft.thirdGrouping).toEqual(LOCATION);
    expect((await findCampaignById(t.db, draft.id))!.thirdGrouping).toEqual(LOCATION);
    // A draft may change it, and go back to tenure.
    const renamed = { ...LOCATION, label: { nl: "Vestiging", en: "Site" } };
    expect(
      (await (await send("PATCH", `/api/campaigns/${draft.id}`, { thirdGrouping: renamed })).json()).thirdGrouping,
    ).toEqual(renamed);
    expect(
      (await (await send("PATCH", `/api/campaigns/${draft.id}`, { thirdGrouping: null })).json()).thirdGrouping,
    ).toBeNull();
    expect((await send("PATCH", `/api/campaigns/${draft.id}`, { thirdGrouping: LOCATION })).status).toBe(200);

    // Open, the survey asks the client's question over the round's units; staff saw it, so it stays.
    expect((await send("POST", `/api/campaigns/${draft.id}/open`)).status).toBe(200);
    const token = String(draft.surveyPath).slice(3);
    const survey = await (await t.app.request(`/api/s/${token}`)).json();
    expect(survey.thirdGroupingQuestion).toEqual(LOCATION.question);
    expect(survey.units.tenure.map((u: { value: string }) => u.value)).toEqual(["Noord", "Zuid", "Oost"]);
    const fixed = await send("PATCH", `/api/campaigns/${draft.id}`, { thirdGrouping: null });
    expect(fixed.status).toBe(400);
    expect(
      (await fixed.json()).error.details.map((d: { code: string; path: string }) => `${d.code}@${d.path}`),
    ).toEqual(["fixedOnceOpen@thirdGrouping"]);
    expect((await findCampaignById(t.db, draft.id))!.thirdGrouping).toEqual(LOCATION);
    // A round without one asks the instrument's own tenure question.
    const plain = await hospitalRound();
    expect((await (await t.app.request(`/api/s/${plain.token}`)).json()).thirdGroupingQuestion).toBeNull();
  });

  it("refuses a third grouping named in one language only, or with an empty question, and stores nothing", async () => {
    for (const thirdGrouping of [
      { label: { nl: "Locatie" }, question: { nl: "Waar?", en: "Where?" } },
      { label: { nl: "Locatie", en: "Location" }, question: { nl: "", en: "Where?" } },
      { label: { nl: "L".repeat(41), en: "Location" }, question: { nl: "Waar?", en: "Where?" } },
      { label: { nl: "Locatie", en: "Location" } },
    ]) {
      const before = (await t.client.execute("select count(*) as n from campaigns")).rows[0]!.n;
      const res = await send("POST", `/api/organisations/${organisationId}/campaigns`, {
        title: "Half",
        departments: ["Zorg"],
        thirdGrouping,
      });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.details.every((d: { path: string }) => d.path.startsWith("json.thirdGrouping"))).toBe(true);
      expect((await t.client.execute("select count(*) as n from campaigns")).rows[0]!.n).toBe(before);
    }
  });

  it("nests departments in locations: staff choose the department only, participation and reports add up per location", async () => {
    // North: Zorg (12) and Facilitair (6); South: Poli (7). Staff numbers: the headcounts.
    const departments = [
      { name: "Zorg", headcount: 20, location: "Noord" },
      { name: "Facilitair", headcount: 10, location: "Noord" },
      { name: "Poli", headcount: 12, location: "Zuid" },
    ];
    const created = await send("POST", `/api/organisations/${organisationId}/campaigns`, {
      title: "Per locatie genest",
      departments,
      requireCode: true,
      status: "open",
    });
    expect(created.status).toBe(201);
    const round = await created.json();
    expect(round.units.location).toEqual([
      { value: "Noord", label: { nl: "Noord", en: "Noord" }, headcount: 30 },
      { value: "Zuid", label: { nl: "Zuid", en: "Zuid" }, headcount: 12 },
    ]);
    expect(round.units.department[0]).toMatchObject({ value: "Zorg", location: "Noord", headcount: 20 });
    // The survey asks the department only: no location question, and the locations stay with the consultant.
    const token = String(round.surveyPath).slice(3);
    const survey = await (await t.app.request(`/api/s/${token}`)).json();
    expect(Object.keys(survey.units).sort()).toEqual(["department", "role", "tenure"]);
    expect(JSON.stringify(survey.units)).not.toContain("Noord");

    const counts = { Zorg: 12, Facilitair: 6, Poli: 7 };
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const codes = (await (await send("POST", `/api/campaigns/${round.id}/codes`, { count: total })).json()).codes;
    let i = 0;
    for (const [department, n] of Object.entries(counts))
      for (let j = 0; j < n; j++, i++) {
        const res = await postJson(t.app, `/api/s/${token}/responses`, {
          submissionId: crypto.randomUUID(),
          accessCode: codes[i],
          answers: { ...validAnswers(t.instrument, 1 + (i % 5)), department, role: "frontline", tenure: "1to5" },
        });
        expect(res.status).toBe(201);
      }

    t.clock.now = new Date(t.clock.now.getTime() + 60_000); // past the live counts' 30 s
    const participation = await (await send("GET", `/api/campaigns/${round.id}/participation`)).json();
    const live = Object.fromEntries(
      participation.units.location.map((u: { value: string; n: number }) => [u.value, u.n]),
    );
    expect(live).toEqual({ Noord: counts.Zorg + counts.Facilitair, Zuid: counts.Poli });
    expect(participation.units.location[0].pct).toBeCloseTo((live.Noord / 30) * 100, 1);

    expect((await send("POST", `/api/campaigns/${round.id}/close`)).status).toBe(200);
    const byLocation = await (await send("GET", `/api/campaigns/${round.id}/report?dimension=location`)).json();
    const rows = Object.fromEntries(
      byLocation.heatmap.rows.map((r: { value: string; n: number | null }) => [r.value, r.n]),
    );
    expect(rows).toEqual(live);
    const north = await (
      await send("GET", `/api/campaigns/${round.id}/report?filter[location]=Noord&dimension=department`)
    ).json();
    expect(north.n).toBe(live.Noord);
    // Its breakdown is its departments, each as published on its own.
    expect(north.heatmap.rows.map((r: { value: string; n: number }) => [r.value, r.n])).toEqual([
      ["Zorg", counts.Zorg],
      ["Facilitair", counts.Facilitair],
    ]);
    // A location and one of its departments together is not a table of the round.
    const both = await send("GET", `/api/campaigns/${round.id}/report?filter[location]=Noord&filter[department]=Zorg`);
    expect(both.status).toBe(422);
    const unknown = await send("GET", `/api/campaigns/${round.id}/report?filter[location]=Oost`);
    expect(unknown.status).toBe(400);
    expect(await expectReleaseConsistent(t.client, t.instrument, round.id)).toBe(total);
  });

  it("refuses departments of which only some have a location, and a name with the form's location mark", async () => {
    for (const departments of [
      [{ name: "Zorg", location: "Noord" }, "Poli"],
      [{ name: "Zorg", location: "Noord > Oost" }],
      ["Zorg > Poli"],
      // The same name in two locations: two departments need two names.
      [
        { name: "Keuken", location: "Noord" },
        { name: "Keuken", location: "Zuid" },
      ],
      // More locations than a round may have.
      Array.from({ length: MAX_LOCATIONS + 1 }, (_, i) => ({ name: `Afdeling ${i}`, location: `Locatie ${i}` })),
    ]) {
      const before = (await t.client.execute("select count(*) as n from campaigns")).rows[0]!.n;
      const res = await send("POST", `/api/organisations/${organisationId}/campaigns`, { title: "Half", departments });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.details.every((d: { path: string }) => d.path.startsWith("json.departments"))).toBe(true);
      expect((await t.client.execute("select count(*) as n from campaigns")).rows[0]!.n).toBe(before);
    }
    // Roles and bands have no locations.
    const res = await send("POST", `/api/organisations/${organisationId}/campaigns`, {
      title: "Rol",
      departments: ["Zorg"],
      roles: [{ name: "Arts", location: "Noord" }],
    });
    expect(res.status).toBe(400);
  });
});
