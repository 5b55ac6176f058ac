/**
 * Trends over HTTP on a database of their own: two rounds of an uploaded instrument, the second
 * on a version that dropped and renamed items. The response says per level what was compared
 * (level means, shared items, or nothing), with raw and Holm-adjusted p and the new labels.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "../../src/lib/password.js";
import { createUser } from "../../src/storage/accounts.js";
import { createOrganisation } from "../../src/storage/campaigns.js";
import { createTestApp, loginCookie, postJson, type TestApp } from "../helpers/test-app.js";

const PASSWORD = "trends-consultant-pw";
let t: TestApp;
let consultant: string;
let organisationId: string;

const rating = (name: string, level: string) => ({
  type: "rating",
  name,
  level,
  isRequired: true,
  rateMin: 1,
  rateMax: 5,
  title: { nl: `Vraag ${name}`, en: `Item ${name}` },
});
/** An instrument with these items per level, and a department question. */
const instrument = (items: Record<string, string[]>) => ({
  instrumentId: "trend-scan",
  title: { nl: "Trendscan", en: "Trend scan" },
  pages: [
    {
      name: "p1",
      elements: [
        ...Object.entries(items).flatMap(([level, names]) => names.map((name) => rating(name, level))),
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
});
// Version 2 keeps identity, drops m4 and renames m3 (mission shares m1, m2), and drops v3, v4 and
// renames v2 (values shares v1 only).
const V1 = { mission: ["m1", "m2", "m3", "m4"], identity: ["i1", "i2", "i3", "i4"], values: ["v1", "v2", "v3", "v4"] };
const V2 = { mission: ["m1", "m2", "m3b"], identity: ["i1", "i2", "i3", "i4"], values: ["v1", "v2b"] };

const get = (path: string) => t.app.request(path, { headers: { cookie: consultant } });

/** A round on `version` with one respondent per answer set, closed and released through the API. */
async function releasedRound(
  title: string,
  version: number,
  opensOn: string,
  people: Record<string, number>[],
): Promise<string> {
  const res = await postJson(
    t.app,
    `/api/organisations/${organisationId}/campaigns`,
    { title, departments: ["Sales"], status: "open", opensOn, instrument: { id: "trend-scan", version } },
    { cookie: consultant },
  );
  expect(res.status).toBe(201);
  const campaign = (await res.json()) as { id: string; surveyPath: string };
  const token = campaign.surveyPath.split("/")[2]!;
  for (const answers of people) {
    expect(
      (
        await postJson(t.app, `/api/s/${token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: { ...answers, department: "Sales" },
        })
      ).status,
    ).toBe(201);
  }
  expect((await postJson(t.app, `/api/campaigns/${campaign.id}/close`, {}, { cookie: consultant })).status).toBe(200);
  return campaign.id;
}

const pairs = [
  [2, 2],
  [2, 3],
  [3, 2],
  [3, 3],
  [2, 2],
  [3, 3],
] as const;
const identity = (i: number) => ({ i1: 2 + (i % 3), i2: 2 + (i % 3), i3: 3, i4: 4 });
let first: string;
let second: string;

beforeAll(async () => {
  t = await createTestApp();
  const user = await createUser(t.db, "c@trends.test", await hashPassword(PASSWORD), "consultant");
  consultant = await loginCookie(t.app, "c@trends.test", PASSWORD);
  organisationId = (await createOrganisation(t.db, "Trendorganisatie", user.id)).id;
  expect((await postJson(t.app, "/api/instruments", instrument(V1), { cookie: consultant })).status).toBe(201);
  expect((await postJson(t.app, "/api/instruments", instrument(V2), { cookie: consultant })).status).toBe(201);
  first = await releasedRound(
    "Ronde 2025",
    1,
    "2025-01-06",
    pairs.map(([m1, m2], i) => ({ m1, m2, m3: 1, m4: 5, ...identity(i), v1: 3, v2: 3, v3: 3, v4: 3 })),
  );
  // Two points higher on m1 and m2, identity the same.
  second = await releasedRound(
    "Ronde 2026",
    2,
    "2026-01-05",
    pairs.map(([m1, m2], i) => ({ m1: m1 + 2, m2: m2 + 2, m3b: 1, ...identity(i), v1: 5, v2b: 5 })),
  );
});
afterAll(() => t.close());

interface Step {
  from: string;
  to: string;
  comparable: boolean;
  reason: string | null;
  basis: string | null;
  sharedItems: string[] | null;
  fromScore: number | null;
  toScore: number | null;
  change: number | null;
  p: number | null;
  pAdjusted: number | null;
  label: string;
}

describe("trends across instrument versions", () => {
  it("compares each level on what both versions share, and says when they share too little", async () => {
    const res = await get(`/api/organisations/${organisationId}/trends`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      significance: number;
      minimumChange: number;
      rounds: { campaignId: string; instrument: { id: string; version: number } }[];
      levels: { level: string; points: { score: number }[]; steps: Step[] }[];
    };
    expect(body.rounds.map((r) => [r.campaignId, r.instrument.version])).toEqual([
      [first, 1],
      [second, 2],
    ]);
    expect([body.significance, body.minimumChange]).toEqual([0.05, 5]);
    const step = (level: string) => body.levels.find((l) => l.level === level)!.steps[0]!;

    // Mission on m1 and m2: respondents' means 2.5 → 4.5 on 1–5, 37.5 → 87.5 points.
    const mission = step("mission");
    expect(mission).toMatchObject({
      from: first,
      to: second,
      comparable: true,
      reason: null,
      basis: "shared_items",
      sharedItems: ["m1", "m2"],
      fromScore: 37.5,
      toScore: 87.5,
      change: 50,
      label: "improved",
    });
    expect(mission.pAdjusted).toBeLessThan(0.05);
    // The round's own mission score (with m3 = 1, m4 = 5) is not what was compared: 43.75 → 43.8.
    expect(body.levels.find((l) => l.level === "mission")!.points[0]!.score).toBe(43.8);

    // Values shares v1 only: no step.
    expect(step("values")).toEqual({
      from: first,
      to: second,
      comparable: false,
      reason: "too_few_shared_items",
      basis: null,
      sharedItems: ["v1"],
      fromScore: null,
      toScore: null,
      change: null,
      p: null,
      pAdjusted: null,
      label: "not_comparable",
    });

    // Identity has the same four items in both: level means, unchanged.
    const same = step("identity");
    expect(same).toMatchObject({
      comparable: true,
      basis: "level",
      sharedItems: ["i1", "i2", "i3", "i4"],
      change: 0,
      label: "no_significant_change",
    });
    // The step's family is mission and identity (values has no test): Holm doubles the smaller p.
    expect(mission.p).toBeLessThan(same.p!);
    // Both are shown to two significant digits, so the ratio is 2 within their rounding.
    expect(mission.pAdjusted! / mission.p!).toBeGreaterThan(1.9);
    expect(mission.pAdjusted! / mission.p!).toBeLessThan(2.1);
    expect(same.pAdjusted).toBeGreaterThanOrEqual(same.p!);
  });
});
