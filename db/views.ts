/**
 * Views, declared by hand in the migrations (drizzle-kit does not read this file). `submissions`
 * takes a whole submission as one row: its INSTEAD OF trigger inserts the receipt and the
 * response and marks the code used, in one statement — atomic without a transaction, and the
 * cheapest write the submission path can make. The trigger also refuses a missing code when the
 * round requires one, and the responses trigger refuses a round that is not open: both hold
 * whatever an application server has cached.
 */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const submissions = sqliteTable("submissions", {
  id: text("id").notNull(),
  campaignId: text("campaign_id").notNull(),
  submittedOn: text("submitted_on").notNull(),
  instrumentVersion: integer("instrument_version").notNull(),
  department: text("department").notNull(),
  role: text("role").notNull(),
  tenure: text("tenure").notNull(),
  answers: text("answers").notNull(),
  scores: text("scores").notNull(),
  comment: text("comment"),
  commentOrder: text("comment_order"),
  keyHash: text("key_hash").notNull(),
  accessCodeHash: text("access_code_hash"),
});
