/** Accounts and sessions: login, logout, expiry, rate limiting, CSRF and roles. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApp } from "../../src/app.js";
import { LOGIN_LIMITS } from "../../src/domain/login-limits.js";
import { hashPassword, verifyPassword } from "../../src/lib/password.js";
import { filePageStore } from "../../src/node/static-files.js";
import { SESSION_SECONDS } from "../../src/services/auth.js";
import { createUser, deleteUserSessions } from "../../src/storage/accounts.js";
import { createTestApp, loginCookie, postJson, type TestApp, tokenOf } from "../helpers/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await createUser(t.db, "consultant@example.test", await hashPassword("consultant-password"), "consultant");
  await createUser(t.db, "manager@example.test", await hashPassword("manager-password"), "manager");
});
afterAll(() => t.close());

const me = (cookie: string) => t.app.request("/api/me", { headers: { cookie } });

describe("passwords", () => {
  it("are PBKDF2-SHA256 with 100,000 iterations and a per-user salt", async () => {
    const a = await hashPassword("same password");
    const b = await hashPassword("same password");
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("Same password", a)).toBe(false);
    const stored = (await t.client.execute("select password_hash from users")).rows.map((r) => String(r.password_hash));
    expect(stored.some((h) => h.includes("consultant-password"))).toBe(false);
  });
});

describe("sessions", () => {
  it("sets an HttpOnly, SameSite=Lax cookie, a new token at every login, stored only as a hash", async () => {
    const res = await postJson(t.app, "/api/auth/login", {
      email: "Consultant@Example.test",
      password: "consultant-password",
    });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ email: "consultant@example.test", role: "consultant" });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^session=[\w-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const second = await loginCookie(t.app, "consultant@example.test", "consultant-password");
    expect(second).not.toBe(cookie.split(";")[0]);
    const token = second.split("=")[1]!;
    const stored = (await t.client.execute("select token_hash from sessions")).rows.map((r) => String(r.token_hash));
    expect(stored).not.toContain(token);
    expect(stored.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });

  it("uses a __Host- prefixed Secure cookie under https", async () => {
    const res = await t.app.request("https://survey.example/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "manager@example.test", password: "manager-password" }),
    });
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-session=.*Secure/);
  });

  it("ends with logout: the same token no longer works", async () => {
    const cookie = await loginCookie(t.app, "manager@example.test", "manager-password");
    expect((await me(cookie)).status).toBe(200);
    const out = await t.app.request("http://localhost/api/auth/logout", {
      method: "POST",
      headers: { cookie, origin: "http://localhost" },
    });
    expect(out.status).toBe(204);
    expect((await me(cookie)).status).toBe(401);
  });

  it("ends everywhere: logout-everywhere ends every session of the user and no one else's", async () => {
    const laptop = await loginCookie(t.app, "manager@example.test", "manager-password");
    const phone = await loginCookie(t.app, "manager@example.test", "manager-password");
    const colleague = await loginCookie(t.app, "consultant@example.test", "consultant-password");
    const out = await t.app.request("http://localhost/api/auth/logout-everywhere", {
      method: "POST",
      headers: { cookie: phone, origin: "http://localhost" },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^session=;/);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(phone)).status).toBe(401);
    expect((await me(colleague)).status).toBe(200);
    const manager = String(
      (await t.client.execute("select id from users where email = 'manager@example.test'")).rows[0]!.id,
    );
    expect(
      (await t.client.execute({ sql: "select count(*) as n from sessions where user_id = ?", args: [manager] }))
        .rows[0]!.n,
    ).toBe(0);
    // Without a session there is nothing to end.
    expect(
      (
        await t.app.request("http://localhost/api/auth/logout-everywhere", {
          method: "POST",
          headers: { origin: "http://localhost" },
        })
      ).status,
    ).toBe(401);
  });

  it("deleteUserSessions ends one user's sessions (for a password change or a revoked account)", async () => {
    const a = await loginCookie(t.app, "manager@example.test", "manager-password");
    const b = await loginCookie(t.app, "consultant@example.test", "consultant-password");
    const manager = String(
      (await t.client.execute("select id from users where email = 'manager@example.test'")).rows[0]!.id,
    );
    await deleteUserSessions(t.db, manager);
    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(200);
  });

  it("expires after its lifetime", async () => {
    const cookie = await loginCookie(t.app, "manager@example.test", "manager-password");
    const later = createApp({
      db: t.db,
      instruments: t.instruments,
      pages: filePageStore(),
      now: () => new Date(t.clock.now.getTime() + (SESSION_SECONDS + 1) * 1000),
    });
    expect((await later.request("/api/me", { headers: { cookie } })).status).toBe(401);
    expect((await me(cookie)).status).toBe(200);
  });

  it("refuses wrong credentials alike for unknown and known accounts", async () => {
    const unknown = await postJson(t.app, "/api/auth/login", { email: "nobody@example.test", password: "x" });
    const wrong = await postJson(t.app, "/api/auth/login", { email: "manager@example.test", password: "wrong" });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect((await unknown.json()).error).toEqual((await wrong.json()).error);
  });
});

describe("rate limiting", () => {
  it("slows an account down after repeated failures, even for the right password, then lets it in after the wait", async () => {
    await createUser(t.db, "target@example.test", await hashPassword("target-password"), "manager");
    for (let i = 0; i < LOGIN_LIMITS.pair.free; i++) {
      expect(
        (await postJson(t.app, "/api/auth/login", { email: "target@example.test", password: `guess-${i}` })).status,
      ).toBe(401);
    }
    const held = await postJson(t.app, "/api/auth/login", {
      email: "target@example.test",
      password: "target-password",
    });
    expect(held.status).toBe(429);
    // The sixth attempt one minute after the first.
    expect(held.headers.get("retry-after")).toBe("60");
    expect((await held.json()).error).toMatchObject({
      code: "too_many_attempts",
      details: [{ path: "retryAfter", message: "60" }],
    });
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 60 * 1000);
    expect(
      (await postJson(t.app, "/api/auth/login", { email: "target@example.test", password: "target-password" })).status,
    ).toBe(200);
    t.clock.now = saved;
  });

  it("limits one client guessing across many accounts", async () => {
    const app = createApp({
      db: t.db,
      instruments: t.instruments,
      pages: filePageStore(),
      now: () => t.clock.now,
      clientAddress: () => "198.51.100.9",
    });
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push(
        (await postJson(app, "/api/auth/login", { email: `spray${i}@example.test`, password: "x" })).status,
      );
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    const keys = (await t.client.execute("select key from login_failures")).rows.map((r) => String(r.key));
    expect(keys.some((k) => k.includes("198.51.100.9") || k.includes("spray"))).toBe(false);
  });
});

describe("CSRF and roles", () => {
  it("refuses a cross-site form post and changes nothing", async () => {
    const cookie = await loginCookie(t.app, "consultant@example.test", "consultant-password");
    const before = (await t.client.execute("select count(*) as n from organisations")).rows[0]!.n;
    const res = await t.app.request("http://localhost/api/organisations", {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: "name=Evil",
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("cross_site_request");
    const logout = await t.app.request("http://localhost/api/auth/logout", {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(logout.status).toBe(403);
    expect((await me(cookie)).status).toBe(200);
    expect((await t.client.execute("select count(*) as n from organisations")).rows[0]!.n).toBe(before);
  });

  it("lets a consultant create an organisation and a campaign, but not a manager", async () => {
    const consultant = await loginCookie(t.app, "consultant@example.test", "consultant-password");
    const manager = await loginCookie(t.app, "manager@example.test", "manager-password");
    expect((await postJson(t.app, "/api/organisations", { name: "X" }, { cookie: manager })).status).toBe(403);
    expect((await postJson(t.app, "/api/organisations", { name: "X" })).status).toBe(401);
    const org = await (
      await postJson(t.app, "/api/organisations", { name: "Gemeente Voorbeeld" }, { cookie: consultant })
    ).json();
    const created = await postJson(
      t.app,
      `/api/organisations/${org.id}/campaigns`,
      { title: "Ronde 1", departments: ["Burgerzaken", "Vergunningen"], k: 2 },
      { cookie: consultant },
    );
    expect(created.status).toBe(400); // k below 3
    const ok = await postJson(
      t.app,
      `/api/organisations/${org.id}/campaigns`,
      { title: "Ronde 1", departments: ["Burgerzaken", "Vergunningen"], status: "open" },
      { cookie: consultant },
    );
    expect(ok.status).toBe(201);
    const campaign = await ok.json();
    expect(campaign).toMatchObject({ title: "Ronde 1", status: "open", k: 5, kComments: 10, respondents: 0 });
    expect(campaign.surveyPath).toMatch(/^\/s\/[\w-]{22}$/);
    const same = { origin: "http://localhost" };
    const closed = await t.app.request(`http://localhost/api/campaigns/${campaign.id}/close`, {
      method: "POST",
      headers: { cookie: consultant, ...same },
    });
    expect((await closed.json()).status).toBe("closed");
    expect((await t.app.request(`/api/s/${campaign.surveyPath.slice(3)}`)).status).toBe(410);
    // The manager sees it only once granted.
    expect((await t.app.request(`/api/campaigns/${campaign.id}`, { headers: { cookie: manager } })).status).toBe(404);
    const invited = await (
      await postJson(
        t.app,
        `/api/organisations/${org.id}/invitations`,
        { email: "manager@example.test" },
        { cookie: consultant },
      )
    ).json();
    expect(
      (await postJson(t.app, `/api/invitations/${tokenOf(invited.link)}/accept`, {}, { cookie: manager })).status,
    ).toBe(200);
    expect((await t.app.request(`/api/campaigns/${campaign.id}`, { headers: { cookie: manager } })).status).toBe(200);
    const denied = await t.app.request(`http://localhost/api/campaigns/${campaign.id}/open`, {
      method: "POST",
      headers: { cookie: manager, ...same },
    });
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe("forbidden");
  });

  it("documents the API as OpenAPI", async () => {
    const doc = await (await t.app.request("/api/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/auth/login",
        "/api/me",
        "/api/campaigns/{id}/report",
        "/api/campaigns/{id}/report.csv",
        "/api/s/{token}/responses",
      ]),
    );
  });
});
