/**
 * The database handle every storage function takes. Both libSQL and D1 drizzle databases have
 * the same query builder and `batch`; D1 has no interactive transactions, so nothing here uses them.
 */
import type { LibSQLDatabase } from "drizzle-orm/libsql";

import * as schema from "../../db/schema.js";

type Schema = typeof schema;
export type Db = LibSQLDatabase<Schema>;
export { schema };

/** D1 allows 100 bound parameters per statement; multi-row inserts are chunked below that. */
export const MAX_BOUND_PARAMETERS = 100;

/** Splits items so that no statement binds more than `limit` parameters, `perItem` for each item. */
export function chunkForParameters<T>(items: readonly T[], perItem: number, limit = MAX_BOUND_PARAMETERS): T[][] {
  const size = Math.max(1, Math.floor(limit / perItem));
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Multi-row inserts: each row binds one parameter per column. */
export function chunkRows<T extends object>(rows: readonly T[], limit = MAX_BOUND_PARAMETERS): T[][] {
  const [first] = rows;
  if (!first) return [];
  return chunkForParameters(rows, Object.keys(first).length, limit);
}

/** Whether a failed statement was refused by one of the database's triggers with this marker (drivers wrap SQLite's message differently). */
export function refusedBy(error: unknown, marker: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (String((e as Error).message ?? e).includes(marker)) return true;
  }
  return false;
}
