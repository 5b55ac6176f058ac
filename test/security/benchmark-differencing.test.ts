/**
 * The differencing attack on the benchmark. A manager of client A sees the consultant's benchmark
 * line next to A's report. When the line was a live mean over every released round, reading it
 * before and after one more round was released gave that round's profile:
 * (after × c) − (before × (c − 1)). This reproduces the attack on the live mean the removed code
 * served (recomputed here from the same releases), then shows that norm sets defeat it: the
 * release changes no line, a set with one new organisation is refused, and the set that finally
 * follows mixes three new clients, so the difference is nobody's profile.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { reachedK } from "../../src/domain/benchmark.js";
import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { LEVEL_IDS, type LevelId } from "../../src/domain/levels.js";
import { round } from "../../src/domain/statistics.js";
import { hashPassword } from "../../src/lib/password.js";
import { consultantProfiles, toBenchmarkProfile } from "../../src/services/profiles.js";
import { createUser, grantOrganisation, type User } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation, setBenchmarkForManagers } from "../../src/storage/campaigns.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

const PASSWORD = "differencing-password";
type Levels = Record<LevelId, number>;

let t: TestApp;
let consultantUser: User;
let consultant: string;
let passwordHash: string;
const rounds = new Map<string, Campaign>();
const managers = new Map<string, string>();

/** A client whose round of five respondents is closed and released; its manager may see the benchmark line. */
async function client(name: string, ratings: number[]): Promise<Campaign> {
  const organisation = await createOrganisation(t.db, name, consultantUser.id);
  await setBenchmarkForManagers(t.db, organisation.id, true);
  const manager = await createUser(t.db, `manager@${name.toLowerCase()}.test`, passwordHash, "manager");
  await grantOrganisation(t.db, manager.id, organisation.id);
  managers.set(name, await loginCookie(t.app, `manager@${name.toLowerCase()}.test`, PASSWORD));
  const campaign = await createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales"]),
    organisationId: organisation.id,
    title: `${name} 2026`,
    status: "open",
  });
  for (const rating of ratings) {
    const answers = { ...validAnswers(t.instrument, rating), department: "Sales" };
    expect(
      (await postJson(t.app, `/api/s/${campaign.token}/responses`, { submissionId: crypto.randomUUID(), answers }))
        .status,
    ).toBe(201);
  }
  expect((await postJson(t.app, `/api/campaigns/${campaign.id}/close`, {}, { cookie: consultant })).status).toBe(200);
  rounds.set(name, campaign);
  return campaign;
}

/** A round's profile as its own report shows it (0–100, one decimal). */
async function profileOf(name: string): Promise<Levels> {
  const report = await (
    await t.app.request(`/api/campaigns/${rounds.get(name)!.id}/report`, { headers: { cookie: consultant } })
  ).json();
  return Object.fromEntries(report.levels.map((l: { id: LevelId; score: number }) => [l.id, l.score])) as Levels;
}

/** What the attacker reads: the benchmark line next to their own organisation's report. */
async function attackerReads(): Promise<Levels | null> {
  const report = await (
    await t.app.request(`/api/campaigns/${rounds.get("Attacker")!.id}/report`, {
      headers: { cookie: managers.get("Attacker")! },
    })
  ).json();
  return report.benchmark?.levels ?? null;
}

/** The line the removed code showed: the mean over every released round that reached k, recomputed on each read, rounded for display. */
async function liveLine(): Promise<{ levels: Levels; campaigns: number }> {
  const { profiles } = await consultantProfiles(t.db, consultantUser.id, { participation: false });
  const released = profiles.map(toBenchmarkProfile).filter(reachedK);
  const levels = Object.fromEntries(
    LEVEL_IDS.map((l) => [l, round(released.reduce((sum, p) => sum + p.scores[l]!, 0) / released.length)]),
  ) as Levels;
  return { levels, campaigns: released.length };
}

/** (after × c) − (before × (c − 1)): the attacker's arithmetic, per level. */
const difference = (before: Levels, after: Levels, cBefore: number, cAfter: number) =>
  Object.fromEntries(
    LEVEL_IDS.map((l) => [l, (after[l] * cAfter - before[l] * cBefore) / (cAfter - cBefore)]),
  ) as Levels;
const distance = (a: Levels, b: Levels) => Math.max(...LEVEL_IDS.map((l) => Math.abs(a[l] - b[l])));

beforeAll(async () => {
  t = await createTestApp();
  passwordHash = await hashPassword(PASSWORD);
  consultantUser = await createUser(t.db, "c@differencing.test", passwordHash, "consultant");
  consultant = await loginCookie(t.app, "c@differencing.test", PASSWORD);
  // The attacker's organisation and five other clients, each with a different profile.
  await client("Attacker", [3, 3, 4, 3, 3]);
  const others: [string, number[]][] = [
    ["Bravo", [2, 3, 3, 4, 3]],
    ["Charlie", [3, 3, 4, 4, 3]],
    ["Delta", [4, 3, 3, 4, 4]],
    ["Echo", [2, 2, 3, 3, 3]],
    ["Foxtrot", [4, 4, 4, 3, 4]],
  ];
  for (const [name, ratings] of others) await client(name, ratings);
});
afterAll(() => t.close());

describe("the differencing attack on the benchmark line", () => {
  let liveBefore: { levels: Levels; campaigns: number };
  let setLineBefore: Levels;

  it("worked on the live mean: one more release gave the victim's profile to within the display rounding", async () => {
    expect((await postJson(t.app, "/api/norm-sets", {}, { cookie: consultant })).status).toBe(201);
    liveBefore = await liveLine();
    setLineBefore = (await attackerReads())!;
    expect(setLineBefore).not.toBeNull();
    await client("Victim", [1, 1, 2, 1, 1]);
    const liveAfter = await liveLine();
    expect(liveAfter.campaigns).toBe(liveBefore.campaigns + 1);
    const recovered = difference(liveBefore.levels, liveAfter.levels, liveBefore.campaigns, liveAfter.campaigns);
    const victim = await profileOf("Victim");
    // Each line is rounded to 0.1, so the arithmetic is off by at most 0.05 × (2c − 1), plus the victim's own rounding.
    expect(distance(recovered, victim)).toBeLessThanOrEqual(0.05 * (2 * liveAfter.campaigns - 1) + 0.05);
    // And it is the victim's, not anyone else's.
    for (const other of ["Attacker", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"])
      expect(distance(recovered, await profileOf(other))).toBeGreaterThan(5);
  });

  it("gets nothing from norm sets: the release moves no line, and a set with one new client is refused", async () => {
    expect(await attackerReads()).toEqual(setLineBefore);
    const refused = await postJson(t.app, "/api/norm-sets", {}, { cookie: consultant });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe("too_few_new_organisations");
    expect(await attackerReads()).toEqual(setLineBefore);
    // The victim's own manager sees no line while the victim is not in the set.
    const own = await (
      await t.app.request(`/api/campaigns/${rounds.get("Victim")!.id}/report`, {
        headers: { cookie: managers.get("Victim")! },
      })
    ).json();
    expect(own.benchmark).toBeNull();
  });

  it("learns only the mean of three new clients from the next set, even knowing how many organisations each set holds", async () => {
    await client("Whiskey", [5, 5, 4, 5, 5]);
    expect((await postJson(t.app, "/api/norm-sets", {}, { cookie: consultant })).status).toBe(409);
    // Every item gets the same rating, so reverse-keyed items pull levels to the middle: the three
    // profiles are chosen to stay apart after that, or "none of them" below would test nothing.
    await client("Xray", [4, 4, 4, 4, 4]);
    const published = await postJson(t.app, "/api/norm-sets", {}, { cookie: consultant });
    expect(published.status).toBe(201);
    expect(await published.json()).toMatchObject({ organisations: 9 });
    const setLineAfter = (await attackerReads())!;
    expect(setLineAfter).not.toEqual(setLineBefore);
    // The attacker's line leaves their own organisation out: five others before, eight after.
    const recovered = difference(setLineBefore, setLineAfter, 5, 8);
    const [victim, whiskey, xray] = await Promise.all(["Victim", "Whiskey", "Xray"].map(profileOf));
    const mix = Object.fromEntries(LEVEL_IDS.map((l) => [l, (victim![l] + whiskey![l] + xray![l]) / 3])) as Levels;
    // What the difference gives is the three profiles mixed (to within rounding of the lines) …
    expect(distance(recovered, mix)).toBeLessThanOrEqual((0.05 * 13) / 3 + 0.1);
    // … and none of them.
    for (const profile of [victim!, whiskey!, xray!]) expect(distance(recovered, profile)).toBeGreaterThan(5);
  });
});
