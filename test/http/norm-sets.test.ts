/**
 * Norm sets over HTTP, on a database of their own: a consultant publishes a frozen benchmark
 * from released rounds; reports, the CSV and comparisons show the latest set, to the consultant
 * with its breadth and date, to a manager without their own organisation; later releases move
 * nothing; the next set must add three organisations; nobody else reads a set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { hashPassword } from "../../src/lib/password.js";
import { createUser, grantOrganisation, type User } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation, setBenchmarkForManagers } from "../../src/storage/campaigns.js";
import { insertNormSet, latestNormSet } from "../../src/storage/norm-sets.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

const PASSWORD = "norm-sets-password";
let t: TestApp;
let consultantUser: User;
let consultant: string;
let rival: string;
let passwordHash: string;

type Levels = Record<string, number>;
interface Line {
  levels: Levels;
  organisations?: number;
  campaigns?: number;
  madeOn?: string;
}
interface NormSet {
  id: string;
  madeOn: string;
  organisations: number;
  campaigns: number;
  levels: Levels;
  members: { organisation: { id: string; name: string }; campaign: { id: string; title: string } }[];
}

const get = (path: string, cookie: string) => t.app.request(path, { headers: { cookie } });
const publish = (cookie = consultant) => postJson(t.app, "/api/norm-sets", {}, { cookie });
const normSetRows = async () => Number((await t.client.execute("select count(*) as n from norm_sets")).rows[0]!.n);

/** A round of the organisation with one respondent per rating, closed and released through the API. */
async function releasedRound(
  organisationId: string,
  title: string,
  ratings: number[],
  opensOn: string,
): Promise<Campaign> {
  const campaign = await createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales"]),
    organisationId,
    title,
    status: "open",
    opensOn,
  });
  for (const rating of ratings) {
    const res = await postJson(t.app, `/api/s/${campaign.token}/responses`, {
      submissionId: crypto.randomUUID(),
      answers: { ...validAnswers(t.instrument, rating), department: "Sales" },
    });
    expect(res.status).toBe(201);
  }
  expect((await postJson(t.app, `/api/campaigns/${campaign.id}/close`, {}, { cookie: consultant })).status).toBe(200);
  return campaign;
}

const clients = new Map<string, { id: string; rounds: Campaign[]; manager?: string }>();

/** A client of the consultant with one released round and a manager who may see the benchmark line. */
async function client(
  name: string,
  ratings: number[],
  opensOn = "2026-01-12",
): Promise<{ id: string; rounds: Campaign[]; manager: string }> {
  const organisation = await createOrganisation(t.db, name, consultantUser.id);
  await setBenchmarkForManagers(t.db, organisation.id, true);
  const email = `manager@${name.toLowerCase()}.test`;
  const manager = await createUser(t.db, email, passwordHash, "manager");
  await grantOrganisation(t.db, manager.id, organisation.id);
  const entry = {
    id: organisation.id,
    rounds: [await releasedRound(organisation.id, `${name} round`, ratings, opensOn)],
    manager: await loginCookie(t.app, email, PASSWORD),
  };
  clients.set(name, entry);
  return entry;
}
const of = (name: string) => clients.get(name)!;
const latest = (name: string) => of(name).rounds.at(-1)!;

/** A round's level scores as its report shows them to the consultant (0–100, one decimal). */
async function scores(campaign: Campaign): Promise<Levels> {
  const report = await (await get(`/api/campaigns/${campaign.id}/report`, consultant)).json();
  return Object.fromEntries(report.levels.map((l: { id: string; score: number }) => [l.id, l.score]));
}
const benchmarkIn = async (campaign: Campaign, cookie: string): Promise<Line | null> =>
  (await (await get(`/api/campaigns/${campaign.id}/report`, cookie)).json()).benchmark;

/** The mean of rounds' rounded scores: the set's unrounded mean, rounded, lies within 0.1 of it. */
async function expectMeanOf(levels: Levels, rounds: Campaign[]): Promise<void> {
  const profiles = await Promise.all(rounds.map(scores));
  expect(Object.keys(levels).sort()).toEqual([...LEVEL_IDS].sort());
  for (const level of LEVEL_IDS) {
    const mean = profiles.reduce((sum, p) => sum + p[level]!, 0) / profiles.length;
    expect(Math.abs(levels[level]! - mean), level).toBeLessThanOrEqual(0.1);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  passwordHash = await hashPassword(PASSWORD);
  consultantUser = await createUser(t.db, "c@norms.test", passwordHash, "consultant");
  await createUser(t.db, "rival@norms.test", passwordHash, "consultant");
  consultant = await loginCookie(t.app, "c@norms.test", PASSWORD);
  rival = await loginCookie(t.app, "rival@norms.test", PASSWORD);
});
afterAll(() => t.close());

describe("publishing the first norm set", () => {
  it("is refused with fewer than five organisations whose latest qualifying round is released, and stores nothing", async () => {
    const alpha = await client("Alpha", [2, 2, 3, 2, 2], "2025-02-03");
    // Alpha's later round is the one that counts; Beta's later round is below k and does not.
    alpha.rounds.push(await releasedRound(alpha.id, "Alpha 2026", [4, 4, 5, 4, 4], "2026-02-02"));
    const beta = await client("Beta", [3, 3, 3, 3, 4], "2025-06-02");
    beta.rounds.push(await releasedRound(beta.id, "Beta small", [1, 1], "2026-02-09"));
    await client("Gamma", [5, 5, 4, 5, 5]);
    await client("Delta", [1, 2, 1, 1, 1]);
    // A fifth organisation whose round still runs counts nothing.
    const epsilon = await createOrganisation(t.db, "Epsilon", consultantUser.id);
    const running = await createCampaign(t.db, {
      ...campaignDefaults(t.instrument, ["Sales"]),
      organisationId: epsilon.id,
      title: "Epsilon running",
      status: "open",
    });
    for (let i = 0; i < 6; i++)
      await postJson(t.app, `/api/s/${running.token}/responses`, {
        submissionId: crypto.randomUUID(),
        answers: { ...validAnswers(t.instrument, 3), department: "Sales" },
      });

    const refused = await publish();
    expect(refused.status).toBe(409);
    const { error } = await refused.json();
    expect(error.code).toBe("too_few_organisations");
    expect(error.message).toContain("at least 5 organisations");
    expect(error.message).toContain("4 have one now");
    expect(await normSetRows()).toBe(0);
    expect(await (await get("/api/norm-sets", consultant)).json()).toEqual({
      sets: [],
      next: { qualifying: 4, newOrganisations: 4, refusal: "too_few_organisations", first: true },
    });
    // No set, no line: not for the consultant, not for a manager who may see it.
    expect(await benchmarkIn(latest("Alpha"), consultant)).toBeNull();
    expect(await benchmarkIn(latest("Alpha"), of("Alpha").manager!)).toBeNull();
  });

  it("with a fifth, holds each organisation's latest qualifying round once, frozen with today's date", async () => {
    await client("Zeta", [4, 3, 4, 3, 4]);
    const res = await publish();
    expect(res.status).toBe(201);
    const set = (await res.json()) as NormSet;
    expect(set).toMatchObject({ madeOn: "2026-03-10", organisations: 5, campaigns: 5 });
    expect(set.members.map((m) => m.campaign.title).sort()).toEqual([
      "Alpha 2026",
      "Beta round",
      "Delta round",
      "Gamma round",
      "Zeta round",
    ]);
    expect(set.members.find((m) => m.organisation.name === "Alpha")!.campaign.id).toBe(latest("Alpha").id);
    await expectMeanOf(set.levels, ["Alpha", "Gamma", "Delta", "Zeta"].map(latest).concat(of("Beta").rounds[0]!));
    expect(await (await get(`/api/norm-sets/${set.id}`, consultant)).json()).toEqual(set);
    const { members: _members, ...summary } = set;
    expect(await (await get("/api/norm-sets", consultant)).json()).toEqual({
      sets: [summary],
      next: { qualifying: 5, newOrganisations: 0, refusal: "too_few_new_organisations", first: false },
    });
    expect(await normSetRows()).toBe(1);
  });
});

describe("what readers see", () => {
  let set: NormSet;
  beforeAll(async () => {
    const [summary] = (await (await get("/api/norm-sets", consultant)).json()).sets;
    set = (await (await get(`/api/norm-sets/${summary.id}`, consultant)).json()) as NormSet;
  });
  const memberRounds = (leaveOut?: string) =>
    set.members
      .filter((m) => m.organisation.name !== leaveOut)
      .map((m) => of(m.organisation.name).rounds.find((r) => r.id === m.campaign.id)!);

  it("shows the consultant the mean over every organisation, with how many and when", async () => {
    const line = await benchmarkIn(latest("Gamma"), consultant);
    expect(line).toEqual({ levels: set.levels, organisations: 5, campaigns: 5, madeOn: "2026-03-10" });
  });

  it("shows a manager the mean of the other organisations only, without breadth or date", async () => {
    const line = (await benchmarkIn(latest("Gamma"), of("Gamma").manager!))!;
    expect(Object.keys(line)).toEqual(["levels"]);
    await expectMeanOf(line.levels, memberRounds("Gamma"));
    // Gamma answers highest: its managers' line lies below the consultant's, which holds Gamma.
    expect(line.levels.mission!).toBeLessThan(set.levels.mission!);
    // The CSV carries the same line and nothing more.
    const csv = await (await get(`/api/campaigns/${latest("Gamma").id}/report.csv`, of("Gamma").manager!)).text();
    expect(csv).toContain(`benchmark,consultant,mission,,${line.levels.mission}`);
  });

  it("shows a manager nothing when the consultant has not enabled it, or while their organisation is not in the set", async () => {
    await setBenchmarkForManagers(t.db, of("Delta").id, false);
    expect(await benchmarkIn(latest("Delta"), of("Delta").manager!)).toBeNull();
    await setBenchmarkForManagers(t.db, of("Delta").id, true);
    expect(await benchmarkIn(latest("Delta"), of("Delta").manager!)).not.toBeNull();
    // Eta's round is released after the set was made: Eta is not in it yet.
    await client("Eta", [2, 3, 2, 3, 2]);
    expect(await benchmarkIn(latest("Eta"), of("Eta").manager!)).toBeNull();
    expect(await benchmarkIn(latest("Eta"), consultant)).toEqual({
      levels: set.levels,
      organisations: 5,
      campaigns: 5,
      madeOn: "2026-03-10",
    });
  });

  it("ranks compared rounds among the set's organisations, and shows the set as the comparison's benchmark", async () => {
    const compared = [latest("Alpha"), latest("Gamma"), latest("Eta")];
    const body = await (await get(`/api/compare?campaigns=${compared.map((c) => c.id).join(",")}`, consultant)).json();
    expect(body.benchmark).toEqual({ levels: set.levels, organisations: 5, campaigns: 5, madeOn: "2026-03-10" });
    const population = await Promise.all(memberRounds().map(scores));
    for (const c of body.campaigns as { id: string; levels: { id: string; score: number }[]; percentiles: Levels }[]) {
      for (const level of LEVEL_IDS) {
        const value = c.levels.find((l) => l.id === level)!.score;
        const below = population.filter((p) => p[level]! < value).length;
        const equal = population.filter((p) => p[level]! === value).length;
        expect(c.percentiles[level], `${c.id} ${level}`).toBe(
          Math.round(((below + equal / 2) / population.length) * 100),
        );
      }
    }
  });
});

describe("a published set", () => {
  it("stays as it was when rounds are released afterwards", async () => {
    const readAll = async () => ({
      consultant: await benchmarkIn(latest("Alpha"), consultant),
      manager: await benchmarkIn(latest("Alpha"), of("Alpha").manager!),
      compare: (
        await (await get(`/api/compare?campaigns=${latest("Alpha").id},${latest("Zeta").id}`, consultant)).json()
      ).benchmark,
    });
    const before = await readAll();
    // A newer round of an organisation in the set, and a new client.
    of("Zeta").rounds.push(await releasedRound(of("Zeta").id, "Zeta 2026-2", [1, 1, 1, 2, 1], "2026-03-02"));
    await client("Theta", [5, 4, 5, 4, 5]);
    expect(await readAll()).toEqual(before);
  });

  it("is followed only by a set that adds at least three organisations; a newer round of one in it does not count", async () => {
    // Eta and Theta are new, Zeta has a newer round: two new organisations.
    const refused = await publish();
    expect(refused.status).toBe(409);
    const { error } = await refused.json();
    expect(error.code).toBe("too_few_new_organisations");
    expect(error.message).toContain("2 would be new");
    expect(await normSetRows()).toBe(1);
    // A third new organisation: the set may follow.
    await client("Iota", [3, 4, 3, 4, 3]);
    const res = await publish();
    expect(res.status).toBe(201);
    const next = (await res.json()) as NormSet;
    expect(next).toMatchObject({ organisations: 8, campaigns: 8 });
    expect(next.members.find((m) => m.organisation.name === "Zeta")!.campaign.title).toBe("Zeta 2026-2");
    const sets = (await (await get("/api/norm-sets", consultant)).json()).sets;
    expect(sets.map((s: { id: string }) => s.id)).toEqual([next.id, expect.any(String)]);
    // Readers now see the new set: Eta, now in it, gets a line without itself.
    expect((await benchmarkIn(latest("Alpha"), consultant))!.organisations).toBe(8);
    const eta = (await benchmarkIn(latest("Eta"), of("Eta").manager!))!;
    await expectMeanOf(
      eta.levels,
      next.members
        .filter((m) => m.organisation.name !== "Eta")
        .map((m) => of(m.organisation.name).rounds.find((r) => r.id === m.campaign.id)!),
    );
  });

  it("is published once when two requests race for the same next set", async () => {
    for (const name of ["Kappa", "Lambda", "Mu"]) await client(name, [4, 4, 3, 4, 4]);
    const before = await normSetRows();
    const answers = await Promise.all([publish(), publish()]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = await answers.find((r) => r.status === 409)!.json();
    expect(["norm_set_conflict", "too_few_new_organisations"]).toContain(loser.error.code);
    expect(await normSetRows()).toBe(before + 1);
  });

  it("cannot be stored twice under one number: a set planned against a set that is no longer the latest is refused by the database", async () => {
    const latestSet = (await latestNormSet(t.db, consultantUser.id))!;
    const before = await normSetRows();
    expect(
      await insertNormSet(t.db, {
        consultantId: consultantUser.id,
        seq: latestSet.seq,
        madeOn: "2026-03-10",
        entries: [],
      }),
    ).toBeUndefined();
    expect(await normSetRows()).toBe(before);
    expect((await latestNormSet(t.db, consultantUser.id))!).toEqual(latestSet);
  });
});

describe("who may read or publish sets", () => {
  it("is the consultant who made them: other consultants do not find them, managers are refused, nobody without a session", async () => {
    const [{ id }] = (await (await get("/api/norm-sets", consultant)).json()).sets;
    const before = await normSetRows();
    expect((await get(`/api/norm-sets/${id}`, rival)).status).toBe(404);
    expect(await (await get("/api/norm-sets", rival)).json()).toMatchObject({
      sets: [],
      next: { qualifying: 0, first: true },
    });
    const own = await publish(rival);
    expect(own.status).toBe(409); // the rival has no clients of their own
    for (const cookie of [of("Alpha").manager!]) {
      expect((await get(`/api/norm-sets/${id}`, cookie)).status).toBe(403);
      expect((await get("/api/norm-sets", cookie)).status).toBe(403);
      expect((await publish(cookie)).status).toBe(403);
    }
    expect((await t.app.request(`/api/norm-sets/${id}`)).status).toBe(401);
    expect((await postJson(t.app, "/api/norm-sets", {})).status).toBe(401);
    expect(await normSetRows()).toBe(before);
  });
});
