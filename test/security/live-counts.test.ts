/**
 * Live counts against the release, over HTTP: a consultant reads participation just before closing
 * a round whose departments lie in locations, then everything the release publishes, and solves it
 * all together. Found by an attacker who had not seen the code: a location read live minus a
 * department released was the rest of the location; a location minus the managers, all of whom sat
 * in it, was its two staff. Every figure read is a sum over the round's cells; the exhaustive
 * search finds no set of 1..k−1 among them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Conditions } from "../../src/domain/disclosure.js";
import { reduceReleased } from "../../src/services/release.js";
import { type ConsultantApp, consultantApp } from "../helpers/consultant-app.js";
import { smallComputableSets } from "../helpers/exact-span.js";
import { postJson, validAnswers } from "../helpers/test-app.js";

const K = 5;
let app: ConsultantApp;
/** Each round's survey token, by its id. */
const tokens = new Map<string, string>();

beforeAll(async () => {
  app = await consultantApp("c@live-counts.test", "Ziekenhuis Oost");
});
afterAll(() => app.t.close());

interface Cell {
  department: string;
  role: string;
  n: number;
}
type Dimension = "department" | "role" | "location";
interface Unit {
  value: string;
  n: number | null;
}

/** A round on codes with these departments (each in its location) and roles (null: the standard four), answered as `cells` say. */
async function answeredRound(departments: Record<string, string>, roles: string[] | null, cells: readonly Cell[]) {
  const created = await app.send("POST", `/api/organisations/${app.organisationId}/campaigns`, {
    title: `Ronde ${crypto.randomUUID().slice(0, 8)}`,
    departments: Object.entries(departments).map(([name, location]) => ({ name, location })),
    ...(roles ? { roles } : {}),
    requireCode: true,
    status: "open",
  });
  expect(created.status).toBe(201);
  const round = await created.json();
  tokens.set(round.id, String(round.surveyPath).slice(3));
  const total = cells.reduce((n, c) => n + c.n, 0);
  const { codes } = await (await app.send("POST", `/api/campaigns/${round.id}/codes`, { count: total })).json();
  let i = 0;
  for (const { department, role, n } of cells)
    for (let j = 0; j < n; j++, i++) {
      const answers = { ...validAnswers(app.t.instrument, 1 + (i % 5)), department, role, tenure: "1to5" };
      const body = { submissionId: crypto.randomUUID(), accessCode: codes[i], answers };
      expect((await postJson(app.t.app, `/api/s/${tokens.get(round.id)}/responses`, body)).status).toBe(201);
    }
  return round.id as string;
}

/** The live counts shown, as groups: the round and each shown unit. */
async function liveFigures(id: string): Promise<Conditions[]> {
  app.t.clock.now = new Date(app.t.clock.now.getTime() + 60_000); // past the live counts' 30 s
  const live = await (await app.send("GET", `/api/campaigns/${id}/participation`)).json();
  const units = live.units as Partial<Record<Dimension, Unit[]>>;
  return [
    {},
    ...Object.entries(units).flatMap(([d, rows]) =>
      rows.flatMap((u) => (u.n === null ? [] : [{ [d]: u.value } as Conditions])),
    ),
  ];
}

/** Every group the release serves: each filter it answers, and each shown heatmap row under it. */
async function releasedFigures(id: string, departments: string[], roles: string[]): Promise<Conditions[]> {
  const figures: Conditions[] = [];
  const filters: Conditions[] = [
    {},
    ...departments.map((department) => ({ department })),
    ...roles.map((role) => ({ role })),
  ];
  for (const filter of filters)
    for (const dimension of ["department", "role", "location"] as const) {
      const query = Object.entries(filter)
        .map(([d, v]) => `&filter[${d}]=${encodeURIComponent(v!)}`)
        .join("");
      const res = await app.send("GET", `/api/campaigns/${id}/report?dimension=${dimension}${query}`);
      if (res.status !== 200) continue;
      const report = await res.json();
      figures.push(filter);
      for (const row of report.heatmap?.rows ?? [])
        if (!row.suppressed) figures.push({ ...filter, [dimension]: row.value });
    }
  return figures;
}

/** The sets of 1..k−1 respondents the figures compute, by an exhaustive search over the cells. */
function smallSets(cells: readonly Cell[], departments: Record<string, string>, figures: readonly Conditions[]) {
  const inGroup = (c: Cell, f: Conditions) =>
    (f.department === undefined || f.department === c.department) &&
    (f.role === undefined || f.role === c.role) &&
    (f.location === undefined || f.location === departments[c.department]);
  const groups = figures.map((f) => cells.flatMap((c, i) => (inGroup(c, f) ? [i] : [])));
  return smallComputableSets(
    cells.map((c) => c.n),
    groups,
    K,
  );
}

describe("live counts with the release", () => {
  it("a location read live just before closing and a department released leave no small rest", async () => {
    // Oost: Solo 4; Zuid: Lab 5, Keuken 5; Noord: Poli 4, Zorg 6. Noord (live) − Zorg (released) was
    // Poli's 4, and the round − Lab − Keuken − Noord (live) Solo's 4.
    const departments = { Solo: "Oost", Lab: "Zuid", Keuken: "Zuid", Poli: "Noord", Zorg: "Noord" };
    const cells = Object.entries({ Solo: 4, Lab: 5, Keuken: 5, Poli: 4, Zorg: 6 }).map(([department, n]) => ({
      department,
      role: "frontline",
      n,
    }));
    const id = await answeredRound(departments, null, cells);
    const live = await liveFigures(id);
    expect((await app.send("POST", `/api/campaigns/${id}/close`)).status).toBe(200);
    const released = await releasedFigures(id, Object.keys(departments), ["frontline", "management"]);
    // Both halves publish something: the test is not passed by showing nothing.
    expect(live.length).toBeGreaterThan(1);
    expect(released.filter((f) => Object.keys(f).length > 0).length).toBeGreaterThan(0);
    expect(smallSets(cells, departments, [...live, ...released])).toEqual([]);
  });

  it("a location minus the managers, who all sit in it, is not its staff while the round runs", async () => {
    const departments = { Zorg: "Noord", Admin: "Noord", Poli: "Zuid", Lab: "Zuid", Kassa: "Oost", Magazijn: "Oost" };
    const cells = [
      { department: "Zorg", role: "Manager", n: 3 },
      { department: "Admin", role: "Manager", n: 2 },
      { department: "Admin", role: "Staf", n: 2 },
      { department: "Poli", role: "Staf", n: 10 },
      { department: "Lab", role: "Staf", n: 8 },
      { department: "Kassa", role: "Staf", n: 2 },
      { department: "Magazijn", role: "Staf", n: 4 },
    ];
    const id = await answeredRound(departments, ["Manager", "Staf"], cells);
    const live = await liveFigures(id);
    expect(live.some((f) => f.location !== undefined)).toBe(true);
    expect(smallSets(cells, departments, live)).toEqual([]);
  });
});

describe("side doors to the live counts, and what a release leaves", () => {
  it("the deletion preview and the codes answer move with the live counts only, at most every 30 s", async () => {
    const departments = { Zorg: "Noord", Poli: "Zuid" };
    const cells = [{ department: "Zorg", role: "frontline", n: 6 }];
    const id = await answeredRound(departments, null, cells);
    // A read fixes the snapshot; one more answer lands right after it.
    const preview = async () => (await (await app.send("GET", `/api/campaigns/${id}/deletion`)).json()).removes;
    const codesAnswer = async () => (await app.send("POST", `/api/campaigns/${id}/codes`, { count: 1 })).json();
    app.t.clock.now = new Date(app.t.clock.now.getTime() + 60_000);
    const before = { preview: await preview(), codes: await codesAnswer() };
    expect(before.preview.responses).toBe(6);
    expect(before.codes.used).toBe(6);
    const [code] = before.codes.codes;
    const answers = { ...validAnswers(app.t.instrument), department: "Poli", role: "frontline", tenure: "1to5" };
    const body = { submissionId: crypto.randomUUID(), accessCode: code, answers };
    expect((await postJson(app.t.app, `/api/s/${tokens.get(id)}/responses`, body)).status).toBe(201);
    // Within the 30 s, neither shows it; after them, both do.
    expect((await preview()).responses).toBe(6);
    expect((await codesAnswer()).used).toBe(6);
    app.t.clock.now = new Date(app.t.clock.now.getTime() + 31_000);
    expect((await preview()).responses).toBe(7);
    expect((await codesAnswer()).used).toBe(7);
  });

  it("the sweep after a release deletes the round's codes with its raw responses, and keeps the code counts", async () => {
    const id = await answeredRound({ Zorg: "Noord", Poli: "Zuid" }, null, [
      { department: "Zorg", role: "frontline", n: 6 },
      { department: "Poli", role: "frontline", n: 5 },
    ]);
    const count = async (table: string) =>
      Number(
        (await app.t.client.execute({ sql: `select count(*) as n from ${table} where campaign_id = ?`, args: [id] }))
          .rows[0]!.n,
      );
    expect(await count("access_codes")).toBe(11);
    expect((await app.send("POST", `/api/campaigns/${id}/close`)).status).toBe(200);
    // The sweep the server runs every minute (and Workers' cron).
    await reduceReleased({ db: app.t.db, instruments: app.t.instruments });
    expect(await count("access_codes")).toBe(0);
    expect(await count("responses")).toBe(0);
    const [counts] = (
      await app.t.client.execute({ sql: "select codes_issued, codes_used from campaigns where id = ?", args: [id] })
    ).rows;
    expect([Number(counts!.codes_issued), Number(counts!.codes_used)]).toEqual([11, 11]);
    app.t.clock.now = new Date(app.t.clock.now.getTime() + 60_000); // past the live counts' 30 s
    const view = await (await app.send("GET", `/api/campaigns/${id}`)).json();
    expect(view.codes).toEqual({ issued: 11, used: 11 });
  });
});
