/**
 * Synthetic respondents for the benchmarks, and a bulk path that stores many of them at once
 * as a submission would store them (answers, scored form, comment), in large transactions.
 */
import type { Client } from "@libsql/client";

import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { encodeAnswers } from "../../src/domain/stored-score.js";
import { DEFAULT_ROLES, DEFAULT_TENURE } from "../../src/domain/units.js";
import type { Instrument } from "../../src/instruments/instrument.js";
import { randomId } from "../../src/lib/random.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import type { Db } from "../../src/storage/database.js";

export const BENCH_DEPARTMENTS = ["Klantcontact", "Wonen", "Onderhoud", "Incasso", "Financiën", "HR", "Directie"];
const FACTORS = [
  "policy",
  "process",
  "equal_treatment",
  "accountability_fear",
  "manager_approval",
  "personal_fairness",
  "customer_needs",
  "customer_behaviour",
  "customer_context",
  "relationship_events",
];

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

/** A valid, varied set of answers for the default instrument. */
export function randomAnswers(instrument: Instrument): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const item of instrument.key.items) answers[item.name] = 1 + Math.floor(Math.random() * 5);
  if (instrument.key.outcomeQuestion) answers[instrument.key.outcomeQuestion] = Math.floor(Math.random() * 11);
  const chosen = FACTORS.filter(() => Math.random() < 0.3);
  if (chosen.length === 0) chosen.push(pick(FACTORS));
  answers.decision_factors = chosen;
  answers.decision_most = pick(chosen);
  answers.department = pick(BENCH_DEPARTMENTS);
  answers.role = pick(DEFAULT_ROLES).value;
  answers.tenure = pick(DEFAULT_TENURE).value;
  if (Math.random() < 0.2) answers.comment = "Meer ruimte om af te wijken van de procedure zou klanten helpen.";
  return answers;
}

/** A bench round; `requireCode` makes it one whose release breaks results down (bulkResponses then marks a code used per response). */
export async function benchCampaign(
  db: Db,
  instrument: Instrument,
  consultantId: string | null = null,
  { requireCode = false } = {},
): Promise<Campaign> {
  const organisation = await createOrganisation(db, "Bench BV", consultantId);
  return createCampaign(db, {
    ...campaignDefaults(instrument, BENCH_DEPARTMENTS),
    organisationId: organisation.id,
    title: "Bench",
    requireCode,
  });
}

/**
 * Adds `count` responses to a campaign: answers from a pool of distinct respondents (scored once
 * each), rows in multi-row inserts inside large transactions.
 */
export async function bulkResponses(
  client: Client,
  campaign: Campaign,
  instrument: Instrument,
  count: number,
): Promise<void> {
  const pool = Array.from({ length: Math.min(count, 5000) }, () => {
    const answers = randomAnswers(instrument);
    const comment = (answers.comment as string | undefined) ?? null;
    delete answers.comment;
    const cell = {
      department: answers.department as string,
      role: answers.role as string,
      tenure: answers.tenure as string,
    };
    return { cell, comment, scores: encodeAnswers(instrument.key, answers) };
  });
  const ROWS_PER_INSERT = 50;
  const columns = "(id, campaign_id, submitted_on, instrument_version, department, role, tenure, scores, comment)";
  for (let done = 0; done < count;) {
    const statements = [];
    for (let s = 0; s < 100 && done < count; s++) {
      const rows = Math.min(ROWS_PER_INSERT, count - done);
      const args: (string | number | null)[] = [];
      for (let i = 0; i < rows; i++) {
        const r = pool[(done + i) % pool.length]!;
        args.push(
          randomId(),
          campaign.id,
          "2026-03-10",
          instrument.version,
          r.cell.department,
          r.cell.role,
          r.cell.tenure,
          r.scores,
          r.comment,
        );
      }
      statements.push({
        sql: `INSERT INTO responses ${columns} VALUES ${Array(rows).fill("(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
        args,
      });
      done += rows;
    }
    await client.batch(statements, "write");
  }
  // A round on codes: one used code per response, as the submission path would have left them.
  if (campaign.requireCode) {
    await client.execute({
      sql: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) INSERT INTO access_codes (campaign_id, code_hash, used) SELECT ?, lower(hex(randomblob(16))), 1 FROM c",
      args: [count, campaign.id],
    });
  }
  // Bulk transactions leave a large write-ahead log; a server would start by reading it back.
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
}
