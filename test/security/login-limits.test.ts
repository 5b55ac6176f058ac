/**
 * Login limits under attack, over HTTP on this suite's own database: a burst of parallel guesses
 * gets no more password checks than the limit (they are counted before the slow check, not read
 * before it), an attacker cannot lock the real user out, and the counters hold keyed hashes only.
 * The number of password checks is counted by wrapping the real verifyPassword.
 */
import { createHash, createHmac } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import * as password from "../../src/lib/password.js";
import { hashPassword } from "../../src/lib/password.js";
import { createUser } from "../../src/storage/accounts.js";
import { createTestApp, postJson, type TestApp } from "../helpers/test-app.js";

vi.mock("../../src/lib/password.js", async (importOriginal) => {
  const real = await importOriginal<typeof password>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const checks = () => vi.mocked(password.verifyPassword).mock.calls.length;

/** Five attempts per account from one client before the backoff starts (LOGIN_LIMITS.pair.free; the old per-account limit was also 5). */
const PER_PAIR = 5;
/** The ceiling per account from all clients together (LOGIN_LIMITS.account.max). */
const PER_ACCOUNT = 30;
const SECRET = "login-limits-test-secret-0123456789abcdef";

/** The test's stand-in for the socket's address: a header, so each request can say who it is. */
const clientAddress = (c: { req: { header(name: string): string | undefined } }) => c.req.header("x-test-client");

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { clientAddress, loginKeySecret: SECRET } });
});
afterAll(() => t.close());
beforeEach(async () => {
  vi.mocked(password.verifyPassword).mockClear();
  await t.client.execute("delete from login_failures");
});

const attempt = (email: string, pw: string, client: string) =>
  postJson(t.app, "/api/auth/login", { email, password: pw }, { "x-test-client": client });

async function account(email: string, pw: string) {
  await createUser(t.db, email, await hashPassword(pw), "manager");
}

describe("a burst of parallel guesses", () => {
  it("from one client: at most the limit reach the password check, the rest get 429 with Retry-After", async () => {
    await account("burst@example.test", "the-real-password");
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) => attempt("burst@example.test", `guess-${i}`, "203.0.113.7")),
    );
    const statuses = answers.map((r) => r.status);
    expect(checks()).toBeLessThanOrEqual(PER_PAIR);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checks());
    expect(statuses.filter((s) => s === 429)).toHaveLength(80 - checks());
    for (const r of answers.filter((a) => a.status === 429))
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("from 80 clients: at most the account's ceiling reach the password check", async () => {
    await account("spread@example.test", "the-real-password");
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) => attempt("spread@example.test", `guess-${i}`, `198.51.100.${i + 1}`)),
    );
    expect(checks()).toBeLessThanOrEqual(PER_ACCOUNT);
    expect(answers.filter((r) => r.status === 401)).toHaveLength(checks());
    expect(answers.filter((r) => r.status === 429)).toHaveLength(80 - checks());
  });
});

describe("an attacker cannot lock the real user out", () => {
  it("many failures from client X leave the real user on client Y able to log in at once", async () => {
    await account("victim@example.test", "victims-password");
    for (let i = 0; i < 40; i++) await attempt("victim@example.test", `guess-${i}`, "203.0.113.66");
    // The attacker is held back...
    expect((await attempt("victim@example.test", "another-guess", "203.0.113.66")).status).toBe(429);
    // ...the real user is not, with the right password, from their own address.
    expect((await attempt("victim@example.test", "victims-password", "192.0.2.10")).status).toBe(200);
  });

  it("the attacker's own backoff grows, and waiting it out gives one more guess at a time", async () => {
    await account("patient@example.test", "patient-password");
    const saved = t.clock.now;
    try {
      const statuses = [];
      for (let i = 0; i < PER_PAIR + 1; i++)
        statuses.push((await attempt("patient@example.test", `guess-${i}`, "203.0.113.67")).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const refused = await attempt("patient@example.test", "guess", "203.0.113.67");
      expect(refused.headers.get("retry-after")).toBe("60");
      t.clock.now = new Date(saved.getTime() + 60_000);
      expect((await attempt("patient@example.test", "guess-6", "203.0.113.67")).status).toBe(401);
      const next = await attempt("patient@example.test", "guess-7", "203.0.113.67");
      expect(next.status).toBe(429);
      expect(next.headers.get("retry-after")).toBe("120");
      // The real user who mistyped from the same address waits the same, then gets in.
      t.clock.now = new Date(saved.getTime() + 180_000);
      expect((await attempt("patient@example.test", "patient-password", "203.0.113.67")).status).toBe(200);
      // ...and their mistakes are forgotten: five attempts at once again.
      for (let i = 0; i < PER_PAIR; i++)
        expect((await attempt("patient@example.test", `typo-${i}`, "203.0.113.67")).status).toBe(401);
    } finally {
      t.clock.now = saved;
    }
  });
});

describe("the counters", () => {
  it("hold keyed hashes: no address or email, nor a plain SHA-256 of one", async () => {
    const address = "203.0.113.99";
    await account("stored@example.test", "stored-password");
    await attempt("stored@example.test", "wrong", address);
    const rows = (await t.client.execute("select * from login_failures")).rows.map((r) => JSON.stringify(r));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const sha = (s: string) => createHash("sha256").update(s).digest("hex");
    for (const needle of [
      address,
      "stored@example.test",
      sha(address),
      sha("stored@example.test"),
      `client:${sha(address)}`,
    ]) {
      for (const row of rows) expect(row).not.toContain(needle);
    }
    // What is there is the HMAC under the server's secret, which the test knows.
    const hmac = (s: string) => createHmac("sha256", SECRET).update(s).digest("hex");
    const keys = (await t.client.execute("select key from login_failures")).rows.map((r) => String(r.key));
    expect(keys).toContain(`client:${hmac(`client\0${address}`)}`);
  });
});
