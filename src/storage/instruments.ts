/** Consultants' uploaded instruments: immutable versions, read by id and version. */
import { and, desc, eq, max } from "drizzle-orm";

import { type Db, schema } from "./database.js";

const { instruments } = schema;

export interface StoredInstrument {
  id: string;
  version: number;
  ownerId: string;
  json: Record<string, unknown>;
  createdAt: string;
}

const toStored = (row: typeof instruments.$inferSelect): StoredInstrument => ({
  ...row,
  json: JSON.parse(row.json) as Record<string, unknown>,
});

export async function findStoredInstrument(db: Db, id: string, version: number): Promise<StoredInstrument | undefined> {
  const [row] = await db
    .select()
    .from(instruments)
    .where(and(eq(instruments.id, id), eq(instruments.version, version)))
    .limit(1);
  return row && toStored(row);
}

/** The owner and the highest version of an instrument id, if anyone stored it. */
export async function instrumentOwner(db: Db, id: string): Promise<{ ownerId: string; latest: number } | undefined> {
  const [row] = await db
    .select({ ownerId: instruments.ownerId, latest: max(instruments.version) })
    .from(instruments)
    .where(eq(instruments.id, id))
    .groupBy(instruments.ownerId)
    .limit(1);
  return row && { ownerId: row.ownerId, latest: Number(row.latest) };
}

export async function insertInstrument(db: Db, input: Omit<StoredInstrument, "createdAt">): Promise<void> {
  await db
    .insert(instruments)
    .values({ id: input.id, version: input.version, ownerId: input.ownerId, json: JSON.stringify(input.json) });
}

export async function listOwnInstruments(db: Db, ownerId: string): Promise<Omit<StoredInstrument, "json">[]> {
  return db
    .select({
      id: instruments.id,
      version: instruments.version,
      ownerId: instruments.ownerId,
      createdAt: instruments.createdAt,
    })
    .from(instruments)
    .where(eq(instruments.ownerId, ownerId))
    .orderBy(instruments.id, desc(instruments.version));
}
