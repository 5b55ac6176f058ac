/**
 * What `npm start` does with the demo, on the compiled server in its own process: on a fresh
 * checkout (the default embedded file, empty) it seeds it with random passwords printed once;
 * with --no-demo, DEMO=off, NODE_ENV=production or another database it does not, and an empty
 * database gets the command that creates the first consultant instead.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

import { afterAll, describe, expect, it } from "vitest";

import { openDatabase } from "../../src/node/open-database.js";
import { freePort, NODE_FLAGS } from "../helpers/node-server.js";

const SERVER = resolve(import.meta.dirname, "../../dist/node/server.mjs");
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Starts the server in a fresh directory (so `file:data/app.db` is a new file there) and returns what it printed until it listened. */
async function start(
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ dir: string; output: string; url: string; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "cc-start-"));
  dirs.push(dir);
  const { DATABASE_URL: _url, NODE_ENV: _mode, DEMO: _demo, LOGIN_KEY_SECRET: _secret, ...inherited } = process.env;
  const port = await freePort();
  const child = spawn(process.execPath, [...NODE_FLAGS, SERVER, ...args], {
    cwd: dir,
    env: { ...inherited, PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  await new Promise<void>((done, fail) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      if (line.startsWith("Listening on")) done();
    });
    child.once("exit", (code) => fail(new Error(`the server exited (${code}): ${lines.join("\n")}`)));
  });
  return { dir, output: lines.join("\n"), url: `http://127.0.0.1:${port}`, stop: () => void child.kill() };
}

const login = (url: string, email: string, password: string) =>
  fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });

describe.skipIf(!existsSync(SERVER))("npm start and the demo", () => {
  it("seeds a fresh checkout with random passwords, printed once, that work", async () => {
    const first = await start();
    try {
      const printed = [...first.output.matchAll(/(consultant|manager)@demo\.local \/ (\S+)/g)].map((m) => ({
        email: `${m[1]}@demo.local`,
        password: m[2]!,
      }));
      expect(printed).toHaveLength(2);
      for (const { password } of printed) expect(password).toMatch(/^[a-z2-9]{16}$/);
      expect(printed[0]!.password).not.toBe(printed[1]!.password);
      for (const { email, password } of printed) expect((await login(first.url, email, password)).status).toBe(200);
      expect((await login(first.url, "consultant@demo.local", "demo-consultant")).status).toBe(401);
      // Another checkout gets other passwords.
      const second = await start();
      second.stop();
      expect(second.output).toContain("Demo logins");
      expect(second.output).not.toContain(printed[0]!.password);
    } finally {
      first.stop();
    }
  });

  for (const [what, args, env] of [
    ["--no-demo", ["--no-demo"], {}],
    ["DEMO=off", [], { DEMO: "off" }],
    ["NODE_ENV=production", [], { NODE_ENV: "production", LOGIN_KEY_SECRET: "start-test-login-key-secret-0123456789" }],
    ["another database", [], { DATABASE_URL: "file:other.db" }],
  ] as const) {
    it(`does not seed with ${what}, and says how to create the first consultant`, async () => {
      const started = await start([...args], env);
      started.stop();
      expect(started.output).not.toContain("@demo.local");
      expect(started.output).toContain("npm run cli -- create-consultant --email");
      const file = "DATABASE_URL" in env ? "other.db" : "data/app.db";
      const opened = await openDatabase(`file:${join(started.dir, file)}`);
      expect((await opened.client.execute("select count(*) as n from users")).rows[0]!.n).toBe(0);
      opened.close();
    });
  }
});
