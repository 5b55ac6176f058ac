/**
 * The demo data has the recognisable pattern the product exists to show; its closed rounds are
 * released, each release equal to a recomputation from the stored responses, and its running
 * round has no release. Its three clients are too few for a norm set; seeded twice, it has one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { DEMO_DEPARTMENTS, type DemoResult, seedDemo } from "../../src/demo/seed.js";
import type { DisclosurePlan } from "../../src/domain/disclosure-plan.js";
import type { ReleaseTotals } from "../../src/domain/release.js";
import { toPercentScore } from "../../src/domain/scoring.js";
import { isSplitItem } from "../../src/domain/start-here.js";
import { confidenceInterval95 } from "../../src/domain/statistics.js";
import { countResponses } from "../../src/storage/responses.js";
import { expectReleaseConsistent } from "../helpers/integrity.js";
import { createTestApp, demoLogin, loginCookie, type TestApp } from "../helpers/test-app.js";

let t: TestApp;
let demo: DemoResult;
beforeAll(async () => {
  t = await createTestApp();
  demo = await seedDemo(t.db, t.instruments, t.clock.now);
});
afterAll(() => t.close());

const rows = async (sql: string, args: (string | number)[] = []) => (await t.client.execute({ sql, args })).rows;
const totals = async (app: TestApp, id: string) =>
  JSON.parse(
    String(
      (await app.client.execute({ sql: "select totals from releases where campaign_id = ?", args: [id] })).rows[0]!
        .totals,
    ),
  ) as ReleaseTotals;

describe("the demo seed", () => {
  it("stores 300+ responses over 6+ departments, one of them below k", async () => {
    expect(demo.responses).toBeGreaterThanOrEqual(300);
    expect(await countResponses(t.db, demo.campaign.id)).toBe(demo.responses);
    const perDepartment = await rows(
      "select department, count(*) as n from responses where campaign_id = ? group by department",
      [demo.campaign.id],
    );
    expect(perDepartment.length).toBe(DEMO_DEPARTMENTS.length);
    expect(perDepartment.length).toBeGreaterThanOrEqual(6);
    expect(perDepartment.filter((r) => Number(r.n) < demo.campaign.k).map((r) => r.department)).toEqual([
      "Directiesecretariaat",
    ]);
  });

  it("makes its accounts with random passwords that work, stored only as hashes", async () => {
    const { consultant, manager } = demo.accounts;
    expect([consultant.email, manager.email]).toEqual(["consultant@demo.local", "manager@demo.local"]);
    for (const { password } of [consultant, manager]) expect(password).toMatch(/^[a-z2-9]{16}$/);
    expect(consultant.password).not.toBe(manager.password);
    for (const role of ["consultant", "manager"] as const)
      await loginCookie(t.app, demoLogin(demo, role).email, demoLogin(demo, role).password);
    const stored = JSON.stringify(await rows("select * from users"));
    expect(stored).not.toContain(consultant.password);
    expect(stored).not.toContain(manager.password);
  });

  it("is the same data on every run (seeded generator)", async () => {
    const other = await createTestApp();
    const again = await seedDemo(other.db, other.instruments, other.clock.now);
    // The same sums, up to the last bit: a release adds respondents' means in the random order of
    // their ids, and means over five or six items (or fewer, with "n/a") are not exact in binary.
    const [a, b] = [(await totals(other, again.campaign.id)).scales, (await totals(t, demo.campaign.id)).scales];
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const [id, s] of Object.entries(a)) {
      for (const [field, value] of Object.entries(s))
        expect(value, `${id}.${field}`).toBeCloseTo(b[id]![field as keyof typeof s], 9);
    }
    // ...but not the same passwords: those are random, so no two servers share a demo login.
    expect(again.accounts.consultant.password).not.toBe(demo.accounts.consultant.password);
    await other.close();
  });

  it("shows values divided, skills weak and the coat rack in the decision factors", async () => {
    const { scales, factors, n, items } = await totals(t, demo.campaign.id);
    const interval = (scale: string) => confidenceInterval95(scales[scale]!).map(toPercentScore);
    // Staff split into two camps on what they themselves believe (the telephone example), not on a score.
    const beliefs = Object.keys(items).filter((name) => name.startsWith("values_belief_"));
    expect(beliefs.filter((name) => isSplitItem(items[name]!)).length).toBeGreaterThan(0);
    expect(Object.keys(items).filter((name) => name.startsWith("mission_") && isSplitItem(items[name]!))).toEqual([]);
    expect(interval("mission")[0]).toBeGreaterThanOrEqual(60);
    expect(interval("identity")[0]).toBeGreaterThanOrEqual(60);
    expect(interval("values")[0]).toBeGreaterThanOrEqual(60);
    expect(interval("skills")[1]).toBeLessThan(60);
    // A respondent naming both policy and process counts once in "system": count those from responses.
    const systemRespondents = await rows(
      "select count(*) as n from responses where campaign_id = ? and (scores like '%\"policy\"%' or scores like '%\"process\"%')",
      [demo.campaign.id],
    );
    expect(Number(systemRespondents[0]!.n) / demo.responses).toBeGreaterThan(0.8);
    expect(factors["group:rules"]!.chosen).toBe(Number(systemRespondents[0]!.n));
    const fairnessShare = factors.personal_fairness!.chosen / n;
    expect(fairnessShare).toBeGreaterThan(0.05);
    expect(fairnessShare).toBeLessThan(0.15);
  });

  it("releases every closed round, equal to a recomputation from its stored responses, and not the running one", async () => {
    for (const round of demo.rounds) {
      const released = await expectReleaseConsistent(
        t.client,
        t.instruments.get(round.campaign.instrumentId, round.campaign.instrumentVersion)!,
        round.campaign.id,
      );
      expect(released, round.campaign.title).toBe(round.campaign.status === "closed" ? round.responses : null);
    }
    // Rounds on codes publish breakdowns; rounds on an open link publish the round as a whole only.
    for (const round of demo.rounds.filter((r) => r.campaign.status === "closed")) {
      const plan = JSON.parse(
        String((await rows("select plan from releases where campaign_id = ?", [round.campaign.id]))[0]!.plan),
      ) as DisclosurePlan;
      const shown = plan.groups.filter((g) => g.shown).map((g) => g.key);
      if (round.campaign.requireCode) expect(shown.length, round.campaign.title).toBeGreaterThan(5);
      else expect(shown, round.campaign.title).toEqual([""]);
    }
    expect(demo.rounds.filter((r) => r.campaign.status === "closed" && !r.campaign.requireCode).length).toBeGreaterThan(
      0,
    );
    // What still runs is the open-link round to try, and the insurer's round on codes.
    const running = demo.rounds.filter((r) => r.campaign.status === "open").map((r) => r.campaign);
    expect(running.map((c) => c.id).sort()).toEqual([demo.openRound.id, running.find((c) => c.requireCode)!.id].sort());
  });

  it("publishes no norm set with three clients, and one of six when seeded a second time into the same database", async () => {
    expect(demo.normSet).toBeNull();
    expect(await rows("select * from norm_sets")).toEqual([]);
    // Last in this file: it adds a second demo to the database the tests above read.
    const again = await seedDemo(t.db, t.instruments, t.clock.now);
    // The accounts existed: their passwords were shown when they were made, and stay as they were.
    expect(again.accounts.consultant).toEqual({ email: "consultant@demo.local", password: null });
    expect(again.normSet).toEqual({ id: expect.any(String), organisations: 6 });
    const [stored] = await rows("select consultant_id, seq, made_on, profiles from norm_sets");
    expect(stored).toMatchObject({ seq: 1, made_on: "2026-03-10" });
    // Per organisation its latest released round: the housing corporation's 2026 round, not 2025's.
    const members = (JSON.parse(String(stored!.profiles)) as { campaignId: string }[]).map((m) => m.campaignId);
    const latest = new Map<string, { id: string; opensOn: string }>();
    for (const { campaign: c } of [...demo.rounds, ...again.rounds]) {
      if (c.status === "closed" && !(c.opensOn! < (latest.get(c.organisationId)?.opensOn ?? "")))
        latest.set(c.organisationId, { id: c.id, opensOn: c.opensOn! });
    }
    expect(latest.size).toBe(6);
    expect(members.sort()).toEqual([...latest.values()].map((c) => c.id).sort());
    expect(members).not.toContain(
      demo.rounds.find((r) => r.campaign.title.endsWith("klantgerichtheid 2025"))!.campaign.id,
    );
  });
});
