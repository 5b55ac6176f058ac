/**
 * Stores one response and adds it to the per-cell aggregates in a single batch, so a report
 * never sees a response without its aggregates (or the reverse). Idempotency comes from the
 * receipts table: a second batch with the same key hash fails on its primary key and changes nothing.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { factorGroupHits } from "../domain/factors.js";
import type { ResponseScore } from "../domain/scoring.js";
import { randomId } from "../lib/random.js";
import { codeState } from "./access-codes.js";
import { chunkRows, schema, type Db } from "./database.js";

const { accessCodes, cellCounts, factorStats, itemStats, receipts, responses, scaleStats } = schema;

export interface Cell {
  department: string;
  role: string;
  tenure: string;
}

export interface NewResponse {
  campaignId: string;
  instrumentVersion: number;
  keyHash: string;
  submittedOn: string;
  cell: Cell;
  answers: Record<string, unknown>;
  comment: string | null;
  score: ResponseScore;
  /** Hash of the single-use code that unlocked this response; marked used in the same batch, stored nowhere else. */
  accessCodeHash?: string;
}

/** `SET col = col + excluded.col` for each counter column of an aggregate table. */
function addExcluded(columns: Record<string, SQLiteColumn>): Record<string, SQL> {
  return Object.fromEntries(
    Object.entries(columns).map(([key, column]) => [key, sql`${column} + ${sql.raw(`excluded."${column.name}"`)}`]),
  );
}

/** The cell key columns of an aggregate table: the conflict target of its upserts. */
function cellKey(table: typeof cellCounts | typeof scaleStats | typeof factorStats): SQLiteColumn[] {
  return [table.campaignId, table.department, table.role, table.tenure];
}

/** The aggregate rows one scored response adds to its cell. */
export function aggregateRows(campaignId: string, cell: Cell, score: ResponseScore) {
  const key = { campaignId, ...cell };
  const scales = [
    ...Object.entries(score.levels).map(([scale, s]) => [scale, s] as const),
    ...Object.entries(score.climate).map(([scale, s]) => [`climate:${scale}`, s] as const),
    ...Object.entries(score.desired).map(([level, s]) => [`desired:${level}`, s] as const),
  ].map(([scale, s]) => ({
    ...key,
    scale,
    n: 1,
    sum: s!.mean,
    sumSq: s!.mean * s!.mean,
    items: s!.items,
    favourable: s!.favourable,
    unfavourable: s!.unfavourable,
  }));
  const factorIds = new Set<string>(score.factors);
  if (score.most) factorIds.add(score.most);
  const factors = [
    ...[...factorIds].map((factor) => ({
      ...key,
      factor,
      chosen: score.factors.includes(factor as never) ? 1 : 0,
      most: score.most === factor ? 1 : 0,
    })),
    // Unions ("any system factor") cannot be summed from per-factor counts, so they get rows of their own.
    ...factorGroupHits(score.factors, score.most)
      .filter((g) => g.chosen || g.most)
      .map((g) => ({ ...key, factor: `group:${g.group}`, chosen: g.chosen ? 1 : 0, most: g.most ? 1 : 0 })),
  ];
  // Item sums are kept per campaign, not per cell: they serve Cronbach's alpha, never a breakdown.
  const items = score.levelItems.map((i) => ({ campaignId, item: i.name, level: i.level, n: 1, sum: i.value, sumSq: i.value * i.value }));
  return { cells: [{ ...key, n: 1 }], scales, factors, items };
}

export type AggregateRows = ReturnType<typeof aggregateRows>;

/** Rows of many responses summed into one set, each entry counted `times` times: for bulk loads. */
export function mergeAggregateRows(list: readonly { rows: AggregateRows; times: number }[]): AggregateRows {
  const merged = { cells: new Map(), scales: new Map(), factors: new Map(), items: new Map() } as { [K in keyof AggregateRows]: Map<string, AggregateRows[K][number]> };
  const key = (row: Record<string, unknown>, counters: readonly string[]) =>
    Object.entries(row).flatMap(([k, v]) => (counters.includes(k) ? [] : [`${k}=${String(v)}`])).join("\u0000");
  const COUNTERS = ["n", "sum", "sumSq", "items", "favourable", "unfavourable", "chosen", "most"];
  for (const { rows, times } of list) {
    for (const part of ["cells", "scales", "factors", "items"] as const) {
      for (const row of rows[part] as Record<string, unknown>[]) {
        const k = key(row, COUNTERS);
        const existing = merged[part].get(k) as Record<string, unknown> | undefined;
        const scaled = Object.fromEntries(Object.entries(row).map(([c, v]) => [c, COUNTERS.includes(c) ? (v as number) * times : v]));
        if (!existing) merged[part].set(k, scaled as never);
        else for (const c of COUNTERS) if (c in row) (existing[c] as number) += scaled[c] as number;
      }
    }
  }
  return { cells: [...merged.cells.values()], scales: [...merged.scales.values()], factors: [...merged.factors.values()], items: [...merged.items.values()] };
}

/** Upsert statements that add `rows` to the aggregates; used by submissions and bulk seeding alike. */
export function aggregateStatements(db: Db, rows: AggregateRows): BatchItem<"sqlite">[] {
  const statements: BatchItem<"sqlite">[] = chunkRows(rows.cells).map((chunk) =>
    db
      .insert(cellCounts)
      .values(chunk)
      .onConflictDoUpdate({ target: cellKey(cellCounts), set: addExcluded({ n: cellCounts.n }) }),
  );
  const { n, sum, sumSq, items, favourable, unfavourable } = scaleStats;
  for (const chunk of chunkRows(rows.scales)) {
    statements.push(
      db
        .insert(scaleStats)
        .values(chunk)
        .onConflictDoUpdate({
          target: [...cellKey(scaleStats), scaleStats.scale],
          set: addExcluded({ n, sum, sumSq, items, favourable, unfavourable }),
        }),
    );
  }
  for (const chunk of chunkRows(rows.factors)) {
    statements.push(
      db
        .insert(factorStats)
        .values(chunk)
        .onConflictDoUpdate({
          target: [...cellKey(factorStats), factorStats.factor],
          set: addExcluded({ chosen: factorStats.chosen, most: factorStats.most }),
        }),
    );
  }
  for (const chunk of chunkRows(rows.items)) {
    statements.push(
      db
        .insert(itemStats)
        .values(chunk)
        .onConflictDoUpdate({ target: [itemStats.campaignId, itemStats.item], set: addExcluded({ n: itemStats.n, sum: itemStats.sum, sumSq: itemStats.sumSq }) }),
    );
  }
  return statements;
}

export type StoreResult = "stored" | "duplicate" | "code_used";

export async function storeResponse(db: Db, input: NewResponse): Promise<StoreResult> {
  const { campaignId, cell } = input;
  try {
    await db.batch([
      db.insert(receipts).values({ campaignId, keyHash: input.keyHash }),
      db.insert(responses).values({
        id: randomId(),
        campaignId,
        submittedOn: input.submittedOn,
        instrumentVersion: input.instrumentVersion,
        ...cell,
        answers: JSON.stringify(input.answers),
        comment: input.comment,
        commentOrder: input.comment === null ? null : randomId(),
      }),
      ...aggregateStatements(db, aggregateRows(campaignId, cell, input.score)),
      // A used code becomes 2, which the table's check refuses: the whole batch rolls back.
      ...(input.accessCodeHash
        ? [db.update(accessCodes).set({ used: sql`${accessCodes.used} + 1` }).where(and(eq(accessCodes.campaignId, campaignId), eq(accessCodes.codeHash, input.accessCodeHash)))]
        : []),
    ]);
    return "stored";
  } catch (error) {
    // A concurrent or repeated submission lost the race on the receipt: the batch rolled back whole.
    if (await hasReceipt(db, campaignId, input.keyHash)) return "duplicate";
    if (input.accessCodeHash && (await codeState(db, campaignId, input.accessCodeHash)) === "used") return "code_used";
    throw error;
  }
}

export async function hasReceipt(db: Db, campaignId: string, keyHash: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql`1` })
    .from(receipts)
    .where(and(eq(receipts.campaignId, campaignId), eq(receipts.keyHash, keyHash)))
    .limit(1);
  return rows.length > 0;
}

export async function countResponses(db: Db, campaignId: string): Promise<number> {
  return db.$count(responses, eq(responses.campaignId, campaignId));
}
