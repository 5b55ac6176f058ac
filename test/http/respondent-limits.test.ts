/**
 * Rate limits on the respondent routes, through the HTTP API on a database of this suite's own:
 * open-link submissions per client and round, failed code checks per client and round, and no
 * trace of any client address in the database or the logs.
 */
import { createHash } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";

import type { Campaign } from "../../src/domain/campaign.js";
import { parseAppVars, parseEnv } from "../../src/env.js";
import { issueCodes } from "../../src/services/access-codes.js";
import {
  CODE_FAILURE_WINDOW_MS,
  DEFAULT_SUBMISSIONS_PER_HOUR,
  MAX_CODE_FAILURES,
} from "../../src/services/respondent-limits.js";
import { countResponses } from "../../src/storage/responses.js";
import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

/** Small, so a test reaches it quickly; the default is tested on its own below. */
const LIMIT = 3;
const ADDRESS = "203.0.113.41";
const OTHER = "198.51.100.23";
const IPV6 = "2001:db8::7";
const ADDRESSES = [ADDRESS, OTHER, IPV6];
const MINUTE = 60 * 1000;

/** The test's stand-in for the socket or cf-connecting-ip: a header, so each request can say who it is. */
const clientAddress = (c: { req: { header(name: string): string | undefined } }) => c.req.header("x-test-client");

let t: TestApp;
let logged: MockInstance[];

beforeAll(async () => {
  t = await createTestApp({ deps: { clientAddress, submissionsPerHour: LIMIT } });
  logged = (["log", "info", "warn", "error", "debug"] as const).map((method) => vi.spyOn(console, method));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t.close();
});

const from = (address: string | undefined): Record<string, string> => (address ? { "x-test-client": address } : {});
const submit = (
  app: TestApp["app"],
  campaign: Campaign,
  address: string | undefined,
  submissionId: string = crypto.randomUUID(),
  extra: Record<string, unknown> = {},
) =>
  postJson(
    app,
    `/api/s/${campaign.token}/responses`,
    { submissionId, answers: validAnswers(t.instrument), ...extra },
    from(address),
  );
const checkCode = (campaign: Campaign, address: string | undefined, accessCode: string) =>
  postJson(t.app, `/api/s/${campaign.token}/access-code`, { accessCode }, from(address));
const receipts = async (campaign: Campaign) =>
  Number(
    (await t.client.execute({ sql: "select count(*) as n from receipts where campaign_id = ?", args: [campaign.id] }))
      .rows[0]!.n,
  );
const advance = (ms: number) => (t.clock.now = new Date(t.clock.now.getTime() + ms));
const statuses = async (responses: (Response | Promise<Response>)[]) =>
  (await Promise.all(responses)).map((r) => r.status);

async function expectTooMany(res: Response, retryAfterSeconds: number, message: RegExp): Promise<void> {
  expect(res.status).toBe(429);
  expect(res.headers.get("retry-after")).toBe(String(retryAfterSeconds));
  // The same protective headers as every other answer of the respondent API.
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  const { error } = await res.json();
  expect(error.code).toBe("too_many_requests");
  expect(error.message).toMatch(message);
  expect(error.message).toContain(`Try again in ${Math.ceil(retryAfterSeconds / 60)} minute`);
  expect(error.details).toEqual([{ path: "retryAfter", message: String(retryAfterSeconds) }]);
}

describe("submissions to a round on an open link", () => {
  it("are taken up to the limit per client and round in an hour; the next is a 429 that stores nothing", async () => {
    const campaign = await t.addCampaign();
    expect(campaign.requireCode).toBe(false);
    for (let i = 0; i < LIMIT; i++) expect((await submit(t.app, campaign, ADDRESS)).status).toBe(201);
    expect(await countResponses(t.db, campaign.id)).toBe(LIMIT);

    await expectTooMany(
      await submit(t.app, campaign, ADDRESS),
      3600,
      /Too many responses to this survey came from your network/,
    );
    expect(await countResponses(t.db, campaign.id)).toBe(LIMIT);
    expect(await receipts(campaign)).toBe(LIMIT);

    // Other clients have budgets of their own, and so has the same client in another round.
    expect((await submit(t.app, campaign, OTHER)).status).toBe(201);
    expect((await submit(t.app, campaign, IPV6)).status).toBe(201);
    const another = await t.addCampaign();
    expect((await submit(t.app, another, ADDRESS)).status).toBe(201);
    expect(await countResponses(t.db, campaign.id)).toBe(LIMIT + 2);
    expect(await countResponses(t.db, another.id)).toBe(1);

    // The hour runs from the client's first submission; then it may answer again.
    advance(59 * MINUTE);
    await expectTooMany(await submit(t.app, campaign, ADDRESS), 60, /your network/);
    advance(MINUTE);
    expect((await submit(t.app, campaign, ADDRESS)).status).toBe(201);
    expect(await countResponses(t.db, campaign.id)).toBe(LIMIT + 3);
  });

  it("count only what is stored: retries, invalid answers and refusals leave the budget alone", async () => {
    const campaign = await t.addCampaign();
    const first = crypto.randomUUID();
    expect((await submit(t.app, campaign, ADDRESS, first)).status).toBe(201);
    expect(await statuses([submit(t.app, campaign, ADDRESS, first), submit(t.app, campaign, ADDRESS, first)])).toEqual([
      201, 201,
    ]);
    const invalid = { answers: { ...validAnswers(t.instrument), mission_1: 9 } };
    for (let i = 0; i < LIMIT + 1; i++)
      expect((await submit(t.app, campaign, ADDRESS, crypto.randomUUID(), invalid)).status).toBe(400);
    for (let i = 1; i < LIMIT; i++) expect((await submit(t.app, campaign, ADDRESS)).status).toBe(201);
    expect(await countResponses(t.db, campaign.id)).toBe(LIMIT);

    const refused = crypto.randomUUID();
    expect((await submit(t.app, campaign, ADDRESS, refused)).status).toBe(429);
    // A browser that lost its 201 and retries still gets it, at the limit, and nothing is stored twice.
    const retry = await submit(t.app, campaign, ADDRESS, first);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual({ status: "stored", submissionId: first });
    // The refused one was not stored, so its retry is refused too.
    expect((await submit(t.app, campaign, ADDRESS, refused)).status).toBe(429);
    expect(await countResponses(t.db, campaign.id)).toBe(LIMIT);
    expect(await receipts(campaign)).toBe(LIMIT);
  });

  it("hold under concurrency: of ten sent at once, exactly the limit is stored", async () => {
    const campaign = await t.addCampaign();
    const results = await statuses(Array.from({ length: 10 }, () => submit(t.app, campaign, ADDRESS)));
    expect(results.filter((s) => s === 201)).toHaveLength(LIMIT);
    expect(results.filter((s) => s === 429)).toHaveLength(10 - LIMIT);
    expect(await countResponses(t.db, campaign.id)).toBe(LIMIT);
  });

  it("keep the 201 of a stored submission retried after the round closed, over the limit too", async () => {
    const campaign = await t.addCampaign();
    const ids = Array.from({ length: LIMIT }, () => crypto.randomUUID());
    for (const id of ids) expect((await submit(t.app, campaign, ADDRESS, id)).status).toBe(201);
    await t.client.execute({ sql: "update campaigns set status = 'closed' where id = ?", args: [campaign.id] });
    advance(6000); // past the 5-second cache of the campaign behind a link
    expect((await submit(t.app, campaign, ADDRESS, ids[0])).status).toBe(201);
    // A new one from the same client is refused by the limit before the round is looked at.
    expect((await submit(t.app, campaign, ADDRESS)).status).toBe(429);
    expect((await submit(t.app, campaign, OTHER)).status).toBe(410);
    expect(await countResponses(t.db, campaign.id)).toBe(LIMIT);
  });

  it("are not limited when the client's address is unknown", async () => {
    const campaign = await t.addCampaign();
    expect(await statuses(Array.from({ length: LIMIT + 3 }, () => submit(t.app, campaign, undefined)))).toEqual(
      Array(LIMIT + 3).fill(201),
    );
    expect(await countResponses(t.db, campaign.id)).toBe(LIMIT + 3);
  });

  it("are limited to 25 an hour when nothing is configured, and the variable sets another number", async () => {
    expect(DEFAULT_SUBMISSIONS_PER_HOUR).toBe(25);
    expect(parseEnv({}).RESPONDENT_SUBMISSIONS_PER_HOUR).toBe(25);
    expect(parseEnv({ RESPONDENT_SUBMISSIONS_PER_HOUR: "400" }).RESPONDENT_SUBMISSIONS_PER_HOUR).toBe(400);
    expect(
      parseAppVars({ RESPONDENT_SUBMISSIONS_PER_HOUR: "40", LIBSQL_URL: "http://x" }).RESPONDENT_SUBMISSIONS_PER_HOUR,
    ).toBe(40);
    expect(parseAppVars({}).RESPONDENT_SUBMISSIONS_PER_HOUR).toBe(25);
    for (const bad of ["0", "-1", "2.5", "many", ""])
      expect(() => parseEnv({ RESPONDENT_SUBMISSIONS_PER_HOUR: bad })).toThrow(/RESPONDENT_SUBMISSIONS_PER_HOUR/);

    const plain = await createTestApp({ deps: { clientAddress } });
    try {
      const campaign = await plain.addCampaign();
      for (let i = 0; i < 25; i++) expect((await submit(plain.app, campaign, ADDRESS)).status).toBe(201);
      expect((await submit(plain.app, campaign, ADDRESS)).status).toBe(429);
      expect(await countResponses(plain.db, campaign.id)).toBe(25);
    } finally {
      await plain.close();
    }
  });
});

describe("a round on single-use codes", () => {
  it("does not limit submissions: each code stores one", async () => {
    const campaign = await t.addCampaign();
    const codes = await issueCodes(t.db, campaign, LIMIT + 2);
    for (const accessCode of codes)
      expect((await submit(t.app, campaign, ADDRESS, crypto.randomUUID(), { accessCode })).status).toBe(201);
    expect(await countResponses(t.db, campaign.id)).toBe(LIMIT + 2);
  });

  it(`allows ${MAX_CODE_FAILURES} failed code checks per client and round in 15 minutes, then refuses even a good code`, async () => {
    expect(MAX_CODE_FAILURES).toBe(20);
    expect(CODE_FAILURE_WINDOW_MS).toBe(15 * MINUTE);
    const campaign = await t.addCampaign();
    const [used, good] = await issueCodes(t.db, campaign, 2);
    expect((await submit(t.app, campaign, OTHER, crypto.randomUUID(), { accessCode: used })).status).toBe(201);

    // Good codes and missing ones are no guesses: they do not count.
    for (let i = 0; i < 25; i++) expect((await checkCode(campaign, ADDRESS, good!)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await checkCode(campaign, ADDRESS, " ")).status).toBe(400);
    for (let i = 0; i < MAX_CODE_FAILURES / 2; i++)
      expect((await checkCode(campaign, ADDRESS, "ZZZZZ-ZZZZZ")).status).toBe(403);
    for (let i = 0; i < MAX_CODE_FAILURES / 2; i++)
      expect((await checkCode(campaign, ADDRESS, used!)).status).toBe(409);

    await expectTooMany(
      await checkCode(campaign, ADDRESS, good!),
      900,
      /Too many access codes that do not work were tried/,
    );
    expect((await checkCode(campaign, ADDRESS, "ZZZZZ-ZZZZZ")).status).toBe(429);
    // Another client, and the same client in another round, are not held up.
    expect((await checkCode(campaign, OTHER, good!)).status).toBe(200);
    expect((await checkCode(campaign, IPV6, "ZZZZZ-ZZZZZ")).status).toBe(403);
    const another = await t.addCampaign();
    await issueCodes(t.db, another, 1);
    expect((await checkCode(another, ADDRESS, "ZZZZZ-ZZZZZ")).status).toBe(403);

    advance(14 * MINUTE);
    await expectTooMany(await checkCode(campaign, ADDRESS, good!), 60, /access codes/);
    advance(MINUTE);
    expect((await checkCode(campaign, ADDRESS, good!)).status).toBe(200);
  });

  it("stores 50 valid codes sent at once from one office's address: a failure is counted once the store has answered", async () => {
    const campaign = await t.addCampaign({ status: "open", requireCode: true });
    const codes = await issueCodes(t.db, campaign, 50);
    expect(codes.length).toBeGreaterThan(MAX_CODE_FAILURES);
    const results = await statuses(
      codes.map((accessCode) => submit(t.app, campaign, ADDRESS, crypto.randomUUID(), { accessCode })),
    );
    expect(results).toEqual(codes.map(() => 201));
    expect(await countResponses(t.db, campaign.id)).toBe(codes.length);
    // Failures still count: the 21st used code from that address is refused before it is looked at.
    for (let i = 0; i < MAX_CODE_FAILURES; i++)
      expect((await checkCode(campaign, ADDRESS, codes[i % codes.length]!)).status).toBe(409);
    expect((await checkCode(campaign, ADDRESS, codes[0]!)).status).toBe(429);
  });

  it("counts failed codes sent with answers in the same budget, and still answers a stored retry with 201", async () => {
    const campaign = await t.addCampaign();
    const [mine, unused] = await issueCodes(t.db, campaign, 2);
    const stored = crypto.randomUUID();
    expect((await submit(t.app, campaign, ADDRESS, stored, { accessCode: mine })).status).toBe(201);
    for (let i = 0; i < MAX_CODE_FAILURES; i++)
      expect(
        (
          await submit(t.app, campaign, ADDRESS, crypto.randomUUID(), {
            accessCode: `ZZZZZ-ZZZ${String(i).padStart(2, "0")}`,
          })
        ).status,
      ).toBe(403);

    expect((await checkCode(campaign, ADDRESS, unused!)).status).toBe(429);
    await expectTooMany(
      await submit(t.app, campaign, ADDRESS, crypto.randomUUID(), { accessCode: unused }),
      900,
      /access codes/,
    );
    expect(await countResponses(t.db, campaign.id)).toBe(1);
    // The refused submission did not use the code up.
    expect((await checkCode(campaign, OTHER, unused!)).status).toBe(200);
    const retry = await submit(t.app, campaign, ADDRESS, stored, { accessCode: mine });
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual({ status: "stored", submissionId: stored });
    expect(await countResponses(t.db, campaign.id)).toBe(1);
  });
});

describe("what is kept of a client", () => {
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

  it("no address, nor a plain hash of one, is in any table, and nothing was logged", async () => {
    // Once more from every address, so each has been counted and refused in this database.
    const campaign = await t.addCampaign();
    for (const address of ADDRESSES) {
      for (let i = 0; i < LIMIT; i++) expect((await submit(t.app, campaign, address)).status).toBe(201);
      expect((await submit(t.app, campaign, address)).status).toBe(429);
    }
    const coded = await t.addCampaign();
    await issueCodes(t.db, coded, 1);
    for (const address of ADDRESSES) expect((await checkCode(coded, address, "ZZZZZ-ZZZZZ")).status).toBe(403);

    const tables = (await t.client.execute("select name from sqlite_master where type = 'table'")).rows.map((r) =>
      String(r.name),
    );
    expect(tables).toEqual(
      expect.arrayContaining(["responses", "receipts", "access_codes", "campaigns", "login_failures"]),
    );
    const dump = JSON.stringify(
      await Promise.all(tables.map(async (table) => (await t.client.execute(`select * from "${table}"`)).rows)),
    ).toLowerCase();
    expect(dump).toContain(campaign.id); // the dump holds the tables' text
    const campaignIds = (await t.client.execute("select id from campaigns")).rows.map((r) => String(r.id));
    expect(campaignIds.length).toBeGreaterThan(10);
    for (const address of ADDRESSES) {
      const forms = [
        address,
        sha256(address),
        ...campaignIds.flatMap((id) => [`${id}${address}`, `${id}\n${address}`, `${id}:${address}`].map(sha256)),
      ];
      for (const form of forms) expect(dump).not.toContain(form.toLowerCase());
      expect(dump).not.toContain(sha256(address).slice(0, 32));
    }
    // Nothing is logged per request: not the address, not that a client was limited.
    for (const spy of logged) expect(spy).not.toHaveBeenCalled();
  });
});
