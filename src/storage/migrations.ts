/**
 * Which of the committed migrations the database has applied, for /healthz. The list expected is
 * drizzle-kit's journal, imported (bundled at build time), so it works on Workers, which have no
 * file system. Two bookkeeping tables count:
 * - `__drizzle_migrations`, kept by drizzle's migrator (src/node/open-database.ts): one row per
 *   applied migration, `created_at` being the journal entry's `when`;
 * - `d1_migrations`, kept by `wrangler d1 migrations apply` (README "Deploy to Cloudflare"): one
 *   row per applied file, `name` being `<tag>.sql`.
 * A migration applied under either counts (a libSQL server may have been migrated by Node and be
 * served by a worker).
 */
import { sql } from "drizzle-orm";

import journal from "../../db/migrations/meta/_journal.json";
import type { Db } from "./database.js";

export interface Migration {
  tag: string;
  when: number;
}

/** Every committed migration, in order (db/migrations/meta/_journal.json). */
export const EXPECTED_MIGRATIONS: readonly Migration[] = journal.entries.map((e) => ({ tag: e.tag, when: e.when }));

const TABLES = ["__drizzle_migrations", "d1_migrations"] as const;

/** The committed migrations the database has not applied, in order; empty when it is current. Throws when the database does not answer. */
export async function pendingMigrations(
  db: Db,
  expected: readonly Migration[] = EXPECTED_MIGRATIONS,
): Promise<Migration[]> {
  const present = new Set(
    (
      await db.all<{ name: string }>(
        sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${sql.join(
          TABLES.map((t) => sql`${t}`),
          sql`, `,
        )})`,
      )
    ).map((r) => r.name),
  );
  const applied = new Set<string>();
  if (present.has("__drizzle_migrations")) {
    for (const row of await db.all<{ created_at: number | string }>(sql`SELECT created_at FROM __drizzle_migrations`))
      applied.add(`when:${Number(row.created_at)}`);
  }
  if (present.has("d1_migrations")) {
    for (const row of await db.all<{ name: string }>(sql`SELECT name FROM d1_migrations`))
      applied.add(`file:${row.name}`);
  }
  return expected.filter((m) => !applied.has(`when:${m.when}`) && !applied.has(`file:${m.tag}.sql`));
}
