/**
 * Release attempts that make no release (domain/release-attempts.ts), over HTTP on a database of
 * their own: a failed attempt is written down with its reason and waits out a growing back-off,
 * for the sweep and for readers alike; an attempt that never ended (the process died) is not
 * retried on restart before its time; every other round is released meanwhile; a release clears it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { ATTEMPT_ADVICE, backoffMs, FIRST_BACKOFF_MS } from "../../src/domain/release-attempts.js";
import { DEFAULT_ROLES } from "../../src/domain/units.js";
import { hashPassword } from "../../src/lib/password.js";
import { releaseDue } from "../../src/services/release.js";
import { createUser } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { beginAttempt, findAttempt } from "../../src/storage/release-attempts.js";
import { findRelease } from "../../src/storage/releases.js";
import { countResponses } from "../../src/storage/responses.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let cookie: string;
let organisationId: string;
const MINUTE = 60_000;

/**
 * A round of the consultant's with six answers, closed in the database (as its closing date would),
 * not yet released; `byRole`: the answers spread over the four roles, one cell each.
 */
async function closedRound(
  title: string,
  { instrumentVersion = t.instrument.version, byRole = false }: { instrumentVersion?: number; byRole?: boolean } = {},
): Promise<Campaign> {
  const campaign = await createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales"]),
    organisationId,
    title,
    status: "open",
  });
  for (let i = 0; i < 6; i++) {
    const res = await postJson(t.app, `/api/s/${campaign.token}/responses`, {
      submissionId: crypto.randomUUID(),
      answers: {
        ...validAnswers(t.instrument, 2 + (i % 3)),
        department: "Sales",
        ...(byRole ? { role: DEFAULT_ROLES[i % 4]!.value } : {}),
      },
    });
    expect(res.status).toBe(201);
  }
  await t.client.execute({
    sql: "update campaigns set status = 'closed', instrument_version = ? where id = ?",
    args: [instrumentVersion, campaign.id],
  });
  return campaign;
}

const sweep = (at: Date) => releaseDue({ db: t.db, instruments: t.instruments }, at);
const later = (ms: number) => new Date(t.clock.now.getTime() + ms);
const get = (path: string) => t.app.request(path, { headers: { cookie } });

beforeAll(async () => {
  t = await createTestApp();
  const consultant = await createUser(t.db, "c@attempts.test", await hashPassword("attempts-password"), "consultant");
  organisationId = (await createOrganisation(t.db, "Attempts", consultant.id)).id;
  cookie = await loginCookie(t.app, "c@attempts.test", "attempts-password");
});
afterAll(() => t.close());

describe("a round whose release fails", () => {
  let broken: Campaign;
  let fine: Campaign;

  it("is written down with its reason and a back-off, while the other due rounds are released", async () => {
    broken = await closedRound("Broken", { instrumentVersion: 99 });
    fine = await closedRound("Fine");
    const first = await sweep(t.clock.now);
    expect(first.failed.map((f) => f.campaignId)).toEqual([broken.id]);
    expect(first.released.map((r) => r.campaignId)).toEqual([fine.id]);
    const attempt = await findAttempt(t.db, broken.id);
    expect(attempt).toEqual({
      campaignId: broken.id,
      attempts: 1,
      reason: "instrument_missing",
      nextAttemptAt: later(FIRST_BACKOFF_MS).toISOString(),
    });
    // The released round keeps no attempt row.
    expect(await findAttempt(t.db, fine.id)).toBeUndefined();
  });

  it("is not tried again before its back-off, by the sweep or by a reader, who gets a 503 saying why and when", async () => {
    expect((await sweep(later(FIRST_BACKOFF_MS - MINUTE))).failed).toEqual([]);
    expect((await findAttempt(t.db, broken.id))?.attempts).toBe(1);
    const res = await get(`/api/campaigns/${broken.id}/report`);
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBe(FIRST_BACKOFF_MS / 1000);
    const body = await res.json();
    expect(body.error.code).toBe("release_retrying");
    expect(body.error.details).toEqual([{ path: "release", message: "instrument_missing" }]);
    // The consultant's participation view says it too, with what to do.
    const participation = await (await get(`/api/campaigns/${broken.id}/participation`)).json();
    expect(participation.releaseAttempt).toMatchObject({ attempts: 1, reason: "instrument_missing" });
    expect(participation.releaseAttempt.advice.nl).toContain("niet geïnstalleerd");
  });

  it("is tried again after it, with a back-off twice as long", async () => {
    const at = later(FIRST_BACKOFF_MS);
    expect((await sweep(at)).failed.map((f) => f.campaignId)).toEqual([broken.id]);
    const attempt = await findAttempt(t.db, broken.id);
    expect(attempt?.attempts).toBe(2);
    expect(attempt?.nextAttemptAt).toBe(new Date(at.getTime() + backoffMs(2)).toISOString());
    expect(backoffMs(2)).toBe(2 * FIRST_BACKOFF_MS);
  });

  it("is released once it can be, which clears its attempts", async () => {
    await t.client.execute({
      sql: "update campaigns set instrument_version = ? where id = ?",
      args: [t.instrument.version, broken.id],
    });
    const done = await sweep(later(FIRST_BACKOFF_MS + backoffMs(2)));
    expect(done.released.map((r) => r.campaignId)).toEqual([broken.id]);
    expect(await findAttempt(t.db, broken.id)).toBeUndefined();
    expect((await get(`/api/campaigns/${broken.id}/report`)).status).toBe(200);
  });
});

describe("an attempt that never ended (the process died during it)", () => {
  it("is not retried at once on restart, only after its back-off, and then completes", async () => {
    const round = await closedRound("Killed");
    // What a process that ran out of memory leaves: the attempt begun, nothing else.
    await beginAttempt(t.db, round.id, t.clock.now);
    expect((await sweep(t.clock.now)).released).toEqual([]);
    expect(await findRelease(t.db, round.id)).toBeUndefined();
    expect((await findAttempt(t.db, round.id))?.reason).toBe("interrupted");
    const res = await get(`/api/campaigns/${round.id}/report`);
    expect(res.status).toBe(503);
    expect((await res.json()).error.details[0].message).toBe("interrupted");
    const done = await sweep(later(FIRST_BACKOFF_MS));
    expect(done.released.map((r) => r.campaignId)).toEqual([round.id]);
    expect(await findAttempt(t.db, round.id)).toBeUndefined();
  });
});

describe("a round whose fold would outgrow the heap", () => {
  it("fails its attempt as too_large with advice, keeps its answers, and releases once the bound allows it", async () => {
    // Six answers in four cells (one per role).
    const campaign = await closedRound("Fine-grained", { byRole: true });
    // A bound below what even four small cells take.
    const tight = await releaseDue({ db: t.db, instruments: t.instruments, releaseBytes: 1024 }, later(MINUTE));
    expect(tight.failed.map((f) => f.campaignId)).toContain(campaign.id);
    expect(await findAttempt(t.db, campaign.id)).toMatchObject({ attempts: 1, reason: "too_large" });
    expect(await findRelease(t.db, campaign.id)).toBeUndefined();
    expect(await countResponses(t.db, campaign.id)).toBe(6);
    const participation = await (await get(`/api/campaigns/${campaign.id}/participation`)).json();
    expect(participation.releaseAttempt.advice).toEqual(ATTEMPT_ADVICE.too_large);

    // After its back-off, on a server whose heap holds the round (the default bound), it is released.
    const roomy = await releaseDue({ db: t.db, instruments: t.instruments }, later(MINUTE + FIRST_BACKOFF_MS));
    expect(roomy.released.map((r) => r.campaignId)).toContain(campaign.id);
    expect((await findRelease(t.db, campaign.id))?.respondents).toBe(6);
    expect(await findAttempt(t.db, campaign.id)).toBeUndefined();
  });
});
