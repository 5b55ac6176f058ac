/**
 * The consultant workspace over HTTP, on the demo: portfolio, comparison (the demo's three
 * clients are too few for a norm set, so without a benchmark), trends with significance, alpha,
 * single-use codes and custom instruments. Norm sets themselves: norm-sets.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DemoResult } from "../../src/demo/seed.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { levelLayout } from "../../src/domain/scoring.js";
import { MIN_MEANINGFUL_CHANGE } from "../../src/domain/trends.js";
import { MAX_DEPARTMENTS } from "../../src/domain/units.js";
import { hashPassword } from "../../src/lib/password.js";
import { createUser, grantOrganisation } from "../../src/storage/accounts.js";
import { createOrganisation } from "../../src/storage/campaigns.js";
import { countResponses } from "../../src/storage/responses.js";
import { createDemoApp, rivalConsultant } from "../helpers/fixtures.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let demo: DemoResult;
let consultant: string;
let manager: string;
let rival: string;
let outsider: string;

beforeAll(async () => {
  ({ t, demo, manager, consultant } = await createDemoApp());
  // Another consultant with a client of their own, and that client's manager.
  ({ consultant: rival, manager: outsider } = await rivalConsultant(t));
});
afterAll(() => t.close());

const get = (path: string, cookie: string) => t.app.request(path, { headers: { cookie } });
const send = (method: string, path: string, body: unknown, cookie: string) =>
  t.app.request(path, { method, headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
const round = (title: string) => demo.rounds.find((r) => r.campaign.title.includes(title))!.campaign;
const deLinde2025 = () => round("klantgerichtheid 2025");
const deLinde2026 = () => round("klantgerichtheid 2026");
const baken = () => round("in de zorg");
const polis2025 = () => round("medewerkers 2025");
/** The insurer's running round, on single-use codes. */
const polis = () => round("medewerkers 2026");

interface PortfolioOrganisation {
  id: string;
  name: string;
  benchmarkForManagers?: boolean;
  campaigns: {
    id: string;
    title: string;
    status: string;
    respondents: number;
    requireCode: boolean;
    codes: { issued: number; used: number };
    responseRate: { pct: number; basis: string; of: number } | null;
    startHere: { level: string | null } | null;
    surveyPath?: string;
  }[];
}

async function portfolio(cookie = consultant): Promise<PortfolioOrganisation[]> {
  const res = await get("/api/organisations", cookie);
  expect(res.status).toBe(200);
  return res.json();
}

const campaignIn = (orgs: PortfolioOrganisation[], id: string) =>
  orgs.flatMap((o) => o.campaigns).find((c) => c.id === id)!;

describe("the portfolio", () => {
  it("lists every client with status, respondents, response rate and start-here level per campaign", async () => {
    const orgs = await portfolio();
    expect(orgs.map((o) => o.name)).toEqual([
      "Verzekeraar Polis & Co",
      "Woonstichting De Linde",
      "Zorggroep Het Baken",
    ]);
    const latest = campaignIn(orgs, deLinde2026().id);
    expect(latest).toMatchObject({ status: "closed", respondents: demo.responses, startHere: { level: "values" } });
    expect(latest.responseRate).toEqual({
      pct: Math.round((demo.responses / 420) * 1000) / 10,
      basis: "codes",
      of: 420,
    });
    const earlier = campaignIn(orgs, deLinde2025().id);
    expect(earlier).toMatchObject({ status: "closed", startHere: { level: "values" } });
    expect(earlier.responseRate).toEqual({
      pct: Math.round((earlier.respondents / 360) * 1000) / 10,
      basis: "codes",
      of: 360,
    });
    expect(campaignIn(orgs, polis2025().id)).toMatchObject({ status: "closed", startHere: { level: "mission" } });
    // The running round: participation, and no figure that depends on answers.
    const running = campaignIn(orgs, polis().id);
    const used = running.codes.used;
    expect(running).toMatchObject({
      status: "open",
      requireCode: true,
      respondents: used,
      codes: { issued: 150 },
      startHere: null,
    });
    expect(running.responseRate).toEqual({ pct: Math.round((used / 150) * 1000) / 10, basis: "codes", of: 150 });
    expect(orgs.find((o) => o.name === "Woonstichting De Linde")!.benchmarkForManagers).toBe(true);
  });
  it("shows a manager only their own organisation, without links or benchmark settings", async () => {
    const orgs = await portfolio(manager);
    expect(orgs.map((o) => o.name)).toEqual(["Woonstichting De Linde"]);
    expect(orgs[0]!.benchmarkForManagers).toBeUndefined();
    expect(orgs[0]!.campaigns.every((c) => c.surveyPath === undefined)).toBe(true);
  });
});

interface Compared {
  id: string;
  n: number;
  organisation: { name: string };
  levels: { id: string; score: number }[];
  startHere: { level: string | null };
  decisionFactors: { groups: Record<string, { mostPct: number }> };
  desiredGap: { level: string; current: number; desired: number; gap: number }[] | null;
  percentiles: Record<string, number> | null;
  reliability: { level: string; alpha: number | null; warning?: boolean }[];
}

describe("comparing organisations against the benchmark", () => {
  const compare = (ids: string[], cookie = consultant) => get(`/api/compare?campaigns=${ids.join(",")}`, cookie);

  it("puts three organisations side by side with their start-here levels and decision mixes", async () => {
    const res = await compare([deLinde2026().id, baken().id, polis2025().id]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      campaigns: Compared[];
      excluded: unknown[];
      benchmark: { levels: Record<string, number>; organisations: number; campaigns: number };
    };
    expect(body.campaigns.map((c) => c.organisation.name)).toEqual([
      "Woonstichting De Linde",
      "Zorggroep Het Baken",
      "Verzekeraar Polis & Co",
    ]);
    for (const c of body.campaigns) expect(c.levels.map((l) => l.id)).toEqual([...LEVEL_IDS]);
    expect(body.campaigns.map((c) => c.startHere.level)).toEqual(["values", "competencies", "mission"]);
    // The insurer hangs its heart on the coat rack more than the care organisation.
    const [, care, insurer] = body.campaigns;
    expect(insurer!.decisionFactors.groups.system!.mostPct).toBeGreaterThan(
      care!.decisionFactors.groups.system!.mostPct,
    );
    expect(body.excluded).toEqual([]);
  });

  it("shows no benchmark and no percentiles while no norm set is published (three clients are too few)", async () => {
    const ids = [deLinde2025().id, deLinde2026().id, baken().id, polis2025().id];
    const body = (await (await compare(ids)).json()) as { campaigns: Compared[]; benchmark: unknown };
    expect(body.benchmark).toBeNull();
    expect(body.campaigns.map((c) => c.percentiles)).toEqual([null, null, null, null]);
    const mission = (c: Compared) => c.levels.find((l) => l.id === "mission")!.score;
    const lowest = body.campaigns.reduce((a, b) => (mission(b) < mission(a) ? b : a));
    expect(lowest.organisation.name).toBe("Verzekeraar Polis & Co");
  });

  it("shows Cronbach's alpha per level with a warning below 0.7, and the current–desired gap", async () => {
    const body = (await (await compare([deLinde2025().id, deLinde2026().id])).json()) as { campaigns: Compared[] };
    const [old, current] = body.campaigns;
    expect(current!.reliability.map((r) => r.level)).toEqual([...LEVEL_IDS]);
    for (const r of current!.reliability) {
      expect(typeof r.alpha).toBe("number");
      expect(r.warning).toBe(r.alpha! < 0.7);
    }
    // Both rounds asked how it should be, on the same items as how it is: every level with a mirrored
    // item (instrument v4 asks no "should" of values: what staff believe is not a target).
    for (const [c, r] of [
      [old!, deLinde2025()],
      [current!, deLinde2026()],
    ] as const) {
      const key = t.instruments.get(r.instrumentId, r.instrumentVersion)!.key;
      const mirrored = new Set(
        key.items.flatMap((i) => (i.mirrors ? [key.items.find((x) => x.name === i.mirrors)!.level] : [])),
      );
      expect(c.desiredGap!.map((g) => g.level)).toEqual(LEVEL_IDS.filter((l) => mirrored.has(l)));
      expect(mirrored.size).toBeGreaterThanOrEqual(6);
    }
    for (const g of current!.desiredGap!) {
      expect(g.desired).toBeGreaterThan(g.current);
      expect(g.gap).toBeCloseTo(g.desired - g.current, 1);
    }
    const skills = current!.desiredGap!.find((g) => g.level === "skills")!;
    const mission = current!.desiredGap!.find((g) => g.level === "mission")!;
    expect(skills.gap).toBeGreaterThan(mission.gap); // the weak level has the widest gap
  });

  it("leaves a running round and a round below k out of the comparison and the benchmark, saying why", async () => {
    const res = await send(
      "POST",
      `/api/organisations/${polis().organisationId}/campaigns`,
      { title: "Pilot", departments: ["Schade"], status: "open" },
      consultant,
    );
    expect(res.status).toBe(201);
    const pilot = await res.json();
    for (let i = 0; i < 2; i++) {
      const answers = { ...validAnswers(t.instrument), department: "Schade" };
      expect(
        (
          await postJson(t.app, `/api/s/${pilot.surveyPath.split("/")[2]}/responses`, {
            submissionId: crypto.randomUUID(),
            answers,
          })
        ).status,
      ).toBe(201);
    }
    const running = await (await compare([pilot.id, polis2025().id, polis().id])).json();
    expect(running.campaigns.map((c: Compared) => c.id)).toEqual([polis2025().id]);
    expect(running.excluded).toEqual([
      expect.objectContaining({ id: pilot.id, n: 2, reason: "not_released" }),
      expect.objectContaining({ id: polis().id, reason: "not_released" }),
    ]);
    expect((await send("POST", `/api/campaigns/${pilot.id}/close`, {}, consultant)).status).toBe(200);
    const closed = await (await compare([pilot.id, polis2025().id])).json();
    expect(closed.excluded).toEqual([expect.objectContaining({ id: pilot.id, n: 2, reason: "below_k" })]);
    expect(closed.benchmark).toBeNull();
  });

  it("is for consultants, on their own campaigns only", async () => {
    expect((await compare([deLinde2026().id, baken().id], manager)).status).toBe(403);
    expect((await compare([deLinde2026().id, baken().id], rival)).status).toBe(404);
    const one = await compare([deLinde2026().id]);
    expect(one.status).toBe(400);
    expect((await one.json()).error.code).toBe("invalid_request");
  });
});

describe("trends across rounds", () => {
  it("labels each level's change between the 2025 and 2026 rounds: Welch's test, Holm across the levels, and a minimum change", async () => {
    for (const cookie of [consultant, manager]) {
      const res = await get(`/api/organisations/${demo.organisationId}/trends`, cookie);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.rounds.map((r: { campaignId: string }) => r.campaignId)).toEqual([
        deLinde2025().id,
        deLinde2026().id,
      ]);
      expect(body.levels.map((l: { level: string }) => l.level)).toEqual([...LEVEL_IDS]);
      const step = (level: string) => body.levels.find((l: { level: string }) => l.level === level).steps[0];
      expect(step("mission")).toMatchObject({ label: "improved" });
      expect(step("mission").change).toBeGreaterThanOrEqual(MIN_MEANINGFUL_CHANGE);
      expect(step("mission").pAdjusted).toBeLessThan(0.05);
      expect(step("context")).toMatchObject({ label: "improved" });
      expect(step("values").label).toBe("no_significant_change");
      expect(step("values").pAdjusted).toBeGreaterThanOrEqual(0.05);
      // Both rounds pinned the same version: the level means are the same quantity and the step is on them.
      const versions = body.rounds.map((r: { instrument: { version: number } }) => r.instrument.version);
      expect(versions[0]).toBe(versions[1]);
      for (const level of LEVEL_IDS) {
        const s = step(level);
        expect(s).toMatchObject({ comparable: true, basis: "level", sharedItems: null });
        // Holm never lowers a p-value; with seven levels it at most multiplies it by seven.
        expect(s.pAdjusted).toBeGreaterThanOrEqual(s.p);
        expect(s.pAdjusted).toBeLessThanOrEqual(Math.min(1, 7 * s.p) + 1e-9);
        const real = s.pAdjusted < 0.05 && Math.abs(s.change) >= MIN_MEANINGFUL_CHANGE;
        expect(s.label).toBe(
          real
            ? s.change > 0
              ? "improved"
              : "declined"
            : s.pAdjusted < 0.05
              ? "not_meaningful"
              : "no_significant_change",
        );
      }
    }
  });
  it("is not found for anyone outside the organisation", async () => {
    expect((await get(`/api/organisations/${demo.organisationId}/trends`, outsider)).status).toBe(404);
    expect((await get(`/api/organisations/${demo.organisationId}/trends`, rival)).status).toBe(404);
  });
});

describe("method quality", () => {
  it("gives consultants alpha per level for one campaign", async () => {
    const res = await get(`/api/campaigns/${baken().id}/quality`, consultant);
    expect(res.status).toBe(200);
    const { reliability } = await res.json();
    expect(reliability.map((r: { level: string }) => r.level)).toEqual([...LEVEL_IDS]);
    // Over all of each level's scored items.
    const layout = levelLayout(t.instruments.get(baken().instrumentId, baken().instrumentVersion)!.key);
    for (const r of reliability as { level: string; alpha: number; items: number }[]) {
      expect(r.alpha).toBeGreaterThan(0);
      expect(r.alpha).toBeLessThanOrEqual(1);
      expect(r.items).toBe(layout[r.level]!.length);
    }
    // Alpha needs one set of people for all of a level's items: those who answered every one of
    // them. Where an item offers "not applicable" that can be fewer than the round's respondents.
    const respondents = demo.rounds.find((r) => r.campaign.id === baken().id)!.responses;
    expect(respondents).toBeGreaterThan(0);
    const instrument = t.instruments.get(baken().instrumentId, baken().instrumentVersion)!;
    for (const r of reliability as { level: string; n: number }[]) {
      const offersNa = instrument.key.items.some((i) => i.level === r.level && i.perspective !== "desired" && i.na);
      if (offersNa) expect(r.n).toBeLessThanOrEqual(respondents);
      else expect(r.n).toBe(respondents);
    }
    expect((await get(`/api/campaigns/${baken().id}/quality`, manager)).status).toBe(403);
  });
});

describe("the benchmark line in a report", () => {
  const reportOf = async (cookie: string) =>
    (await (await get(`/api/campaigns/${deLinde2026().id}/report`, cookie)).json()).benchmark;

  it("is absent while the consultant has published no norm set, for the consultant and the manager alike", async () => {
    expect(demo.normSet).toBeNull();
    expect(await reportOf(consultant)).toBeNull();
    expect(await reportOf(manager)).toBeNull();
  });
  it("is switched on for managers by the consultant only", async () => {
    const path = `/api/organisations/${demo.organisationId}`;
    expect((await send("PATCH", path, { benchmarkForManagers: false }, manager)).status).toBe(403);
    expect((await send("PATCH", path, { benchmarkForManagers: false }, rival)).status).toBe(404);
    const off = await send("PATCH", path, { benchmarkForManagers: false }, consultant);
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ benchmarkForManagers: false });
    await send("PATCH", path, { benchmarkForManagers: true }, consultant);
  });
});

describe("a round's dates", () => {
  it("refuses, with nothing changed, dates that close before they open", async () => {
    const patch = await send(
      "PATCH",
      `/api/campaigns/${polis().id}`,
      { opensOn: "2026-05-01", closesOn: "2026-04-01" },
      consultant,
    );
    expect(patch.status).toBe(400);
    // The round has opened, so its opening date is fixed too: both reasons at once.
    expect((await patch.json()).error.details.map((d: { path: string }) => d.path)).toEqual(["opensOn", "closesOn"]);
    expect(await (await get(`/api/campaigns/${polis().id}`, consultant)).json()).toMatchObject({
      opensOn: polis().opensOn,
      closesOn: polis().closesOn,
    });
    const create = await send(
      "POST",
      `/api/organisations/${polis().organisationId}/campaigns`,
      { title: "Backwards", departments: ["A"], opensOn: "2026-05-01", closesOn: "2026-04-01" },
      consultant,
    );
    expect(create.status).toBe(400);
  });

  it(`takes a hospital's ${MAX_DEPARTMENTS} departments, and refuses one more without storing anything`, async () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `Afdeling ${i + 1}`);
    const rounds = async () => (await t.client.execute("select count(*) as n from campaigns")).rows[0]!.n;
    const before = await rounds();
    const tooMany = await send(
      "POST",
      `/api/organisations/${polis().organisationId}/campaigns`,
      { title: "Too many", departments: names(MAX_DEPARTMENTS + 1) },
      consultant,
    );
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error.details.map((d: { path: string }) => d.path)).toEqual(["json.departments"]);
    expect(await rounds()).toBe(before);
    const hospital = await send(
      "POST",
      `/api/organisations/${polis().organisationId}/campaigns`,
      { title: "Ziekenhuis", departments: names(MAX_DEPARTMENTS) },
      consultant,
    );
    expect(hospital.status).toBe(201);
    const made = await (await get(`/api/campaigns/${(await hospital.json()).id}`, consultant)).json();
    expect(made.units.department).toHaveLength(MAX_DEPARTMENTS);
  });
});

describe("participation of a running round", () => {
  it("is counted afresh at most every 30 seconds", async () => {
    const round = demo.openRound;
    const read = async () =>
      (await (await get(`/api/campaigns/${round.id}/participation`, consultant)).json()).respondents as number;
    const before = await read();
    const answers = { ...validAnswers(t.instrument), department: round.units.department![0]!.value };
    expect(
      (await postJson(t.app, `/api/s/${round.token}/responses`, { submissionId: crypto.randomUUID(), answers })).status,
    ).toBe(201);
    expect(await read()).toBe(before);
    const start = t.clock.now;
    t.clock.now = new Date(start.getTime() + 31_000);
    try {
      expect(await read()).toBe(before + 1);
    } finally {
      t.clock.now = start;
    }
  });
});

describe("a round past its closing date", () => {
  it("is released and cannot be reopened, extended or given codes, even before anyone read it", async () => {
    const res = await send(
      "POST",
      `/api/organisations/${polis().organisationId}/campaigns`,
      { title: "Overdue", departments: ["Schade"], status: "open", closesOn: "2026-03-09" },
      consultant,
    );
    expect(res.status).toBe(201);
    const overdue = await res.json();
    for (const [method, path, body] of [
      ["PATCH", `/api/campaigns/${overdue.id}`, { closesOn: "2026-03-31" }],
      ["POST", `/api/campaigns/${overdue.id}/open`, {}],
      ["POST", `/api/campaigns/${overdue.id}/codes`, { count: 1 }],
      ["PATCH", `/api/campaigns/${overdue.id}`, { requireCode: true }],
    ] as const) {
      const refused = await send(method, path, body, consultant);
      expect(refused.status, `${method} ${path}`).toBe(409);
      expect((await refused.json()).error.code).toBe("campaign_closed");
    }
    expect(await (await get(`/api/campaigns/${overdue.id}/participation`, consultant)).json()).toMatchObject({
      status: "closed",
      released: true,
      closesOn: "2026-03-09",
    });
    // Nothing of a released round changes, not even the headcount its response rate was shown on.
    expect((await send("PATCH", `/api/campaigns/${overdue.id}`, { expectedHeadcount: 12 }, consultant)).status).toBe(
      409,
    );
  });
});

describe("single-use access codes", () => {
  const token = () => polis().token;
  const polisAnswers = () => ({ ...validAnswers(t.instrument), department: "Schade" });
  const submit = (accessCode: string | undefined, submissionId: string = crypto.randomUUID()) =>
    postJson(t.app, `/api/s/${token()}/responses`, {
      submissionId,
      answers: polisAnswers(),
      ...(accessCode === undefined ? {} : { accessCode }),
    });
  let codes: string[] = [];

  it("are issued by the consultant, shown once, as JSON or CSV", async () => {
    const res = await send("POST", `/api/campaigns/${polis().id}/codes`, { count: 3 }, consultant);
    expect(res.status).toBe(201);
    const body = await res.json();
    codes = body.codes;
    expect(codes).toHaveLength(3);
    expect(codes.every((c) => /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/.test(c))).toBe(true);
    expect(body).toMatchObject({ issued: 153, used: demo.rounds.find((r) => r.campaign.id === polis().id)!.responses });
    const csv = await send("POST", `/api/campaigns/${polis().id}/codes?format=csv`, { count: 2 }, consultant);
    expect(csv.status).toBe(201);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).trim().split("\n")).toHaveLength(3);
    expect((await send("POST", `/api/campaigns/${polis().id}/codes`, { count: 0 }, consultant)).status).toBe(400);
    expect((await send("POST", `/api/campaigns/${polis().id}/codes`, { count: 1 }, manager)).status).toBe(403);
  });

  it("are required by the survey, checked before answering, and refused when unknown", async () => {
    expect((await (await t.app.request(`/api/s/${token()}`)).json()).requiresCode).toBe(true);
    expect(
      (await postJson(t.app, `/api/s/${token()}/access-code`, { accessCode: codes[0]!.toLowerCase() })).status,
    ).toBe(200);
    const bogus = await postJson(t.app, `/api/s/${token()}/access-code`, { accessCode: "ZZZZZ-ZZZZZ" });
    expect(bogus.status).toBe(403);
    expect((await bogus.json()).error.code).toBe("invalid_code");
    const before = await countResponses(t.db, polis().id);
    const missing = await submit(undefined);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.code).toBe("code_required");
    expect((await submit("ZZZZZ-ZZZZZ")).status).toBe(403);
    expect(await countResponses(t.db, polis().id)).toBe(before);
  });

  it("work once: the response rate moves by one, a second use is refused, a retry is not double-counted", async () => {
    const submissionId = crypto.randomUUID();
    const before = campaignIn(await portfolio(), polis().id);
    expect((await submit(codes[0]!, submissionId)).status).toBe(201);
    // Live counts are held for half a minute: a read right after one submission does not show it…
    expect(campaignIn(await portfolio(), polis().id)).toMatchObject({
      respondents: before.respondents,
      codes: { used: before.codes.used },
    });
    t.clock.now = new Date(t.clock.now.getTime() + 31_000);
    // …one half a minute later does.
    expect(campaignIn(await portfolio(), polis().id)).toMatchObject({
      respondents: 94,
      codes: { issued: 155, used: 94 },
      responseRate: { pct: 60.6, basis: "codes" },
    });
    // While the round runs, the report and every other figure stay closed.
    const report = await get(`/api/campaigns/${polis().id}/report`, consultant);
    expect(report.status).toBe(409);
    expect((await report.json()).error.code).toBe("results_not_released");
    const again = await submit(codes[0]!);
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("code_used");
    expect((await postJson(t.app, `/api/s/${token()}/access-code`, { accessCode: codes[0] })).status).toBe(409);
    // The browser retrying the same submission after a lost answer is told "stored", and nothing changes.
    expect((await submit(codes[0]!, submissionId)).status).toBe(201);
    expect(await countResponses(t.db, polis().id)).toBe(94);
  });

  it("cannot be used twice by two submissions racing each other", async () => {
    const results = await Promise.all([submit(codes[1]!), submit(codes[1]!), submit(codes[1]!)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await countResponses(t.db, polis().id)).toBe(95);
  });

  it("leave nothing that links a code to its response", async () => {
    const columns = (await t.client.execute("select name from pragma_table_info('access_codes')")).rows.map(
      (r) => r.name,
    );
    expect(columns).toEqual(["campaign_id", "code_hash", "used"]);
    const stored = (
      await t.client.execute({ sql: "select * from responses where campaign_id = ?", args: [polis().id] })
    ).rows;
    const text = JSON.stringify(stored);
    for (const code of codes) {
      expect(text).not.toContain(code);
      expect(text).not.toContain(code.replace("-", ""));
    }
    // Without rowid, the table's order is that of the random hashes, not of use.
    const sqlText = String(
      (await t.client.execute("select sql from sqlite_master where name = 'access_codes'")).rows[0]!.sql,
    );
    expect(sqlText).toContain("WITHOUT ROWID");
  });
});

const customInstrument = (extra: Record<string, unknown> = {}) => ({
  instrumentId: "service-scan",
  title: { nl: "Servicescan", en: "Service scan" },
  pages: [
    {
      name: "p1",
      elements: [
        {
          type: "rating",
          name: "why",
          level: "mission",
          isRequired: true,
          rateMin: 1,
          rateMax: 5,
          title: { nl: "Ik weet waarom we er zijn.", en: "I know why we exist." },
        },
        {
          type: "rating",
          name: "why2",
          level: "mission",
          isRequired: true,
          rateMin: 1,
          rateMax: 5,
          title: { nl: "We praten over ons doel.", en: "We talk about our purpose." },
        },
        {
          type: "rating",
          name: "tools",
          level: "context",
          isRequired: true,
          rateMin: 1,
          rateMax: 5,
          title: { default: "<script>alert('x')</script> Our systems help." },
        },
        {
          type: "dropdown",
          name: "department",
          grouping: "department",
          isRequired: true,
          title: { nl: "Afdeling", en: "Department" },
        },
      ],
    },
  ],
  ...extra,
});

describe("custom instruments", () => {
  let campaign: { id: string; surveyPath: string; instrument: { version: number } };

  it("are validated with the method's rules and stored as new versions", async () => {
    const first = await send("POST", "/api/instruments", customInstrument(), consultant);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      id: "service-scan",
      version: 1,
      builtin: false,
      items: { mission: 2, context: 1 },
      desiredState: false,
    });
    const second = await send("POST", "/api/instruments", customInstrument({ instrumentVersion: 99 }), consultant);
    expect((await second.json()).version).toBe(2);
    const list = await (await get("/api/instruments", consultant)).json();
    // Version 4 is the default; versions 1–3 stay installed, and rounds pinned to them keep them.
    expect(list.filter((i: { default: boolean }) => i.default).map((i: { version: number }) => i.version)).toEqual([4]);
    expect(list.map((i: { id: string; version: number }) => `${i.id}@${i.version}`)).toEqual([
      "customer-centricity@1",
      "customer-centricity@2",
      "customer-centricity@3",
      "customer-centricity@4",
      "service-scan@2",
      "service-scan@1",
    ]);
  });

  it("refuse what breaks the method, unreadable texts, and other people's ids", async () => {
    const untagged = customInstrument();
    delete (untagged.pages[0]!.elements[0] as Record<string, unknown>).level;
    const res = await send("POST", "/api/instruments", untagged, consultant);
    expect(res.status).toBe(400);
    const error = (await res.json()).error;
    expect(error.code).toBe("invalid_instrument");
    expect(error.details[0].path).toBe("why");
    const onlyDutch = customInstrument();
    (onlyDutch.pages[0]!.elements[1] as Record<string, unknown>).title = { nl: "Alleen Nederlands" };
    expect((await send("POST", "/api/instruments", onlyDutch, consultant)).status).toBe(400);
    expect((await send("POST", "/api/instruments", customInstrument(), rival)).status).toBe(409);
    expect(
      (await send("POST", "/api/instruments", customInstrument({ instrumentId: "customer-centricity" }), consultant))
        .status,
    ).toBe(409);
    expect((await send("POST", "/api/instruments", customInstrument(), manager)).status).toBe(403);
    expect((await get("/api/instruments", consultant)).status).toBe(200);
    expect(
      (await (await get("/api/instruments", consultant)).json()).filter((i: { id: string }) => i.id === "service-scan"),
    ).toHaveLength(2);
  });

  it("are pinned by a campaign, which keeps its version when a new one is uploaded", async () => {
    const res = await send(
      "POST",
      `/api/organisations/${demo.organisationId}/campaigns`,
      {
        title: "Servicescan",
        departments: ["Verhuur"],
        status: "open",
        instrument: { id: "service-scan", version: 1 },
      },
      consultant,
    );
    expect(res.status).toBe(201);
    campaign = await res.json();
    expect(campaign.instrument).toEqual({ id: "service-scan", version: 1 });
    expect((await send("POST", "/api/instruments", customInstrument(), consultant)).status).toBe(201); // version 3
    const token = campaign.surveyPath.split("/")[2]!;
    const survey = await (await t.app.request(`/api/s/${token}`)).json();
    expect(survey.instrument.instrumentVersion).toBe(1);
    // The script-like title is served as data; the page renders it as text.
    expect(survey.instrument.pages[0].elements[2].title.default).toContain("<script>");
    const answers = { why: 4, why2: 5, tools: 2, department: "Verhuur" };
    expect(
      (await postJson(t.app, `/api/s/${token}/responses`, { submissionId: crypto.randomUUID(), answers })).status,
    ).toBe(201);
    expect(
      (
        await postJson(t.app, `/api/s/${token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: { ...answers, tools: 6 },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await postJson(t.app, `/api/s/${token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: { ...answers, extra: 1 },
        })
      ).status,
    ).toBe(400);
    expect((await get(`/api/campaigns/${campaign.id}`, consultant)).status).toBe(200);
    expect((await (await get(`/api/campaigns/${campaign.id}`, consultant)).json()).instrument.version).toBe(1);
  });

  it("belong to their consultant: nobody else can pin or read them", async () => {
    const other = await send("POST", "/api/organisations", { name: "Rival client" }, rival);
    const { id } = await other.json();
    const res = await send(
      "POST",
      `/api/organisations/${id}/campaigns`,
      { title: "Copy", departments: ["A"], instrument: { id: "service-scan" } },
      rival,
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("unknown_instrument");
    expect((await get("/api/instruments/service-scan/1", rival)).status).toBe(404);
    const own = await get("/api/instruments/service-scan/1", consultant);
    expect(own.status).toBe(200);
    expect((await own.json()).instrumentVersion).toBe(1);
  });
});

describe("survey links in the consultant's view of a round", () => {
  it("start at the app's public URL (PUBLIC_URL), not at whatever origin the consultant's browser used", async () => {
    const app = await createTestApp({ deps: { publicUrl: "https://enquete.klant.example/" } });
    try {
      const hash = await hashPassword("public-url-password-1");
      const consultant = await createUser(app.db, "c@public-url.test", hash, "consultant");
      const manager = await createUser(app.db, "m@public-url.test", hash, "manager");
      const organisation = await createOrganisation(app.db, "Client P", consultant.id);
      await grantOrganisation(app.db, manager.id, organisation.id);
      const round = await app.addCampaign({ organisationId: organisation.id, title: "Ronde P" });
      const cookie = await loginCookie(app.app, "c@public-url.test", "public-url-password-1");
      const expected = `https://enquete.klant.example/s/${round.token}`;
      // The request arrives at another origin (an internal host name, a consultant on localhost).
      const listed = await (
        await app.app.request("http://intern.local:8080/api/organisations", { headers: { cookie } })
      ).json();
      expect(listed[0].campaigns.find((c: { id: string }) => c.id === round.id)).toMatchObject({
        surveyPath: `/s/${round.token}`,
        surveyUrl: expected,
      });
      const one = await (
        await app.app.request(`http://intern.local:8080/api/campaigns/${round.id}`, { headers: { cookie } })
      ).json();
      expect(one.surveyUrl).toBe(expected);
      const created = await postJson(
        app.app,
        `/api/organisations/${organisation.id}/campaigns`,
        { title: "Ronde Q", departments: ["A"] },
        { cookie, origin: "http://localhost" },
      );
      expect(created.status).toBe(201);
      const body = await created.json();
      expect(body.surveyUrl).toBe(`https://enquete.klant.example${body.surveyPath}`);
      // Managers get no survey link at all.
      const managerCookie = await loginCookie(app.app, "m@public-url.test", "public-url-password-1");
      const managed = await (
        await app.app.request("/api/organisations", { headers: { cookie: managerCookie } })
      ).json();
      expect(managed[0].campaigns.every((c: { surveyUrl?: string }) => c.surveyUrl === undefined)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it("start at the request's origin when no public URL is set", async () => {
    const listed = await (await t.app.request("/api/organisations", { headers: { cookie: consultant } })).json();
    const round = listed
      .flatMap((o: { campaigns: { id: string; surveyUrl: string }[] }) => o.campaigns)
      .find((c: { id: string }) => c.id === demo.campaign.id);
    expect(round.surveyUrl).toBe(`http://localhost/s/${demo.campaign.token}`);
  });
});
