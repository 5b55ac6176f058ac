/**
 * Opens a libSQL database for Node: the embedded file by default, or any libSQL URL.
 * Applies the per-connection settings and the committed migrations.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { type Client, createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";

import { type Db, schema } from "../storage/database.js";
import { useSubmissionWriter } from "../storage/responses.js";
import { nativeSubmissions } from "./submission-writer.js";

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), "../../db/migrations");

export interface OpenedDatabase {
  db: Db;
  client: Client;
  close(): void;
}

export type Synchronous = "NORMAL" | "FULL";

const BUSY_TIMEOUT_MS = 5000;

/**
 * The settings every connection to the embedded file needs. 4 KB pages (SQLite's default; for a
 * new file, an existing one keeps its size): a response row is now its scored form, about 130
 * bytes, and every page a write touches goes to the write-ahead log whole. A coded submission
 * touches four (response, receipt, code, the round's counter): 64 KB of log at 16 KB pages, the
 * size chosen when a row held 1 KB of answers; at 4 KB a coded round took 0.68× the bare
 * baseline instead of 0.53×, and a 1M release 35 s instead of 47 s. WAL lets reports read while
 * submissions write; `synchronous` decides what an acknowledged response survives (README,
 * "Durability"); the busy timeout makes a second process wait instead of failing. `secure_delete`
 * overwrites what is deleted (a released round's raw responses, an unfinished release) with zeros,
 * so the file does not keep it in free pages.
 */
function connectionPragmas(synchronous: Synchronous): string[] {
  return [
    "PRAGMA page_size = 4096",
    "PRAGMA journal_mode = WAL",
    `PRAGMA synchronous = ${synchronous}`,
    `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`,
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
  ];
}

/**
 * Folds the write-ahead log into the database file and empties it. The log keeps each commit as
 * it happened, in order — which code was marked used in the same commit as which response was
 * written — until a checkpoint resets it; emptying it every two seconds leaves a copy of the files
 * (a backup, a host administrator) at most the last seconds of that history. The embedded file only.
 */
export async function truncateLog(client: Client): Promise<void> {
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
}

export async function openDatabase(
  url: string,
  authToken?: string,
  options: { synchronous?: Synchronous } = {},
): Promise<OpenedDatabase> {
  const local = url.startsWith("file:");
  if (local) mkdirSync(dirname(url.slice("file:".length)), { recursive: true });
  // Per-connection pragmas hold only on the connection they ran on. The client's pool opens
  // another connection whenever one is held by a transaction, so a local file gets exactly one:
  // every statement then runs with these settings, and an accidental transaction fails loudly
  // instead of quietly writing through a connection without them. (Node runs SQLite on its one
  // thread either way; a second connection would add no parallelism.) Submissions alone go through a
  // second, native connection with the same settings, for its prepared statements (submission-writer.ts).
  const client = createClient({
    url,
    ...(authToken ? { authToken } : {}),
    ...(local ? { concurrency: 1, timeout: BUSY_TIMEOUT_MS } : {}),
  });
  // D1 enforces foreign keys; so does the embedded database, so both runtimes reject the same writes.
  for (const pragma of local ? connectionPragmas(options.synchronous ?? "NORMAL") : ["PRAGMA foreign_keys = ON"])
    await client.execute(pragma);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  const path = url.slice("file:".length);
  if (!local || path === ":memory:") return { db, client, close: () => client.close() };
  // The submission insert prepared once, on a connection of its own (node/submission-writer.ts).
  let writer: ReturnType<typeof nativeSubmissions>;
  try {
    writer = nativeSubmissions(path, connectionPragmas(options.synchronous ?? "NORMAL"));
  } catch (error) {
    client.close();
    throw error;
  }
  useSubmissionWriter(db, writer.write);
  return {
    db,
    client,
    close: () => {
      writer.close();
      client.close();
    },
  };
}
