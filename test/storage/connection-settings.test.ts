/**
 * The embedded database's per-connection settings hold for every statement: after migrations,
 * after batches, under concurrent load — and a transaction cannot smuggle in a second
 * connection without them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase, type OpenedDatabase } from "../../src/node/open-database.js";

let dir: string;
let opened: OpenedDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cc-pragmas-"));
  opened = await openDatabase(`file:${join(dir, "app.db")}`);
});
afterAll(() => {
  opened.close();
  rmSync(dir, { recursive: true, force: true });
});

async function settings() {
  const value = async (pragma: string) => Object.values((await opened.client.execute(`PRAGMA ${pragma}`)).rows[0]!)[0];
  return {
    pageSize: await value("page_size"),
    journal: await value("journal_mode"),
    synchronous: await value("synchronous"),
    busy: await value("busy_timeout"),
    foreignKeys: await value("foreign_keys"),
  };
}

// synchronous: 1 = NORMAL (a fresh connection would say 2 = FULL); busy_timeout 0 and foreign_keys 0 are SQLite's defaults.
const EXPECTED = { pageSize: 4096, journal: "wal", synchronous: 1, busy: 5000, foreignKeys: 1 };

describe("per-connection settings of the embedded database", () => {
  it("hold after opening and migrating", async () => {
    expect(await settings()).toEqual(EXPECTED);
  });
  it("hold after batches and under fifty concurrent writers", async () => {
    await opened.client.execute("CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, v TEXT)");
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        opened.client.batch(
          [{ sql: "INSERT INTO probe (v) VALUES (?)", args: [String(i)] }, "SELECT count(*) FROM probe"],
          "write",
        ),
      ),
    );
    expect(Number((await opened.client.execute("SELECT count(*) AS n FROM probe")).rows[0]!.n)).toBe(50);
    expect(await settings()).toEqual(EXPECTED);
  });
  it("cannot be bypassed by a transaction: the client has one connection, and says so instead of opening another", async () => {
    const tx = await opened.client.transaction("write");
    await expect(opened.client.execute("SELECT 1")).rejects.toThrow(/single connection|held by open transactions/);
    await tx.rollback();
    expect(await settings()).toEqual(EXPECTED);
  });
  it("take FULL synchronous when asked, for power-loss durability", async () => {
    const other = await openDatabase(`file:${join(dir, "full.db")}`, undefined, { synchronous: "FULL" });
    expect(Object.values((await other.client.execute("PRAGMA synchronous")).rows[0]!)[0]).toBe(2);
    other.close();
  });
});
