/**
 * Synthetic respondents for the benchmarks, and a bulk path that stores many of them at once
 * as a submission would store them (answers, scored form, comment), in large transactions.
 */
import type { Client } from "@libsql/client";

import { type Campaign, campaignDefaults, roundUnits } from "../../src/domain/campaign.js";
import { encodeAnswers } from "../../src/domain/stored-score.js";
import { type CampaignUnits, DEFAULT_ROLES, DEFAULT_TENURE, isDefault, type Unit } from "../../src/domain/units.js";
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

/** A unit of `list`, the first ones more often (weights 1, 1/2, 1/3 …): some roles are far larger than others. */
function skewed(list: readonly Unit[]): Unit {
  const weights = list.map((_, i) => 1 / (i + 1));
  let left = Math.random() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) if ((left -= w) < 0) return list[i]!;
  return list.at(-1)!;
}

/** A valid, varied set of answers for the default instrument; with `units`, a unit of each of the round's groupings. */
export function randomAnswers(instrument: Instrument, units?: CampaignUnits): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const item of instrument.key.items) answers[item.name] = 1 + Math.floor(Math.random() * 5);
  if (instrument.key.outcomeQuestion) answers[instrument.key.outcomeQuestion] = Math.floor(Math.random() * 11);
  const chosen = FACTORS.filter(() => Math.random() < 0.3);
  if (chosen.length === 0) chosen.push(pick(FACTORS));
  answers.decision_factors = chosen;
  answers.decision_most = pick(chosen);
  answers.department = units ? pick(units.department!).value : pick(BENCH_DEPARTMENTS);
  answers.role = units ? skewed(units.role!).value : pick(DEFAULT_ROLES).value;
  answers.tenure = pick(units?.tenure ?? DEFAULT_TENURE).value;
  if (Math.random() < 0.2) answers.comment = "Meer ruimte om af te wijken van de procedure zou klanten helpen.";
  return answers;
}

/** A client's structure by size: departments × roles × bands, named "Afdeling 1" … */
export interface BenchStructure {
  departments: number;
  roles: number;
  bands: number;
  /** Locations the departments lie in, in turn (none: not nested). */
  locations?: number;
}

const named = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);

/**
 * A bench round; `requireCode` makes it one whose release breaks results down (bulkResponses then
 * marks a code used per response); `structure` gives it a client's own structure instead of the demo's.
 */
export async function benchCampaign(
  db: Db,
  instrument: Instrument,
  consultantId: string | null = null,
  { requireCode = false, structure }: { requireCode?: boolean; structure?: BenchStructure } = {},
): Promise<Campaign> {
  const organisation = await createOrganisation(db, "Bench BV", consultantId);
  return createCampaign(db, {
    ...campaignDefaults(instrument, BENCH_DEPARTMENTS),
    ...(structure
      ? {
          units: roundUnits({
            departments: named("Afdeling", structure.departments).map((name, i) =>
              structure.locations ? { name, location: `Locatie ${(i % structure.locations) + 1}` } : name,
            ),
            roles: named("Rol", structure.roles),
            tenure: named("Band", structure.bands),
          }),
        }
      : {}),
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
    // A client's own structure is answered as a real one would be (roles of very different sizes); the demo's as before.
    const answers = randomAnswers(
      instrument,
      isDefault(campaign.units.role, DEFAULT_ROLES) ? undefined : campaign.units,
    );
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
