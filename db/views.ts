/**
 * Views, declared by hand in the migrations (drizzle-kit does not read this file). A submission
 * is one INSERT into `submissions` (or, in a round on single-use codes, `coded_submissions`):
 * its INSTEAD OF trigger refuses a round that is not open (status, dates, release — whatever an
 * application server has cached), inserts the receipt and the response and, for a code, checks it
 * and marks it used. One statement: atomic without a transaction, and the cheapest write the
 * submission path can make.
 *
 * SQLite refuses to rename a table a view reads from: a later migration that rebuilds
 * `responses` (drizzle-kit's "__new_responses" dance) must drop these views first and create
 * them again after.
 */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

const columns = {
  id: text("id").notNull(),
  campaignId: text("campaign_id").notNull(),
  submittedOn: text("submitted_on").notNull(),
  instrumentVersion: integer("instrument_version").notNull(),
  department: text("department").notNull(),
  role: text("role").notNull(),
  tenure: text("tenure").notNull(),
  scores: text("scores").notNull(),
  comment: text("comment"),
  keyHash: text("key_hash").notNull(),
};

export const submissions = sqliteTable("submissions", columns);

export const codedSubmissions = sqliteTable("coded_submissions", { ...columns, accessCodeHash: text("access_code_hash").notNull() });
