/**
 * Stores one response: its row (units, scored answers, comment), its idempotency receipt and, in
 * coded rounds, its code's used flag — one INSERT into a view (db/views.ts), nothing else.
 * Idempotency comes from the receipts table: a second insert with the same key hash fails on its
 * primary key and changes nothing. The view's trigger refuses the row once the round is closed or
 * released, so a submission racing the close can never slip in after the release was computed.
 */
import { and, eq, sql } from "drizzle-orm";

import { codedSubmissions, submissions } from "../../db/views.js";
import { randomId } from "../lib/random.js";
import { codeState } from "./access-codes.js";
import { type Db, refusedBy, schema } from "./database.js";

const { receipts, responses } = schema;

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
  /** The validated answers in their scored form (domain/stored-score.ts). */
  scores: string;
  comment: string | null;
  /** Hash of the single-use code that unlocked this response; marked used in the same statement, stored nowhere else. */
  accessCodeHash?: string;
}

/** "closed": the round takes no responses without a code (it may have started requiring one), or none at all. */
export type StoreResult = "stored" | "duplicate" | "code_used" | "code_unknown" | "closed";

/** The row a submission inserts into its view, by column: what a writer binds. */
export interface SubmissionRow {
  id: string;
  campaignId: string;
  submittedOn: string;
  instrumentVersion: number;
  department: string;
  role: string;
  tenure: string;
  scores: string;
  comment: string | null;
  keyHash: string;
  /** In a round on codes: the row goes into `coded_submissions`. */
  accessCodeHash?: string;
}

/**
 * Inserts a submission's row into its view (db/views.ts), throwing what the database raised. A
 * runtime may give a database a faster one than drizzle's (useSubmissionWriter): the embedded file
 * keeps the statements prepared once (node/submission-writer.ts), which @libsql/client cannot.
 */
export type SubmissionWriter = (row: SubmissionRow) => void | Promise<void>;

const writers = new WeakMap<Db, SubmissionWriter>();

/** From now on, `db`'s submissions go through `writer`. */
export function useSubmissionWriter(db: Db, writer: SubmissionWriter): void {
  writers.set(db, writer);
}

/** The view insert through drizzle, prepared once per database: no SQL is built per request. */
function drizzleWriter(db: Db): SubmissionWriter {
  const inserts = prepareInserts(db);
  return async (row) => {
    await (row.accessCodeHash ? inserts.coded : inserts.open).run({ ...row });
  };
}

function prepareInserts(db: Db) {
  const p = (name: string) => sql.placeholder(name);
  const row = {
    id: p("id"),
    campaignId: p("campaignId"),
    submittedOn: p("submittedOn"),
    instrumentVersion: p("instrumentVersion"),
    department: p("department"),
    role: p("role"),
    tenure: p("tenure"),
    scores: p("scores"),
    comment: p("comment"),
    keyHash: p("keyHash"),
  };
  return {
    open: db.insert(submissions).values(row).prepare(),
    coded: db
      .insert(codedSubmissions)
      .values({ ...row, accessCodeHash: p("accessCodeHash") })
      .prepare(),
  };
}

/** Refusals raised by the database's triggers, by the marker in their message. */
const REFUSALS = ["campaign_not_open", "code_unknown"] as const;

export async function storeResponse(db: Db, input: NewResponse): Promise<StoreResult> {
  const { campaignId, cell } = input;
  let write = writers.get(db);
  if (!write) writers.set(db, (write = drizzleWriter(db)));
  try {
    await write({
      id: randomId(),
      campaignId,
      submittedOn: input.submittedOn,
      instrumentVersion: input.instrumentVersion,
      department: cell.department,
      role: cell.role,
      tenure: cell.tenure,
      scores: input.scores,
      comment: input.comment,
      keyHash: input.keyHash,
      ...(input.accessCodeHash ? { accessCodeHash: input.accessCodeHash } : {}),
    });
    return "stored";
  } catch (error) {
    // The statement failed whole: nothing of it was written. A repeated submission (also one the
    // round refuses now, because it closed since) was stored before: the receipt says so.
    if (await hasReceipt(db, campaignId, input.keyHash)) return "duplicate";
    const refusal = REFUSALS.find((marker) => refusedBy(error, marker));
    if (refusal) return refusal === "campaign_not_open" ? "closed" : refusal;
    // A used code becomes 2, which the table's check refuses.
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
