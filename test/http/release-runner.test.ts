/**
 * A release made elsewhere, in steps (services/release.ts ReleaseRunner; on Workers a Durable
 * Object per round): readers meanwhile get 503 release_running and a participation that says
 * "running", closing answers at once, the schedule counts the round as running, and a release that
 * fails says why. Without a runner (Node), a second reader waits for the release under way.
 * The runner here steps the same release code by hand, as the object's alarms would.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { campaignDefaults } from "../../src/domain/campaign.js";
import { hashPassword } from "../../src/lib/password.js";
import { type SlicedJob, slicedJob } from "../../src/lib/sliced.js";
import { makeRelease, releaseDue, type ReleaseRunner } from "../../src/services/release.js";
import { createUser } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation, findCampaignById } from "../../src/storage/campaigns.js";
import type { StoredRelease } from "../../src/storage/releases.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

/** A runner whose steps the test takes: one turn of the release per step. It holds its own attempts, as the object does. */
function handRunner(get: () => TestApp) {
  const jobs = new Map<string, SlicedJob<StoredRelease>>();
  const started: string[] = [];
  const outcome = async (job: SlicedJob<StoredRelease>, id: string) => {
    const step = await job.slice();
    if (!step.done) return "running" as const;
    jobs.delete(id);
    return "error" in step ? ("failed" as const) : ("done" as const);
  };
  const runner: ReleaseRunner = {
    async start(campaignId) {
      const running = jobs.get(campaignId);
      if (running) return "running";
      const t = get();
      started.push(campaignId);
      const job = slicedJob(
        async (turn) =>
          makeRelease(
            { db: t.db, instruments: t.instruments, turn },
            (await findCampaignById(t.db, campaignId))!,
            t.clock.now,
          ),
        { budgetMs: 0, now: () => 0, between: () => Promise.resolve() },
      );
      jobs.set(campaignId, job);
      return outcome(job, campaignId);
    },
    running: async (campaignId) => jobs.has(campaignId),
  };
  /** Steps the round's release to its end: how many steps that took. */
  async function finish(campaignId: string): Promise<number> {
    const job = jobs.get(campaignId)!;
    while ((await outcome(job, campaignId)) === "running");
    return job.slices;
  }
  return { runner, finish, started };
}

let t: TestApp;
let cookie: string;
let organisationId: string;
const hand = handRunner(() => t);

/** An open round of `app` with 6 answers; `instrumentVersion` then set (one not installed makes its release fail). */
async function answeredRound(app: TestApp, organisation: string, title: string, instrumentVersion?: number) {
  const campaign = await createCampaign(app.db, {
    ...campaignDefaults(app.instrument, ["Sales"]),
    organisationId: organisation,
    title,
    status: "open",
  });
  for (let i = 0; i < 6; i++)
    expect(
      (
        await postJson(app.app, `/api/s/${campaign.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: { ...validAnswers(app.instrument, 1 + (i % 5)), department: "Sales" },
        })
      ).status,
    ).toBe(201);
  if (instrumentVersion !== undefined)
    await app.client.execute({
      sql: "update campaigns set instrument_version = ? where id = ?",
      args: [instrumentVersion, campaign.id],
    });
  return campaign;
}
const get = (path: string) => t.app.request(path, { headers: { cookie } });
const close = (id: string) => postJson(t.app, `/api/campaigns/${id}/close`, {}, { cookie });

beforeAll(async () => {
  t = await createTestApp({ deps: { releaseRunner: hand.runner } });
  const consultant = await createUser(t.db, "c@runner.test", await hashPassword("runner-password"), "consultant");
  organisationId = (await createOrganisation(t.db, "Runner", consultant.id)).id;
  cookie = await loginCookie(t.app, "c@runner.test", "runner-password");
});
afterAll(() => t.close());

describe("a release made by a runner, in steps", () => {
  it("closes at once; readers get 503 release_running and a participation saying so, then the release", async () => {
    const round = await answeredRound(t, organisationId, "Stepped");
    const closed = await close(round.id);
    expect(closed.status).toBe(200);
    expect((await closed.json()).status).toBe("closed");
    // The round takes no more answers from the close on, though its release is not made yet.
    const late = await postJson(t.app, `/api/s/${round.token}/responses`, {
      submissionId: crypto.randomUUID(),
      answers: { ...validAnswers(t.instrument), department: "Sales" },
    });
    expect(late.status).toBe(410);
    for (let i = 0; i < 2; i++) {
      const report = await get(`/api/campaigns/${round.id}/report`);
      expect(report.status).toBe(503);
      expect(report.headers.get("retry-after")).toBe("5");
      expect((await report.json()).error).toMatchObject({ code: "release_running", details: [{ message: "running" }] });
    }
    const waiting = await (await get(`/api/campaigns/${round.id}/participation`)).json();
    expect(waiting).toMatchObject({ status: "closed", released: false, releaseAttempt: { reason: "running" } });
    expect(waiting.releaseAttempt.advice.nl).toContain("worden nu vrijgegeven");
    // More steps than the close's own: the release went on where its first step paused.
    expect(await hand.finish(round.id)).toBeGreaterThan(1);
    const report = await get(`/api/campaigns/${round.id}/report`);
    expect(report.status).toBe(200);
    expect((await report.json()).n).toBe(6);
    expect(await (await get(`/api/campaigns/${round.id}/participation`)).json()).toMatchObject({
      released: true,
      releaseAttempt: null,
    });
  });

  it("is counted as running by the schedule, which starts it once and not again while it runs", async () => {
    const round = await answeredRound(t, organisationId, "Due");
    await t.client.execute({ sql: "update campaigns set closes_on = '2026-03-01' where id = ?", args: [round.id] });
    const before = hand.started.length;
    const first = await releaseDue({ db: t.db, instruments: t.instruments, releaseRunner: hand.runner }, t.clock.now);
    expect(first).toMatchObject({ released: [], failed: [], running: [round.id] });
    // Its attempt is written down: the next run leaves it to the runner, and a reader is told it runs.
    const second = await releaseDue({ db: t.db, instruments: t.instruments, releaseRunner: hand.runner }, t.clock.now);
    expect(second).toMatchObject({ released: [], failed: [], running: [] });
    expect((await (await get(`/api/campaigns/${round.id}/report`)).json()).error.code).toBe("release_running");
    // A second close while it runs is answered at once and starts nothing.
    expect((await close(round.id)).status).toBe(200);
    expect(hand.started.slice(before)).toEqual([round.id]);
    await hand.finish(round.id);
    expect((await get(`/api/campaigns/${round.id}/report`)).status).toBe(200);
  });

  it("says why when its release fails, as a release in the process does", async () => {
    const round = await answeredRound(t, organisationId, "Broken", 99);
    const closed = await close(round.id);
    expect(closed.status).toBe(503);
    expect((await closed.json()).error).toMatchObject({
      code: "release_retrying",
      details: [{ message: "instrument_missing" }],
    });
  });
});

describe("a release in this process (Node, no runner)", () => {
  /** A Node app with one open round of 6 answers, its consultant's cookie, and a reader of its report. */
  async function nodeRound(deps: Parameters<typeof createTestApp>[0] = {}) {
    const node = await createTestApp(deps);
    const consultant = await createUser(node.db, "n@runner.test", await hashPassword("runner-password"), "consultant");
    const organisation = await createOrganisation(node.db, "Node", consultant.id);
    const round = await answeredRound(node, organisation.id, "Joined");
    const own = await loginCookie(node.app, "n@runner.test", "runner-password");
    return {
      node,
      read: () => node.app.request(`/api/campaigns/${round.id}/report`, { headers: { cookie: own } }),
      close: () => postJson(node.app, `/api/campaigns/${round.id}/close`, {}, { cookie: own }),
    };
  }

  it("lets a second reader wait for the release under way instead of refusing it", async () => {
    const { node, read, close } = await nodeRound();
    try {
      const closing = close();
      // The close has written its attempt down and is folding when the readers come.
      await new Promise((resolve) => setImmediate(resolve));
      const [closed, first, second] = await Promise.all([closing, read(), read()]);
      expect([closed.status, first.status, second.status]).toEqual([200, 200, 200]);
      const [a, b] = [await first.json(), await second.json()];
      expect(a.n).toBe(6);
      expect(b).toEqual(a);
    } finally {
      await node.close();
    }
  });

  it("tells a reader who waited for a release that then fails why, as it tells the closer (503, not 500)", async () => {
    // A fold budget of 2 KB: the release fails as too_large after its first page.
    const { node, read, close } = await nodeRound({ deps: { releaseBytes: 2000, releasePage: 1 } });
    try {
      const closing = close();
      await new Promise((resolve) => setImmediate(resolve));
      const [closed, joined] = await Promise.all([closing, read()]);
      for (const res of [closed, joined, await read()]) {
        expect(res.status).toBe(503);
        expect((await res.json()).error).toMatchObject({
          code: "release_retrying",
          details: [{ message: "too_large" }],
        });
      }
    } finally {
      await node.close();
    }
  });
});
