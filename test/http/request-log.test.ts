/**
 * The request log (middleware/request-log.ts), read through a sink the app is given: one JSON
 * line per staff request with its id, route pattern, status, duration and user; nothing per
 * request on respondent routes, and on their server errors nothing that identifies anyone.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createApp } from "../../src/app.js";
import type { Campaign } from "../../src/domain/campaign.js";
import { campaignDefaults } from "../../src/domain/campaign.js";
import { parseAppVars, parseEnv } from "../../src/env.js";
import type { LogLine } from "../../src/lib/log.js";
import { hashPassword } from "../../src/lib/password.js";
import { filePageStore } from "../../src/node/static-files.js";
import { createUser } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

const ADDRESS = "203.0.113.77";
const AGENT = "Mozilla/5.0 (Klantgericht log test)";
const PASSWORD = "request-log-password-1";

let t: TestApp;
let lines: LogLine[];
let campaign: Campaign;
let cookie: string;
let userId: string;

beforeAll(async () => {
  lines = [];
  t = await createTestApp({
    deps: { logLevel: "debug", logSink: (line) => lines.push(line), clientAddress: () => ADDRESS },
  });
  userId = (await createUser(t.db, "log@consult.test", await hashPassword(PASSWORD), "consultant")).id;
  cookie = await loginCookie(t.app, "log@consult.test", PASSWORD);
});
afterAll(() => t.close());
beforeEach(async () => {
  const organisation = await createOrganisation(t.db, "Log client", userId);
  campaign = await createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales", "Service"]),
    organisationId: organisation.id,
    title: "Log round",
  });
  lines.length = 0;
});

describe("staff routes", () => {
  it("write one JSON line per request: id, method, route pattern, status, duration and user", async () => {
    const res = await t.app.request(`/api/campaigns/${campaign.id}/participation`, {
      headers: { cookie, "user-agent": AGENT },
    });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toHaveLength(1);
    const [line] = lines as [LogLine];
    expect(line).toMatchObject({
      level: "info",
      msg: "request",
      requestId: id,
      method: "GET",
      route: "/api/campaigns/:id/participation",
      status: 200,
      userId,
    });
    expect(typeof line.durationMs).toBe("number");
    expect(new Date(line.time).toISOString()).toBe(line.time);
    // The pattern, never the path: no ids, no query, no address, no user agent.
    const text = JSON.stringify(line);
    for (const leak of [campaign.id, ADDRESS, AGENT]) expect(text).not.toContain(leak);
  });

  it("keeps a well-formed request id from a proxy and replaces a malformed one", async () => {
    const kept = await t.app.request("/api/me", { headers: { cookie, "x-request-id": "proxy-abc-123" } });
    expect(kept.headers.get("x-request-id")).toBe("proxy-abc-123");
    const replaced = await t.app.request("/api/me", { headers: { cookie, "x-request-id": "two words;{}" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((l) => l.requestId)).toEqual(["proxy-abc-123", replaced.headers.get("x-request-id")]);
  });

  it("names the error code of a refusal, and leaves out the token of a link in the path", async () => {
    const refused = await t.app.request("/api/me");
    expect(refused.status).toBe(401);
    const token = "tok_" + "x".repeat(40);
    const unknown = await t.app.request(`/api/invitations/${token}`);
    expect(unknown.status).toBe(404);
    expect(lines[0]).toMatchObject({ route: "/api/me", status: 401, errorCode: "unauthenticated", level: "info" });
    expect(lines[0]!.userId).toBeUndefined();
    expect(lines[1]).toMatchObject({ route: "/api/invitations/:token", status: 404 });
    expect(JSON.stringify(lines)).not.toContain(token);
  });

  it("logs a route nobody serves by the middleware's pattern, not the path asked for", async () => {
    const res = await t.app.request("/api/no-such-thing/secret-token-123");
    expect(res.status).toBe(404);
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain("secret-token-123");
  });

  it("logs /healthz at debug only while it is healthy", async () => {
    expect((await t.app.request("/healthz")).status).toBe(200);
    expect(lines).toEqual([expect.objectContaining({ level: "debug", route: "/healthz", status: 200 })]);
  });
});

describe("respondent routes", () => {
  it("log nothing for a survey, a submission, a refused submission or a staff summary read", async () => {
    const headers = { "user-agent": AGENT, "x-forwarded-for": ADDRESS };
    expect((await t.app.request(`/s/${campaign.token}`, { headers })).status).toBe(200);
    expect((await t.app.request(`/api/s/${campaign.token}`, { headers })).status).toBe(200);
    const stored = await postJson(
      t.app,
      `/api/s/${campaign.token}/responses`,
      { submissionId: crypto.randomUUID(), answers: validAnswers(t.instrument) },
      headers,
    );
    expect(stored.status).toBe(201);
    expect(stored.headers.get("x-request-id")).toBeNull();
    expect(
      (await postJson(t.app, `/api/s/${campaign.token}/responses`, { submissionId: "no", answers: {} }, headers))
        .status,
    ).toBe(400);
    expect((await postJson(t.app, "/api/summaries/read", { token: "a".repeat(43) }, headers)).status).toBe(404);
    expect(lines).toEqual([]);
  });

  it("on a server error log only the route pattern, status, duration and error class: no id, token, address, agent or stack", async () => {
    const broken: LogLine[] = [];
    // A clock that fails: every route that reads the time answers 500.
    const app = createApp({
      db: t.db,
      instruments: t.instruments,
      pages: filePageStore(),
      clientAddress: () => ADDRESS,
      logSink: (line) => broken.push(line),
      now: () => {
        throw new Error(`clock broke for ${campaign.token}`);
      },
    });
    const res = await postJson(
      app,
      `/api/s/${campaign.token}/responses`,
      { submissionId: crypto.randomUUID(), answers: validAnswers(t.instrument) },
      { "user-agent": AGENT },
    );
    expect(res.status).toBe(500);
    expect(broken).toHaveLength(1);
    const [line] = broken as [LogLine];
    expect(line).toMatchObject({
      level: "error",
      msg: "request failed",
      method: "POST",
      route: "/api/s/:token/responses",
      status: 500,
      errorCode: "internal",
      errorName: "Error",
    });
    expect(Object.keys(line).sort()).toEqual([
      "durationMs",
      "errorCode",
      "errorName",
      "level",
      "method",
      "msg",
      "route",
      "status",
      "time",
    ]);
    const text = JSON.stringify(line);
    for (const leak of [campaign.token, ADDRESS, AGENT, "clock broke"]) expect(text).not.toContain(leak);

    // The same failure on a staff route: the request id and the stack, for whoever has to fix it.
    broken.length = 0;
    const staff = await app.request("/api/me", { headers: { cookie } });
    expect(staff.status).toBe(500);
    expect(broken).toEqual([
      expect.objectContaining({
        level: "error",
        msg: "request",
        method: "GET",
        requestId: staff.headers.get("x-request-id"),
        route: "/api/me",
        status: 500,
        errorCode: "internal",
        errorMessage: expect.stringContaining("clock broke"),
        stack: expect.stringContaining("request-log.test.ts"),
      }),
    ]);
  });
});

describe("a mail that could not be sent", () => {
  it("is logged with the request id, the error code and the mailer's error as the cause", async () => {
    const seen: LogLine[] = [];
    const app = createApp({
      db: t.db,
      instruments: t.instruments,
      pages: filePageStore(),
      now: () => t.clock.now,
      logSink: (line) => seen.push(line),
      mailer: { send: async () => Promise.reject(new Error("421 mail server busy")) },
    });
    const res = await app.request(`/api/organisations/${campaign.organisationId}/invitations`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: "http://localhost" },
      body: JSON.stringify({ email: "new.head@client.test" }),
    });
    expect(res.status).toBe(502);
    expect(seen).toEqual([
      expect.objectContaining({
        level: "error",
        requestId: res.headers.get("x-request-id"),
        route: "/api/organisations/:id/invitations",
        status: 502,
        errorCode: "mail_not_sent",
        cause: "421 mail server busy",
        userId,
      }),
    ]);
  });
});

describe("LOG_LEVEL", () => {
  it("is parsed once with the environment: info by default, any case, a wrong value refused at start", () => {
    expect(parseEnv({}).LOG_LEVEL).toBe("info");
    expect(parseEnv({ LOG_LEVEL: " Debug " }).LOG_LEVEL).toBe("debug");
    expect(parseAppVars({ LOG_LEVEL: "silent" }).LOG_LEVEL).toBe("silent");
    expect(() => parseEnv({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL: use one of debug, info, warn, error, silent/);
  });

  it("writes nothing below the level set", async () => {
    const quiet: LogLine[] = [];
    const app = createApp({
      db: t.db,
      instruments: t.instruments,
      pages: filePageStore(),
      now: () => t.clock.now,
      logLevel: "warn",
      logSink: (line) => quiet.push(line),
    });
    expect((await app.request("/api/me", { headers: { cookie } })).status).toBe(200);
    expect(quiet).toEqual([]);
  });
});
