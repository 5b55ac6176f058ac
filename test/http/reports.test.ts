/** The management report on the demo: diagnosis, suppression, decision factors, CSV and access. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DemoResult } from "../../src/demo/seed.js";
import { instrumentOutline } from "../../src/instruments/outline.js";
import { createOrganisation } from "../../src/storage/campaigns.js";
import { accountCookie, createDemoApp } from "../helpers/fixtures.js";
import type { TestApp } from "../helpers/test-app.js";

let t: TestApp;
let demo: DemoResult;
let manager: string;
let consultant: string;
let outsider: string;

beforeAll(async () => {
  ({ t, demo, manager, consultant } = await createDemoApp());
  const other = await createOrganisation(t.db, "Zorggroep Elders");
  outsider = (await accountCookie(t, "other@elders.test", "manager", other.id)).cookie;
});
afterAll(() => t.close());

const get = (path: string, cookie?: string) => t.app.request(path, cookie ? { headers: { cookie } } : {});
const reportPath = (query = "") => `/api/campaigns/${demo.campaign.id}/report${query}`;

describe("the demo report for its manager", () => {
  it("starts at values, because values are divided, with an explanation naming the levels below", async () => {
    const res = await get(reportPath(), manager);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.n).toBe(demo.responses);
    expect(report.levels.map((l: { id: string }) => l.id)).toEqual([
      "mission",
      "identity",
      "values",
      "competencies",
      "skills",
      "behaviour",
      "context",
    ]);
    const values = report.levels.find((l: { id: string }) => l.id === "values");
    // The telephone example: two camps on values, not a low score; each camp's size is said.
    expect(values.divided).toBe(true);
    expect(values.reliable).toBe(true);
    expect(values.weak).toBe(false);
    expect(values.camps.lowPct).toBeGreaterThanOrEqual(20);
    expect(values.camps.highPct).toBeGreaterThanOrEqual(20);
    expect(values.camps.lowPct + values.camps.highPct).toBeCloseTo(100, 0);
    expect(values.splitItems.length).toBeGreaterThan(0);
    expect(values.splitItems.every((name: string) => name.startsWith("values_"))).toBe(true);
    expect(values.note.en).toMatch(/^Divided: staff fall into two camps, \d+% lower and \d+% higher/);
    const skills = report.levels.find((l: { id: string }) => l.id === "skills");
    expect(skills.weak).toBe(true);
    expect(skills.ci95[1]).toBeLessThan(report.campaign.thresholds.weakBelow);
    // Nothing above values is flagged, so values is the pick, for its one reason, and steady under resampling.
    for (const upper of report.levels.slice(0, 2))
      expect([upper.weak, upper.possiblyWeak, upper.divided]).toEqual([false, false, false]);
    expect(report.startHere).toMatchObject({
      level: "values",
      reasons: ["divided"],
      basis: "flagged",
      indicative: false,
    });
    expect(report.startHere.stability).toBeGreaterThanOrEqual(0.9);
    expect(report.startHere.stability).toBeLessThanOrEqual(1);
    expect(report.startHere.explanation.nl).toContain("vaardigheden");
    expect(report.startHere.explanation.en).toContain("skills");
  });

  it("names each decision option with the words staff saw in the round's own instrument version", async () => {
    const report = await (await get(reportPath(), manager)).json();
    const instrument = t.instruments.get(demo.campaign.instrumentId, demo.campaign.instrumentVersion)!;
    const choices = instrumentOutline(instrument.json).factors!.choices;
    expect(report.decisionFactors.factors.length).toBe(choices.length);
    for (const f of report.decisionFactors.factors as { id: string; label: unknown }[])
      expect(f.label, f.id).toEqual(choices.find((c) => c.value === f.id)!.text);
  });

  it("names every item it shows, and each split item, by its question in the round's instrument, in both languages", async () => {
    const report = await (await get(reportPath(), manager)).json();
    const instrument = t.instruments.get(demo.campaign.instrumentId, demo.campaign.instrumentVersion)!;
    const titles = new Map(
      instrumentOutline(instrument.json).levels.flatMap((l) => l.items.map((i) => [i.name, i.title] as const)),
    );
    const names = report.items.map((i: { name: string }) => i.name);
    expect(names.length).toBeGreaterThan(20);
    expect(Object.keys(report.questions).sort()).toEqual([...names].sort());
    for (const name of names) expect(report.questions[name]).toEqual(titles.get(name));
    const split = report.levels.flatMap((l: { splitItems: string[] }) => l.splitItems);
    expect(split.length).toBeGreaterThan(0);
    for (const name of split) expect(report.questions[name].nl).not.toBe(name);
  });

  it("gives every level a 0–100 score with a 95% interval around it, SD and favourable shares", async () => {
    const { levels } = await (await get(reportPath(), manager)).json();
    for (const l of levels) {
      expect(l.ci95[0]).toBeLessThanOrEqual(l.score);
      expect(l.ci95[1]).toBeGreaterThanOrEqual(l.score);
      expect(l.ci95[1] - l.ci95[0]).toBeGreaterThan(0);
      expect(l.ci95[1] - l.ci95[0]).toBeLessThan(15); // ~317 respondents: a narrow interval
      expect(l.favourablePct + l.unfavourablePct).toBeLessThanOrEqual(100);
      expect(l.n).toBe(demo.responses);
    }
  });

  it("hides the small department and, by the secondary rule, the next-smallest", async () => {
    const { heatmap } = await (await get(reportPath("?dimension=department"), manager)).json();
    const hidden = heatmap.rows
      .filter((r: { suppressed: boolean }) => r.suppressed)
      .map((r: { value: string }) => r.value);
    expect(hidden).toEqual(["HR & Facilitair", "Directiesecretariaat"]);
    for (const row of heatmap.rows.filter((r: { suppressed: boolean }) => r.suppressed)) {
      expect(row.n).toBeNull();
      expect(row.scores).toBeNull();
    }
    const kcc = heatmap.rows.find((r: { value: string }) => r.value === "Klantcontactcentrum");
    expect(kcc.n).toBe(82);
    expect(Object.keys(kcc.scores)).toHaveLength(7);
  });

  it("keeps how stable the pick is under resampling only for groups of 30 or more; smaller ones are a pointer", async () => {
    const { rows } = await t.client.execute({
      sql: "select n, stats from release_groups where campaign_id = ?",
      args: [demo.campaign.id],
    });
    const groups = rows.map((r) => ({ n: Number(r.n), stability: JSON.parse(String(r.stats)).stability }));
    expect(groups.filter((g) => g.n < 30).length).toBeGreaterThan(0);
    expect(groups.filter((g) => g.n >= 30).length).toBeGreaterThan(0);
    for (const g of groups) expect(g.stability !== undefined, `a group of ${g.n}`).toBe(g.n >= 30);
  });

  it("makes the coat rack obvious: most decide by the system, about one in ten by personal fairness", async () => {
    const { decisionFactors } = await (await get(reportPath(), manager)).json();
    expect(decisionFactors.groups.rules.chosenPct).toBeGreaterThan(80);
    const fairness = decisionFactors.factors.find((f: { id: string }) => f.id === "personal_fairness");
    expect(fairness.chosenPct).toBeGreaterThan(5);
    expect(fairness.chosenPct).toBeLessThan(15);
    expect(decisionFactors.groups.system.mostPct).toBeGreaterThan(decisionFactors.groups.heart.mostPct * 2);
    expect(decisionFactors.headline.nl).toMatch(/^Het hart hangt aan de kapstok/);
    expect(decisionFactors.headline.en).toContain(`Only ${Math.round(fairness.chosenPct)}%`);
  });

  it("shows comments in random order without dates, only for groups of kComments or more", async () => {
    const first = await (await get(reportPath(), manager)).json();
    expect(first.comments.length).toBeGreaterThan(10);
    expect(first.comments.every((c: unknown) => typeof c === "string")).toBe(true);
    const orders = new Set<string>([JSON.stringify(first.comments)]);
    for (let i = 0; i < 4; i++) orders.add(JSON.stringify((await (await get(reportPath(), manager)).json()).comments));
    expect(orders.size).toBeGreaterThan(1);
    // The demo's management role has fewer than 10 respondents: at least k, so scores are shown,
    // but under kComments = 10, so its comments are not.
    const small = await get(reportPath("?filter[role]=management"), manager);
    expect(small.status).toBe(200);
    const smallReport = await small.json();
    expect(smallReport.n).toBeGreaterThanOrEqual(first.campaign.k);
    expect(smallReport.n).toBeLessThan(first.campaign.kComments);
    expect(smallReport.levels).toHaveLength(7);
    expect(smallReport.comments).toBeNull();
  });

  it("compares management with the rest of the staff per level when both reach k", async () => {
    const { managementGap } = await (await get(reportPath(), manager)).json();
    expect(managementGap).toHaveLength(7);
    for (const g of managementGap) expect(g.gap).toBeCloseTo(g.management - g.staff, 1);
  });

  it("refuses a filter on a hidden unit or with a small remainder, with 422 and a reason", async () => {
    const hidden = await get(reportPath(`?filter[department]=${encodeURIComponent("HR & Facilitair")}`), manager);
    expect(hidden.status).toBe(422);
    const body = await hidden.json();
    expect(body.error.code).toBe("filter_refused");
    expect(body.error.message).toMatch(/anonymity/);
    const tiny = await get(reportPath(`?filter[department]=Directiesecretariaat`), manager);
    expect(tiny.status).toBe(422);
    const ok = await get(reportPath(`?filter[department]=Incasso&dimension=role`), manager);
    expect(ok.status).toBe(200);
    expect((await ok.json()).n).toBe(44);
  });

  it("answers 400 for an unknown dimension, filter key or unit", async () => {
    expect((await get(reportPath("?dimension=salary"), manager)).status).toBe(400);
    const badKey = await get(reportPath("?filter[salary]=high"), manager);
    expect(badKey.status).toBe(400);
    expect((await badKey.json()).error.code).toBe("invalid_filter");
    const unknown = await get(reportPath("?filter[department]=Marketing"), manager);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.code).toBe("invalid_filter");
  });

  it("exports the same aggregates as CSV, with suppressed cells and no comments", async () => {
    const res = await get(`/api/campaigns/${demo.campaign.id}/report.csv`, manager);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const csv = await res.text();
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("section,group,level,n,score,ci95_low,ci95_high,sd,favourable_pct,unfavourable_pct,flag");
    expect(lines).toContain("heatmap,department=Directiesecretariaat,,suppressed,,,,,,,hidden by the disclosure plan");
    expect(csv).toMatch(/^start_here,all,values,/m);
    expect(csv).not.toContain("Meer tijd per klant");
    // Each gap the report shows is one CSV row: its size as the score, the two sides as the note.
    const report = await (await get(reportPath(""), manager)).json();
    const gaps = [
      ...(report.managementGap ?? []).map(
        (g: { level: string; gap: number; management: number; staff: number }) =>
          `management_gap,management-staff,${g.level},,${g.gap},,,,,,${g.management} vs ${g.staff}`,
      ),
      ...(report.desiredGap ?? []).map(
        (g: { level: string; gap: number; desired: number; current: number }) =>
          `desired_gap,desired-current,${g.level},,${g.gap},,,,,,${g.desired} vs ${g.current}`,
      ),
    ];
    expect(gaps.length).toBeGreaterThan(0);
    for (const row of gaps) expect(lines).toContain(row);
    expect(
      (await get(`/api/campaigns/${demo.campaign.id}/report.csv?filter[department]=Directiesecretariaat`, manager))
        .status,
    ).toBe(422);
    // Named by organisation, round and release date, not by an id.
    const { campaign } = await (await get(reportPath(), manager)).json();
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="woonstichting-de-linde_medewerkersonderzoek-klantgerichtheid-2026_${campaign.releasedOn}.csv"`,
    );
  });

  it("exports a CSV Dutch Excel opens in columns: BOM, semicolons, names and decimal commas, the same figures", async () => {
    const plain = (await (await get(`/api/campaigns/${demo.campaign.id}/report.csv`, manager)).text())
      .trim()
      .split("\n");
    const res = await get(`/api/campaigns/${demo.campaign.id}/report.csv?spreadsheet=nl`, manager);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines).toHaveLength(plain.length);
    expect(lines[0]).toBe("onderdeel;groep;niveau;n;score;95%-marge laag;95%-marge hoog;sd;% eens;% oneens;kenmerk");
    // The first level row: the same figures, with the level's name and decimal commas.
    const [, , , n, score] = plain[1]!.split(",");
    expect(lines[1]!.split(";").slice(0, 5)).toEqual([
      "niveau",
      "alle respondenten",
      "Missie",
      n,
      score!.replace(".", ","),
    ]);
    expect((await get(`/api/campaigns/${demo.campaign.id}/report.csv?spreadsheet=fr`, manager)).status).toBe(400);
  });
});

describe("access to a report", () => {
  it("is 401 without a session, 404 for a manager of another organisation", async () => {
    expect((await get(reportPath())).status).toBe(401);
    const res = await get(reportPath(), outsider);
    expect(res.status).toBe(404);
    expect((await get(`/api/campaigns/${demo.campaign.id}/report.csv`, outsider)).status).toBe(404);
    expect((await get(`/api/campaigns/${demo.campaign.id}`, outsider)).status).toBe(404);
  });

  it("is open to the owning consultant, who also sees the survey link", async () => {
    expect((await get(reportPath(), consultant)).status).toBe(200);
    const campaign = await (await get(`/api/campaigns/${demo.campaign.id}`, consultant)).json();
    expect(campaign.surveyPath).toBe(`/s/${demo.campaign.token}`);
    expect(campaign.respondents).toBe(demo.responses);
    const asManager = await (await get(`/api/campaigns/${demo.campaign.id}`, manager)).json();
    expect(asManager.surveyPath).toBeUndefined();
  });
});

describe("flags in the heatmap", () => {
  it("mark each unit's weak and divided levels as that unit's own report does", async () => {
    const { heatmap } = await (await get(reportPath("?dimension=department"), manager)).json();
    const shown = heatmap.rows.filter((r: { suppressed: boolean }) => !r.suppressed);
    expect(shown.length).toBeGreaterThan(2);
    let flagged = 0;
    for (const row of shown) {
      const own = await (await get(reportPath(`?filter[department]=${encodeURIComponent(row.value)}`), manager)).json();
      const of = (flag: "weak" | "divided") =>
        own.levels.filter((l: Record<string, unknown>) => l[flag]).map((l: { id: string }) => l.id);
      expect(row.weak).toEqual(of("weak"));
      expect(row.divided).toEqual(of("divided"));
      flagged += row.weak.length + row.divided.length;
    }
    // The demo's departments are weak on skills at least: the comparison above is not of empty lists only.
    expect(flagged).toBeGreaterThan(0);
  });
});
