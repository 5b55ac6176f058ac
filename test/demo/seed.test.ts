/**
 * The demo data has the recognisable pattern the product exists to show, and the aggregates
 * written with every response equal a recomputation from the stored responses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreResponse } from "../../src/domain/scoring.js";
import { DEMO_DEPARTMENTS, seedDemo, type DemoResult } from "../../src/demo/seed.js";
import { countResponses } from "../../src/storage/responses.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

let t: TestApp;
let demo: DemoResult;
beforeAll(async () => {
  t = await createTestApp();
  demo = await seedDemo(t.db, t.instruments, t.clock.now);
});
afterAll(() => t.close());

const rows = async (sql: string, args: (string | number)[] = []) => (await t.client.execute({ sql, args })).rows;

describe("the demo seed", () => {
  it("stores 300+ responses over 6+ departments, one of them below k", async () => {
    expect(demo.responses).toBeGreaterThanOrEqual(300);
    expect(await countResponses(t.db, demo.campaign.id)).toBe(demo.responses);
    const perDepartment = await rows("select department, sum(n) as n from cell_counts where campaign_id = ? group by department", [demo.campaign.id]);
    expect(perDepartment.length).toBe(DEMO_DEPARTMENTS.length);
    expect(perDepartment.length).toBeGreaterThanOrEqual(6);
    expect(perDepartment.filter((r) => Number(r.n) < demo.campaign.k).map((r) => r.department)).toEqual(["Directiesecretariaat"]);
  });

  it("is the same data on every run (seeded generator)", async () => {
    const other = await createTestApp();
    const again = await seedDemo(other.db, other.instruments, other.clock.now);
    const sums = async (app: TestApp, id: string) =>
      (await app.client.execute({ sql: "select scale, sum(sum) as s from scale_stats where campaign_id = ? group by scale order by scale", args: [id] })).rows.map((r) => [r.scale, Number(r.s).toFixed(6)]);
    expect(await sums(other, again.campaign.id)).toEqual(await sums(t, demo.campaign.id));
    await other.close();
  });

  it("shows values divided, skills weak and the coat rack in the decision factors", async () => {
    const levels = await rows(
      "select scale, sum(n) as n, sum(sum) as s, sum(sum_sq) as ss from scale_stats where campaign_id = ? group by scale",
      [demo.campaign.id],
    );
    const stat = (scale: string) => {
      const r = levels.find((l) => l.scale === scale)!;
      const n = Number(r.n), s = Number(r.s), ss = Number(r.ss);
      const mean = s / n;
      return { score: ((mean - 1) / 4) * 100, sd: Math.sqrt((ss - (s * s) / n) / (n - 1)) };
    };
    expect(stat("values").sd).toBeGreaterThanOrEqual(1.0);
    expect(stat("mission").sd).toBeLessThan(1.0);
    expect(stat("mission").score).toBeGreaterThanOrEqual(60);
    expect(stat("identity").score).toBeGreaterThanOrEqual(60);
    expect(stat("skills").score).toBeLessThan(60);

    const [factors] = await rows(
      `select sum(case when factor in ('policy','process') then chosen end) as system,
              sum(case when factor = 'personal_fairness' then chosen end) as fairness
       from factor_stats where campaign_id = ?`,
      [demo.campaign.id],
    );
    // A respondent naming both policy and process counts once in "system": count those from responses.
    const systemRespondents = await rows(
      "select count(*) as n from responses where campaign_id = ? and (answers like '%\"policy\"%' or answers like '%\"process\"%')",
      [demo.campaign.id],
    );
    expect(Number(systemRespondents[0]!.n) / demo.responses).toBeGreaterThan(0.8);
    const fairnessShare = Number(factors!.fairness) / demo.responses;
    expect(fairnessShare).toBeGreaterThan(0.05);
    expect(fairnessShare).toBeLessThan(0.15);
  });

  it("keeps aggregates equal to a recomputation from the stored responses", async () => {
    const stored = await rows("select department, role, tenure, answers from responses where campaign_id = ?", [demo.campaign.id]);
    const expected = new Map<string, { n: number; sum: number; fav: number }>();
    for (const r of stored) {
      const score = scoreResponse(t.instrument.key, JSON.parse(String(r.answers)));
      const scales = [...Object.entries(score.levels), ...Object.entries(score.desired).map(([level, s]) => [`desired:${level}`, s] as const)];
      for (const [scale, s] of scales) {
        const key = `${r.department}|${r.role}|${r.tenure}|${scale}`;
        const e = expected.get(key) ?? { n: 0, sum: 0, fav: 0 };
        expected.set(key, { n: e.n + 1, sum: e.sum + s!.mean, fav: e.fav + s!.favourable });
      }
    }
    const actual = await rows(
      "select department, role, tenure, scale, n, sum, favourable from scale_stats where campaign_id = ? and scale not like 'climate:%'",
      [demo.campaign.id],
    );
    expect(actual.length).toBe(expected.size);
    for (const a of actual) {
      const e = expected.get(`${a.department}|${a.role}|${a.tenure}|${a.scale}`)!;
      expect(Number(a.n)).toBe(e.n);
      expect(Number(a.sum)).toBeCloseTo(e.sum, 9);
      expect(Number(a.favourable)).toBe(e.fav);
    }
  });
});
