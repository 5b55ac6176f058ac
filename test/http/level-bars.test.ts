/**
 * Per-level bars over HTTP, on a database of their own: a round released while its organisation is
 * in the consultant's latest norm set, with at least ten others on the same instrument, is judged
 * level by level against bars from those norms; the bars are frozen with the release; otherwise
 * every level keeps the round's one bar.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { barOf, levelBars, MIN_BAR_ORGANISATIONS } from "../../src/domain/level-bars.js";
import { LEVEL_IDS, type LevelId } from "../../src/domain/levels.js";
import { hashPassword } from "../../src/lib/password.js";
import { createUser, grantOrganisation } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation, setBenchmarkForManagers } from "../../src/storage/campaigns.js";
import { insertNormSet, latestNormSet } from "../../src/storage/norm-sets.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

const PASSWORD = "level-bars-password";
let t: TestApp;
let consultant: string;
let consultantId: string;
let seq = 0;

interface Report {
  campaign: { thresholds: { weakBelow: number; levels?: Partial<Record<LevelId, number>> } };
  levels: { id: LevelId; score: number; bar: number; weak: boolean; note: { en: string } | null }[];
}

/** Norms that fall from mission to context, as organisations often do. */
const profile = (shift: number): Record<LevelId, number> =>
  Object.fromEntries(LEVEL_IDS.map((level, i) => [level, 78 - 5 * i + shift])) as Record<LevelId, number>;

async function organisationWithRound(name: string, instrumentVersion = t.instrument.version): Promise<Campaign> {
  const organisation = await createOrganisation(t.db, name, consultantId);
  await setBenchmarkForManagers(t.db, organisation.id, true);
  return createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales"]),
    instrumentVersion,
    organisationId: organisation.id,
    title: `${name} round`,
    status: "open",
  });
}

/** A norm set holding these rounds' organisations, each with a profile of its own. */
async function publishNorms(rounds: readonly Campaign[]) {
  seq += 1;
  await insertNormSet(t.db, {
    consultantId,
    seq,
    madeOn: "2026-03-01",
    entries: rounds.map((c, i) => ({ organisationId: c.organisationId, campaignId: c.id, scores: profile(i % 3) })),
  });
}

/** A new round of `organisationId`: twelve staff who answer 3 everywhere (50 on every level), closed. */
async function releasedReport(organisationId: string): Promise<Report> {
  const campaign = await createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales"]),
    organisationId,
    title: "New round",
    status: "open",
  });
  for (let i = 0; i < 12; i++) {
    const res = await postJson(t.app, `/api/s/${campaign.token}/responses`, {
      submissionId: crypto.randomUUID(),
      answers: { ...validAnswers(t.instrument, 3), department: "Sales" },
    });
    expect(res.status).toBe(201);
  }
  expect((await postJson(t.app, `/api/campaigns/${campaign.id}/close`, {}, { cookie: consultant })).status).toBe(200);
  return reportOf(campaign.id);
}

const reportOf = async (id: string, cookie = consultant): Promise<Report> =>
  (await t.app.request(`/api/campaigns/${id}/report`, { headers: { cookie } })).json() as Promise<Report>;

beforeAll(async () => {
  t = await createTestApp();
  const user = await createUser(t.db, "c@bars.test", await hashPassword(PASSWORD), "consultant");
  consultantId = user.id;
  consultant = await loginCookie(t.app, "c@bars.test", PASSWORD);
});
afterAll(() => t.close());

describe("bars per level from the norms", () => {
  let own: Campaign;
  let others: Campaign[];
  let first: Report;

  it("keeps one bar while the organisation's norms hold fewer than ten others", async () => {
    own = await organisationWithRound("Own");
    others = [];
    for (let i = 0; i < MIN_BAR_ORGANISATIONS - 1; i++) others.push(await organisationWithRound(`Other ${i}`));
    await publishNorms([own, ...others]);
    const report = await releasedReport(own.organisationId);
    expect(report.campaign.thresholds.levels).toBeUndefined();
    expect(report.levels.map((l) => l.bar)).toEqual(report.levels.map(() => report.campaign.thresholds.weakBelow));
    // 50 everywhere lies under the one bar of 60 on every level.
    expect(report.levels.every((l) => l.weak)).toBe(true);
  });

  it("judges each level against its own bar once ten others are in the set, and says so", async () => {
    others.push(await organisationWithRound("Tenth"));
    await publishNorms([own, ...others]);
    first = await releasedReport(own.organisationId);
    const set = (await latestNormSet(t.db, consultantId))!;
    const manager = set.entries.filter((e) => e.organisationId !== own.organisationId);
    const mean = (level: LevelId) => manager.reduce((sum, e) => sum + e.scores[level], 0) / manager.length;
    const expected = levelBars(
      { weakBelow: 60 },
      {
        contributors: manager,
        levels: Object.fromEntries(LEVEL_IDS.map((l) => [l, mean(l)])) as Record<LevelId, number>,
      },
      true,
    );
    expect(first.campaign.thresholds.levels).toEqual(expected.levels);
    for (const level of first.levels) {
      expect(level.bar, level.id).toBe(barOf(expected, level.id));
      // Weak exactly where the level's score lies below its own bar (no spread: the margin is the score).
      expect(level.weak, level.id).toBe(level.score < level.bar);
      if (level.weak) expect(level.note?.en).toContain(`threshold ${level.bar}`);
    }
    // The norms fall from mission to context: the bars do too, and the lowest is no longer under 50.
    const bars = first.levels.map((l) => l.bar);
    expect(bars[0]!).toBeGreaterThan(bars.at(-1)!);
    expect(first.levels.find((l) => l.id === "context")?.weak).toBe(false);
    expect(first.levels.find((l) => l.id === "mission")?.weak).toBe(true);
  });

  it("freezes the bars with the release: a later norm set changes nothing already released", async () => {
    const id = (await t.client.execute("select campaign_id from releases order by rowid desc limit 1")).rows[0]!
      .campaign_id as string;
    for (let i = 0; i < 3; i++) others.push(await organisationWithRound(`Later ${i}`));
    const reversed = Object.fromEntries(LEVEL_IDS.map((level, i) => [level, 48 + 5 * i])) as Record<LevelId, number>;
    seq += 1;
    await insertNormSet(t.db, {
      consultantId,
      seq,
      madeOn: "2026-03-05",
      entries: [own, ...others].map((c) => ({
        organisationId: c.organisationId,
        campaignId: c.id,
        // Shaped the other way round: bars drawn from it would differ level by level.
        scores: reversed,
      })),
    });
    const others10 = (await latestNormSet(t.db, consultantId))!.entries.filter(
      (e) => e.organisationId !== own.organisationId,
    );
    const wouldBe = levelBars({ weakBelow: 60 }, { contributors: others10, levels: reversed }, true);
    expect(wouldBe.levels).toBeDefined();
    expect(wouldBe.levels).not.toEqual(first.campaign.thresholds.levels);
    const again = await reportOf(id);
    // The benchmark line is the latest set's; the diagnosis is the release's.
    expect(again.campaign.thresholds).toEqual(first.campaign.thresholds);
    expect(again.levels).toEqual(first.levels);
  });

  it("keeps one bar where the consultant does not show the organisation's managers the benchmark line", async () => {
    await setBenchmarkForManagers(t.db, own.organisationId, false);
    const report = await releasedReport(own.organisationId);
    expect(report.campaign.thresholds.levels).toBeUndefined();
    expect(new Set(report.levels.map((l) => l.bar))).toEqual(new Set([report.campaign.thresholds.weakBelow]));
    await setBenchmarkForManagers(t.db, own.organisationId, true);
  });

  it("keeps one bar when one organisation in the set measured with another instrument version", async () => {
    others.push(await organisationWithRound("Older instrument", t.instrument.version - 1));
    await publishNorms([own, ...others]);
    const report = await releasedReport(own.organisationId);
    expect(report.campaign.thresholds.levels).toBeUndefined();
  });

  it("shows a manager of the organisation the same bars as the consultant", async () => {
    const email = "m@own.test";
    const manager = await createUser(t.db, email, await hashPassword(PASSWORD), "manager");
    await grantOrganisation(t.db, manager.id, own.organisationId);
    const cookie = await loginCookie(t.app, email, PASSWORD);
    const id = (
      await t.client.execute("select id from campaigns where title = 'New round' order by rowid limit 1 offset 1")
    ).rows[0]!.id as string;
    const seen = await reportOf(id, cookie);
    expect(seen.campaign.thresholds).toEqual(first.campaign.thresholds);
    expect(seen.levels.map((l) => l.bar)).toEqual(first.levels.map((l) => l.bar));
  });
});
