/**
 * A manager scoped to one department reads the round as a whole and their own department (with
 * its roles), as far as the release's plan publishes them — nothing of another department and no
 * organisation-wide breakdown; an unscoped manager of the same organisation reads everything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DemoResult } from "../../src/demo/seed.js";
import { accountCookie, createDemoApp } from "../helpers/fixtures.js";
import type { TestApp } from "../helpers/test-app.js";

const MINE = "Incasso";
let t: TestApp;
let demo: DemoResult;
let scoped: string;
let unscoped: string;

beforeAll(async () => {
  ({ t, demo, manager: unscoped } = await createDemoApp());
  scoped = (await accountCookie(t, "head@incasso.test", "manager", demo.organisationId, { department: [MINE] })).cookie;
});
afterAll(() => t.close());

const get = async (path: string, cookie: string) => {
  const res = await t.app.request(path, { headers: { cookie } });
  return {
    status: res.status,
    body: res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text(),
  };
};
const report = (query: string, cookie: string) => get(`/api/campaigns/${demo.campaign.id}/report?${query}`, cookie);

describe("a manager scoped to one department", () => {
  it("reads the round as a whole, as everyone does", async () => {
    const mine = await report("", scoped);
    const all = await report("", unscoped);
    expect(mine.status).toBe(200);
    expect(mine.body.n).toBe(all.body.n);
    expect(mine.body.levels).toEqual(all.body.levels);
  });

  it("sees only their own department in the heatmap, no organisation-wide role breakdown and no organisation-wide gap", async () => {
    const mine = (await report("dimension=department", scoped)).body;
    const all = (await report("dimension=department", unscoped)).body;
    const shown = (r: { heatmap: { rows: { value: string; suppressed: boolean }[] } }) =>
      r.heatmap.rows.filter((row) => !row.suppressed).map((row) => row.value);
    expect(shown(mine)).toEqual([MINE]);
    expect(shown(all).length).toBeGreaterThan(1);
    expect(shown(all)).toContain(MINE);
    expect((await report("dimension=role", scoped)).body.heatmap).toBeNull();
    expect((await report("dimension=role", unscoped)).body.heatmap.rows.length).toBeGreaterThan(0);
    expect(mine.managementGap).toBeNull();
  });

  it("filters on their own department, with its roles, and on nothing else", async () => {
    const own = await report(`filter[department]=${MINE}&dimension=role`, scoped);
    expect(own.status).toBe(200);
    expect(own.body).toEqual({
      ...(await report(`filter[department]=${MINE}&dimension=role`, unscoped)).body,
      comments: own.body.comments,
      benchmark: own.body.benchmark,
    });
    for (const q of [
      "filter[department]=Onderhoud",
      "filter[role]=frontline",
      "filter[tenure]=gt10",
      `filter[department]=${MINE}&filter[tenure]=gt10`,
    ]) {
      const refused = await report(q, scoped);
      expect(refused.status, q).toBe(422);
      expect(refused.body.error.details[0].message, q).toBe("outside_scope");
    }
    expect((await report("filter[department]=Onderhoud", unscoped)).status).toBe(200);
  });

  it("exports the same narrowed figures as CSV", async () => {
    const csv = (await get(`/api/campaigns/${demo.campaign.id}/report.csv`, scoped)).body as string;
    const shownDepartments = csv
      .split("\n")
      .filter((l) => l.startsWith("heatmap,department=") && !l.includes("suppressed"))
      .map((l) => l.split(",")[1]);
    expect(new Set(shownDepartments)).toEqual(new Set([`department=${MINE}`]));
    expect(
      (await get(`/api/campaigns/${demo.campaign.id}/report.csv?filter[department]=Onderhoud`, scoped)).status,
    ).toBe(422);
  });

  it("sees participation counts of their own department only", async () => {
    const mine = (await get(`/api/campaigns/${demo.campaign.id}/participation`, scoped)).body;
    const all = (await get(`/api/campaigns/${demo.campaign.id}/participation`, unscoped)).body;
    const counted = (p: { units: Record<string, { value: string; n: number | null }[]> }) =>
      Object.values(p.units)
        .flat()
        .filter((u) => u.n !== null)
        .map((u) => u.value);
    expect(counted(mine)).toEqual([MINE]);
    expect(counted(all).length).toBeGreaterThan(1);
    expect(mine.respondents).toBe(all.respondents);
  });
});
