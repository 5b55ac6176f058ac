/**
 * Submissions on the embedded file, through a native connection of their own whose two view
 * inserts (db/views.ts) are prepared once. @libsql/client prepares every statement anew — for a
 * view insert, its trigger program too — and probes each for rows by catching an exception: about
 * 50 of the 120 µs an insert took. The connection runs the same settings as the client's; SQLite
 * serialises its writes with the client's as it would a second process's (WAL, busy timeout).
 */
import { getTableColumns, getTableName } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import Database from "libsql";

import { codedSubmissions, submissions } from "../../db/views.js";
import type { SubmissionRow, SubmissionWriter } from "../storage/responses.js";

/** The INSERT of every column of a view, by its column names, and the row's fields in the same order. */
function insertOf(view: SQLiteTable): { sql: string; fields: (keyof SubmissionRow)[] } {
  const columns = Object.entries(getTableColumns(view));
  return {
    sql: `INSERT INTO "${getTableName(view)}" (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    fields: columns.map(([field]) => field as keyof SubmissionRow),
  };
}

export interface NativeSubmissions {
  write: SubmissionWriter;
  close(): void;
}

/** A writer for the file at `path` (after its migrations), on a connection set up by `pragmas`. */
export function nativeSubmissions(path: string, pragmas: readonly string[]): NativeSubmissions {
  const connection = new Database(path);
  const prepare = (view: SQLiteTable) => {
    const { sql, fields } = insertOf(view);
    const statement = connection.prepare(sql);
    return (row: SubmissionRow) => statement.run(fields.map((field) => row[field] ?? null));
  };
  let open: ReturnType<typeof prepare>;
  let coded: ReturnType<typeof prepare>;
  try {
    for (const pragma of pragmas) connection.exec(pragma);
    open = prepare(submissions);
    coded = prepare(codedSubmissions);
  } catch (error) {
    connection.close();
    throw error;
  }
  return {
    write: (row) => void (row.accessCodeHash ? coded(row) : open(row)),
    close: () => connection.close(),
  };
}
