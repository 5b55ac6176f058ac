/** Norm sets: a consultant's published benchmarks, written once and never changed. */
import { and, desc, eq } from "drizzle-orm";

import type { NormEntry } from "../domain/benchmark.js";
import { randomId } from "../lib/random.js";
import { type Db, schema } from "./database.js";

const { normSets } = schema;

export interface StoredNormSet {
  id: string;
  consultantId: string;
  /** 1 for a consultant's first set, then 2, 3…; the latest has the highest. */
  seq: number;
  madeOn: string;
  entries: NormEntry[];
}

type Row = typeof normSets.$inferSelect;
const toNormSet = (row: Row): StoredNormSet => ({
  id: row.id,
  consultantId: row.consultantId,
  seq: row.seq,
  madeOn: row.madeOn,
  entries: JSON.parse(row.profiles) as NormEntry[],
});

/**
 * Stores the consultant's set number `seq`. Undefined when that number is taken: another set
 * was published meanwhile, and this one was planned against a set that is no longer the latest.
 */
export async function insertNormSet(db: Db, set: Omit<StoredNormSet, "id">): Promise<StoredNormSet | undefined> {
  const id = randomId();
  const inserted = await db
    .insert(normSets)
    .values({
      id,
      consultantId: set.consultantId,
      seq: set.seq,
      madeOn: set.madeOn,
      profiles: JSON.stringify(set.entries),
    })
    .onConflictDoNothing()
    .returning({ id: normSets.id });
  return inserted.length === 1 ? { ...set, id } : undefined;
}

export async function latestNormSet(db: Db, consultantId: string): Promise<StoredNormSet | undefined> {
  const [row] = await db
    .select()
    .from(normSets)
    .where(eq(normSets.consultantId, consultantId))
    .orderBy(desc(normSets.seq))
    .limit(1);
  return row && toNormSet(row);
}

/** A consultant's sets, latest first. */
export async function listNormSets(db: Db, consultantId: string): Promise<StoredNormSet[]> {
  return (
    await db.select().from(normSets).where(eq(normSets.consultantId, consultantId)).orderBy(desc(normSets.seq))
  ).map(toNormSet);
}

/** One set, only if this consultant made it. */
export async function findNormSet(db: Db, consultantId: string, id: string): Promise<StoredNormSet | undefined> {
  const [row] = await db
    .select()
    .from(normSets)
    .where(and(eq(normSets.id, id), eq(normSets.consultantId, consultantId)))
    .limit(1);
  return row && toNormSet(row);
}
