/**
 * An adversary with a consultant's account tries to learn about a group smaller than k: the
 * total minus filters, overlapping filters, a filter plus a heatmap, every answer the API gives
 * solved together as linear equations, the CSV, the order and dates of comments, the order of
 * response ids, and the single-use codes. Each attack is run exhaustively over every filter and
 * breakdown the round allows, through the HTTP API. The round runs on single-use codes (the only
 * kind that publishes breakdowns); an open-link round beside it publishes its whole only. Its
 * departments lie in two locations, so a location minus its departments is one more attack.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import type { Conditions } from "../../src/domain/disclosure.js";
import { type Dimension, DIMENSIONS } from "../../src/domain/units.js";
import { hashPassword } from "../../src/lib/password.js";
import { issueCodes } from "../../src/services/access-codes.js";
import { release } from "../../src/services/release.js";
import { createUser } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { smallComputableSets } from "../helpers/exact-span.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

const K = 5;
let t: TestApp;
let campaign: Campaign;
const target = { organisationId: "" };
let cookie: string;
const submittedComments: string[] = [];
const submissionOrder: string[] = [];

/** department, role, tenure and how many respondents share them: small groups on purpose. */
const PEOPLE: [string, string, string, number][] = [
  ["Sales", "frontline", "lt1", 6],
  ["Sales", "frontline", "1to5", 5],
  ["Sales", "back_office", "1to5", 3],
  ["Sales", "management", "gt10", 2],
  ["Service", "frontline", "lt1", 7],
  ["Service", "team_lead", "5to10", 4],
  ["Service", "back_office", "gt10", 6],
  ["Legal", "back_office", "5to10", 2],
  ["Legal", "management", "gt10", 1],
];
/** Where each department lies: North minus Sales would be Legal's three. */
const LOCATIONS: Record<string, string> = { Sales: "North", Service: "South", Legal: "North" };

beforeAll(async () => {
  t = await createTestApp();
  const consultant = await createUser(t.db, "spy@consult.test", await hashPassword("spy-password-12"), "consultant");
  const organisation = await createOrganisation(t.db, "Target BV", consultant.id);
  campaign = await createCampaign(t.db, {
    ...campaignDefaults(
      t.instrument,
      ["Sales", "Service", "Legal"].map((name) => ({ name, location: LOCATIONS[name] })),
    ),
    organisationId: organisation.id,
    title: "Target",
    requireCode: true,
  });
  target.organisationId = organisation.id;
  const codes = await issueCodes(
    t.db,
    campaign,
    PEOPLE.reduce((n, p) => n + p[3], 0),
  );
  let i = 0;
  for (const [department, role, tenure, count] of PEOPLE) {
    for (let j = 0; j < count; j++, i++) {
      const comment = `comment-${String(i).padStart(3, "0")}`;
      const submissionId = crypto.randomUUID();
      submittedComments.push(comment);
      const res = await postJson(t.app, `/api/s/${campaign.token}/responses`, {
        submissionId,
        accessCode: codes[i],
        answers: { ...validAnswers(t.instrument, 1 + (i % 5)), department, role, tenure, comment },
      });
      expect(res.status).toBe(201);
      const [row] = (await t.client.execute({ sql: "select id from responses where comment = ?", args: [comment] }))
        .rows;
      submissionOrder.push(String(row!.id));
    }
  }
  // Results exist only once the round is closed and released.
  await release(t, campaign, t.clock.now);
  cookie = await loginCookie(t.app, "spy@consult.test", "spy-password-12");
});
afterAll(() => t.close());

const query = (filters: Conditions, dimension?: Dimension) =>
  [
    ...Object.entries(filters).map(([d, v]) => `filter[${d}]=${encodeURIComponent(v!)}`),
    ...(dimension ? [`dimension=${dimension}`] : []),
  ].join("&");

async function report(
  filters: Conditions,
  dimension?: Dimension,
): Promise<{
  n: number;
  heatmap?: { rows: { value: string; n: number | null; suppressed: boolean }[] };
  comments: string[] | null;
} | null> {
  const res = await t.app.request(`/api/campaigns/${campaign.id}/report?${query(filters, dimension)}`, {
    headers: { cookie },
  });
  if (res.status === 422) return null;
  expect(res.status).toBe(200);
  return res.json();
}

/** Every filter: each dimension unset or set to one of its units (including the hidden ones). */
function allFilters(): Conditions[] {
  let out: Conditions[] = [{}];
  for (const d of DIMENSIONS) {
    const values = campaign.units[d]!.map((u) => u.value);
    out = out.flatMap((f) => [f, ...values.map((v) => ({ ...f, [d]: v }))]);
  }
  return out;
}

const exposes = (difference: number) => difference > 0 && difference < K;

describe("attacks on groups smaller than k", () => {
  let allowed: Map<string, number>;
  beforeAll(async () => {
    allowed = new Map();
    for (const f of allFilters()) {
      const r = await report(f);
      if (r) allowed.set(JSON.stringify(f), r.n);
    }
  });
  const key = (f: Conditions) => JSON.stringify(f);

  it("no allowed filter shows a group under k", () => {
    // Not a vacuous check: some filters are allowed, many are refused.
    expect(allowed.size).toBeGreaterThanOrEqual(5);
    expect(allowed.size).toBeLessThan(allFilters().length);
    for (const n of allowed.values()) expect(n).toBeGreaterThanOrEqual(K);
    // A location is published (South, which is Service), and North never beside Sales: it would be Legal's three.
    expect(allowed.has(key({ location: "South" }))).toBe(true);
    expect(allowed.has(key({ location: "North" })) && allowed.has(key({ department: "Sales" }))).toBe(false);
  });

  it("the total minus every allowed single-unit filter leaves nobody, or k or more", () => {
    const total = allowed.get(key({}))!;
    for (const d of DIMENSIONS) {
      const shown = campaign.units[d]!.map((u) => allowed.get(key({ [d]: u.value })) ?? 0).reduce((a, b) => a + b, 0);
      expect(exposes(total - shown), d).toBe(false);
    }
  });

  it("no two allowed filters, one inside the other, differ by fewer than k", () => {
    for (const f of allFilters()) {
      const outer = allowed.get(key(f));
      if (outer === undefined) continue;
      for (const d of DIMENSIONS) {
        if (f[d] !== undefined) continue;
        for (const u of campaign.units[d]!) {
          const inner = allowed.get(key({ ...f, [d]: u.value }));
          if (inner !== undefined) expect(exposes(outer - inner), `${key(f)} − ${d}=${u.value}`).toBe(false);
        }
      }
    }
  });

  it("no heatmap under an allowed filter leaves a hidden remainder under k", async () => {
    for (const [f, n] of allowed) {
      for (const d of DIMENSIONS) {
        const filters = JSON.parse(f) as Conditions;
        if (filters[d] !== undefined) continue;
        const r = (await report(filters, d))!;
        if (!r.heatmap) continue; // not a table of the plan: nothing shown
        const shown = r.heatmap.rows.filter((row) => !row.suppressed).reduce((a, row) => a + row.n!, 0);
        for (const row of r.heatmap.rows) if (!row.suppressed) expect(row.n! >= K).toBe(true);
        expect(exposes(n - shown), `${f} by ${d}`).toBe(false);
      }
    }
  });

  it("the CSV under every allowed filter holds no group under k and no comment", async () => {
    for (const f of allowed.keys()) {
      const res = await t.app.request(`/api/campaigns/${campaign.id}/report.csv?${query(JSON.parse(f))}`, {
        headers: { cookie },
      });
      expect(res.status).toBe(200);
      const lines = (await res.text())
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(","));
      for (const cells of lines.filter((c) => c[0] === "heatmap" || c[0] === "level")) {
        const n = cells[3]!;
        if (n !== "suppressed" && n !== "" && n !== "0") expect(Number(n)).toBeGreaterThanOrEqual(K);
      }
      expect(lines.flat().some((cell) => cell.includes("comment-"))).toBe(false);
    }
  });

  it("comments carry no date or id, and their order is not the order they came in", async () => {
    const first = (await report({}))!.comments!;
    expect(first.every((c) => typeof c === "string" && /^comment-\d{3}$/.test(c))).toBe(true);
    expect(first.length).toBe(submittedComments.length);
    const second = (await report({}))!.comments!;
    expect(first).not.toEqual(submittedComments);
    expect(first).not.toEqual([...submittedComments].reverse());
    expect(second).not.toEqual(first); // shuffled again on every read
    // Comments come for the round and for one department at a time, never for a role or a
    // combination: a comment in two overlapping lists would belong to their intersection.
    const inService = PEOPLE.filter(([d]) => d === "Service").reduce((n, p) => n + p[3], 0);
    expect((await report({ department: "Service" }))!.comments).toHaveLength(inService);
    expect((await report({ role: "frontline" }))?.comments ?? null).toBeNull();
    for (const [f] of allowed) {
      const filters = JSON.parse(f) as Conditions;
      const keys = Object.keys(filters);
      if (keys.length > 1 || (keys.length === 1 && keys[0] !== "department"))
        expect((await report(filters))!.comments, f).toBeNull();
    }
  });

  it("no allowed filter minus its allowed sub-filters leaves a group under k", () => {
    // E.g. {Service} − {Service, frontline} − {Service, back_office} would be Service's team leads.
    let checked = 0;
    for (const [f, n] of allowed) {
      const filters = JSON.parse(f) as Conditions;
      for (const d of DIMENSIONS) {
        if (filters[d] !== undefined) continue;
        const children = campaign.units[d]!.map((u) => allowed.get(key({ ...filters, [d]: u.value })) ?? 0);
        expect(exposes(n - children.reduce((a, b) => a + b, 0)), `${f} by ${d}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  it("every figure the API gives, solved together as linear equations, pins down no group of 1..k−1", async () => {
    // The reader's equations: each allowed filter's n and each shown heatmap row under each allowed
    // filter is the sum over a set of the round's occupied cells. Every set of cells with fewer than
    // k respondents is tried, exactly.
    const cells = PEOPLE.map(([department, role, tenure, n]) => ({
      department,
      role,
      tenure,
      location: LOCATIONS[department]!,
      n,
    }));
    const members = (f: Conditions) =>
      cells.flatMap((c, i) => (DIMENSIONS.every((d) => f[d] === undefined || c[d] === f[d]) ? [i] : []));
    const equations: number[][] = [];
    for (const f of allowed.keys()) {
      const filters = JSON.parse(f) as Conditions;
      equations.push(members(filters));
      for (const d of DIMENSIONS) {
        if (filters[d] !== undefined) continue;
        for (const row of (await report(filters, d))?.heatmap?.rows ?? [])
          if (!row.suppressed) equations.push(members({ ...filters, [d]: row.value }));
      }
    }
    expect(equations.length).toBeGreaterThan(allowed.size); // breakdowns were given, not only filters
    expect(
      smallComputableSets(
        cells.map((c) => c.n),
        equations,
        K,
      ),
    ).toEqual([]);
  });
});

describe("an open-link round", () => {
  it("publishes the round as a whole only: anyone could have padded a small unit with invented answers", async () => {
    const open = await createCampaign(t.db, {
      ...campaignDefaults(t.instrument, ["Sales", "Legal"]),
      organisationId: target.organisationId,
      title: "Open link",
    });
    // One real answer in Legal, padded with k−1 invented ones: Legal would pass k.
    for (const [department, count] of [
      ["Sales", 12],
      ["Legal", 5],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const res = await postJson(t.app, `/api/s/${open.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: { ...validAnswers(t.instrument), department, role: "frontline", tenure: "lt1" },
        });
        expect(res.status).toBe(201);
      }
    }
    await release(t, { ...open, status: "closed" }, t.clock.now);
    const get = (q: string) => t.app.request(`/api/campaigns/${open.id}/report?${q}`, { headers: { cookie } });
    const whole = await get("dimension=department");
    expect(whole.status).toBe(200);
    const body = await whole.json();
    expect(body.n).toBe(17);
    expect(body.heatmap).toBeNull();
    expect(body.managementGap).toBeNull();
    for (const q of [
      "filter[department]=Legal",
      "filter[department]=Sales",
      "filter[role]=frontline",
      "filter[tenure]=lt1",
    ]) {
      const refused = await get(q);
      expect(refused.status, q).toBe(422);
      expect((await refused.json()).error.details[0].message).toBe("campaign_level_only");
    }
    const participation = await (
      await t.app.request(`/api/campaigns/${open.id}/participation`, { headers: { cookie } })
    ).json();
    expect(
      Object.values(participation.units)
        .flat()
        .every((u) => (u as { n: number | null }).n === null),
    ).toBe(true);
  });

  it("response ids and the table's own order say nothing about the order of submission", async () => {
    const byId = [...submissionOrder].sort();
    expect(byId).not.toEqual(submissionOrder);
    const natural = (
      await t.client.execute({ sql: "select id from responses where campaign_id = ?", args: [campaign.id] })
    ).rows.map((r) => String(r.id));
    // Within a cell, rows come in the order of their random ids (WITHOUT ROWID), not of arrival.
    expect(natural).not.toEqual(submissionOrder);
    expect(natural.length).toBe(submissionOrder.length);
    // Within one cell the database's own order is that of the random ids; a rowid table would
    // hand back arrival order here. Two cells of 6 and 7: 1 in 3.6 million to match by chance.
    const arrival = async (department: string, role: string, tenure: string) => {
      const ids = (
        await t.client.execute({
          sql: "select id from responses where campaign_id = ? and department = ? and role = ? and tenure = ?",
          args: [campaign.id, department, role, tenure],
        })
      ).rows.map((r) => String(r.id));
      return ids.join() === submissionOrder.filter((id) => ids.includes(id)).join();
    };
    expect((await arrival("Sales", "frontline", "lt1")) && (await arrival("Service", "frontline", "lt1"))).toBe(false);
    const dates = (
      await t.client.execute({
        sql: "select distinct submitted_on from responses where campaign_id = ?",
        args: [campaign.id],
      })
    ).rows;
    expect(dates.map((r) => r.submitted_on)).toEqual(["2026-03-10"]);
  });

  it("single-use codes cannot be joined to the answers they unlocked", async () => {
    // A running round of the same organisation: codes are used while a round runs.
    const campaign = await createCampaign(t.db, {
      ...campaignDefaults(t.instrument, ["Sales"]),
      organisationId: target.organisationId,
      title: "Coded",
    });
    const issued = await t.app.request(`/api/campaigns/${campaign.id}/codes`, {
      method: "POST",
      headers: { cookie, origin: "http://localhost", "content-type": "application/json" },
      body: JSON.stringify({ count: 8 }),
    });
    const { codes } = (await issued.json()) as { codes: string[] };
    for (const [i, code] of codes.entries()) {
      const res = await postJson(t.app, `/api/s/${campaign.token}/responses`, {
        submissionId: crypto.randomUUID(),
        accessCode: code,
        answers: {
          ...validAnswers(t.instrument),
          department: "Sales",
          role: "frontline",
          tenure: "lt1",
          comment: `coded-${i}`,
        },
      });
      expect(res.status).toBe(201);
    }
    const columns = async (table: string) =>
      (await t.client.execute(`select name from pragma_table_info('${table}')`)).rows.map((r) => String(r.name));
    expect(await columns("access_codes")).toEqual(["campaign_id", "code_hash", "used"]);
    expect((await columns("responses")).filter((c) => /code|time|at$|order/.test(c))).toEqual([]);
    const hashes = (
      await t.client.execute({
        sql: "select code_hash from access_codes where campaign_id = ? and used = 1",
        args: [campaign.id],
      })
    ).rows.map((r) => String(r.code_hash));
    expect(hashes).toHaveLength(8);
    // The codes table keeps no order of its own (WITHOUT ROWID): rows come in the hashes' order.
    expect(hashes).toEqual([...hashes].sort());
    expect(
      String((await t.client.execute("select sql from sqlite_master where name = 'access_codes'")).rows[0]!.sql),
    ).toContain("WITHOUT ROWID");
    const everything = JSON.stringify(
      (await t.client.execute({ sql: "select * from responses where campaign_id = ?", args: [campaign.id] })).rows,
    );
    for (const h of hashes) expect(everything).not.toContain(h);
    for (const code of codes) expect(everything).not.toContain(code);
  });
});
