/**
 * TRUST_PROXY on the Node app (createNodeApp, as the server wires it), over app.request with the
 * socket's address supplied the way @hono/node-server supplies it: with the setting on, the
 * client address is the right-most X-Forwarded-For entry and the scheme X-Forwarded-Proto; off,
 * both headers change nothing.
 */
import { createHmac } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { hashPassword } from "../../src/lib/password.js";
import { createNodeApp } from "../../src/node/node-app.js";
import { createUser } from "../../src/storage/accounts.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

const SECRET = "trust-proxy-test-secret-0123456789abcdef";
const PROXY = "10.0.0.2";
const clientKey = (address: string) =>
  `client:${createHmac("sha256", SECRET).update(`client\0${address}`).digest("hex")}`;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await createUser(t.db, "proxied@example.test", await hashPassword("proxied-password"), "manager");
});
afterAll(() => t.close());
beforeEach(async () => void (await t.client.execute("delete from login_failures")));

/** What @hono/node-server passes as the app's env: the socket the request came in on (the proxy's). */
const socket = { incoming: { socket: { remoteAddress: PROXY, remotePort: 40000, remoteFamily: "IPv4" } } };

function app(trustProxy: boolean) {
  return createNodeApp(t.db, t.instruments, { trustProxy, loginKeySecret: SECRET });
}

function login(a: ReturnType<typeof app>, headers: Record<string, string>, password = "wrong-password") {
  return a.request(
    "http://survey.example/api/auth/login",
    {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ email: "proxied@example.test", password }),
    },
    socket,
  );
}

const clientKeys = async () =>
  (await t.client.execute("select key from login_failures where key like 'client:%'")).rows.map((r) => String(r.key));

describe("TRUST_PROXY on", () => {
  it("counts the client by the right-most X-Forwarded-For entry, the one the proxy added", async () => {
    await login(app(true), { "x-forwarded-for": "6.6.6.6, 203.0.113.5" });
    expect(await clientKeys()).toEqual([clientKey("203.0.113.5")]);
  });

  it("falls back to the socket's address when the proxy sent no usable X-Forwarded-For", async () => {
    await login(app(true), {});
    await login(app(true), { "x-forwarded-for": "not an address" });
    expect(await clientKeys()).toEqual([clientKey(PROXY)]);
  });

  it("gives each client behind the proxy its own budget", async () => {
    const a = app(true);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(a, { "x-forwarded-for": "203.0.113.5" })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Another client of the same proxy logs in with the right password at once.
    expect((await login(a, { "x-forwarded-for": "203.0.113.6" }, "proxied-password")).status).toBe(200);
  });

  it("sets the __Host- prefixed Secure cookie when the proxy says https, and reads it back", async () => {
    const a = app(true);
    const res = await login(a, { "x-forwarded-proto": "https" }, "proxied-password");
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-session=[\w-]{43};/);
    expect(cookie).toContain("Secure");
    const me = await a.request(
      "http://survey.example/api/me",
      { headers: { cookie: cookie.split(";")[0]!, "x-forwarded-proto": "https" } },
      socket,
    );
    expect(me.status).toBe(200);
    // A same-site post from the https page passes the CSRF guard, whose origin check now knows the scheme.
    const out = await a.request(
      "http://survey.example/api/auth/logout",
      {
        method: "POST",
        headers: { cookie: cookie.split(";")[0]!, "x-forwarded-proto": "https", origin: "https://survey.example" },
      },
      socket,
    );
    expect(out.status).toBe(204);
  });

  it("keeps a plain cookie when the proxy says http", async () => {
    const res = await login(app(true), { "x-forwarded-proto": "http" }, "proxied-password");
    expect(res.headers.get("set-cookie")).toMatch(/^session=/);
    expect(res.headers.get("set-cookie")).not.toContain("Secure");
  });
});

describe("TRUST_PROXY off (the default)", () => {
  it("ignores a spoofed X-Forwarded-For: every request counts as the socket's address", async () => {
    const a = app(false);
    for (const spoofed of ["203.0.113.5", "203.0.113.6", "1.2.3.4, 5.6.7.8"])
      await login(a, { "x-forwarded-for": spoofed });
    expect(await clientKeys()).toEqual([clientKey(PROXY)]);
    // So switching the header does not buy a fresh budget.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await login(a, { "x-forwarded-for": `198.51.100.${i}` })).status);
    expect(statuses).toEqual([401, 401, 429]);
  });

  it("ignores a spoofed X-Forwarded-Proto: no Secure cookie, no __Host- prefix over http", async () => {
    const res = await login(app(false), { "x-forwarded-proto": "https" }, "proxied-password");
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^session=/);
    expect(cookie).not.toContain("Secure");
  });

  it("still uses the __Host- prefix when the request itself is https", async () => {
    const res = await login(app(false), {}, "proxied-password");
    expect(res.headers.get("set-cookie")).toMatch(/^session=/);
    const https = await app(false).request(
      "https://survey.example/api/auth/login",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "proxied@example.test", password: "proxied-password" }),
      },
      socket,
    );
    expect(https.headers.get("set-cookie")).toMatch(/^__Host-session=.*Secure/);
  });
});
