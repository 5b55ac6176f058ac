/** GET /healthz on a temporary libSQL file: healthy, migrations behind, and a database that does not answer. */
import { readFileSync } from "node:fs";

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { EXPECTED_MIGRATIONS, pendingMigrations } from "../../src/storage/migrations.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("GET /healthz", () => {
  it("answers 200 when the database answers and every committed migration is applied, without a session and never cached", async () => {
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ status: "ok", database: "ok", migrations: "current", version });
  });

  it("expects exactly the migration files committed in db/migrations", async () => {
    const journal = JSON.parse(
      readFileSync(new URL("../../db/migrations/meta/_journal.json", import.meta.url), "utf8"),
    ) as { entries: { tag: string }[] };
    expect(EXPECTED_MIGRATIONS.map((m) => m.tag)).toEqual(journal.entries.map((e) => e.tag));
    expect(EXPECTED_MIGRATIONS.length).toBeGreaterThanOrEqual(16);
  });

  it("answers 503 migrations behind when the last migration's row is missing", async () => {
    const last = EXPECTED_MIGRATIONS.at(-1)!;
    await t.db.run(sql`DELETE FROM __drizzle_migrations WHERE created_at = ${last.when}`);
    try {
      const res = await t.app.request("/healthz");
      expect(res.status).toBe(503);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({ status: "unavailable", database: "ok", migrations: "behind", version });
      expect((await pendingMigrations(t.db)).map((m) => m.tag)).toEqual([last.tag]);
    } finally {
      await t.db.run(sql`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('restored', ${last.when})`);
    }
    expect((await t.app.request("/healthz")).status).toBe(200);
  });

  it("counts migrations wrangler applied to D1 (d1_migrations, by file name)", async () => {
    await t.db.run(
      sql`CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`,
    );
    await t.db.run(sql`ALTER TABLE __drizzle_migrations RENAME TO __drizzle_migrations_aside`);
    try {
      expect((await pendingMigrations(t.db)).length).toBe(EXPECTED_MIGRATIONS.length);
      for (const m of EXPECTED_MIGRATIONS.slice(0, -1))
        await t.db.run(sql`INSERT INTO d1_migrations (name) VALUES (${`${m.tag}.sql`})`);
      expect((await t.app.request("/healthz")).status).toBe(503);
      await t.db.run(sql`INSERT INTO d1_migrations (name) VALUES (${`${EXPECTED_MIGRATIONS.at(-1)!.tag}.sql`})`);
      expect(await (await t.app.request("/healthz")).json()).toMatchObject({ status: "ok", migrations: "current" });
    } finally {
      await t.db.run(sql`DROP TABLE d1_migrations`);
      await t.db.run(sql`ALTER TABLE __drizzle_migrations_aside RENAME TO __drizzle_migrations`);
    }
  });

  it("answers 503 database unreachable when the database does not answer", async () => {
    const other = await createTestApp();
    other.client.close();
    try {
      const res = await other.app.request("/healthz");
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: "unavailable",
        database: "unreachable",
        migrations: "unknown",
        version,
      });
    } finally {
      await other.close();
    }
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = await (await t.app.request("/api/openapi.json")).json();
    expect(Object.keys(doc.paths["/healthz"])).toEqual(["get"]);
  });
});
