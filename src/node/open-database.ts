/**
 * Opens a libSQL database for Node: the embedded file by default, or any libSQL URL.
 * Applies the per-connection settings and the committed migrations.
 */
import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { schema, type Db } from "../storage/database.js";

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), "../../db/migrations");

export interface OpenedDatabase {
  db: Db;
  client: Client;
  close(): void;
}

export async function openDatabase(url: string, authToken?: string): Promise<OpenedDatabase> {
  if (url.startsWith("file:")) mkdirSync(dirname(url.slice("file:".length)), { recursive: true });
  const client = createClient({ url, ...(authToken ? { authToken } : {}) });
  if (url.startsWith("file:")) {
    // WAL lets reports read while submissions write; NORMAL syncs at checkpoints (see README on durability).
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = NORMAL");
    await client.execute("PRAGMA busy_timeout = 5000");
  }
  // D1 enforces foreign keys; so does the embedded database, so both runtimes reject the same writes.
  await client.execute("PRAGMA foreign_keys = ON");
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, client, close: () => client.close() };
}
