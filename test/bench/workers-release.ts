/**
 * The bench's Workers part: a round released on workerd with a local D1 (Miniflare, as the
 * contract tests run it) through the release object, a step per invocation. It reports how many
 * steps the release took, how long the close waited (its first step) and the whole release. The
 * responses are seeded with plain multi-row inserts (D1's statement limit is 100 KB, so 150 rows
 * each); they are what submissions would have stored.
 */
import { sql } from "drizzle-orm";

import { encodeAnswers } from "../../src/domain/stored-score.js";
import type { Instrument } from "../../src/instruments/instrument.js";
import { hashPassword } from "../../src/lib/password.js";
import { randomId } from "../../src/lib/random.js";
import { createUser } from "../../src/storage/accounts.js";
import type { ReleaseStatus } from "../../src/workers/release-object.js";
import { startWorkerd } from "../helpers/workerd.js";
import { benchCampaign, randomAnswers } from "./data.js";

const ROWS_PER_INSERT = 150;
const PASSWORD = "bench-password-1";

export interface WorkerdRelease {
  seededSeconds: number;
  /** Until the close answered: the release's first step. */
  closeSeconds: number;
  /** From the close until the report was there. */
  releaseSeconds: number;
  status: ReleaseStatus;
  respondents: number;
}

const quoted = (v: string | null) => (v === null ? "NULL" : `'${v.replaceAll("'", "''")}'`);

/** Tries a seeding insert again this many times: Miniflare's synchronous proxy was seen to fail one of 7,000 under load. */
const SEED_TRIES = 3;

/**
 * One multi-row insert of seeded responses, tried again where the proxy failed: the same ids, so
 * `OR IGNORE` makes a retry of an insert that did land change nothing.
 */
async function seedRows(db: Awaited<ReturnType<typeof startWorkerd>>["db"], values: readonly string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.run(
        sql.raw(
          `INSERT OR IGNORE INTO responses (id, campaign_id, submitted_on, instrument_version, department, role, tenure, scores, comment) VALUES ${values.join(", ")}`,
        ),
      );
      return;
    } catch (error) {
      if (attempt >= SEED_TRIES) throw error;
      console.warn(
        `seeding insert failed (attempt ${attempt} of ${SEED_TRIES}), trying again: ${String(error).slice(0, 200)}`,
      );
    }
  }
}

export async function workerdRelease(instrument: Instrument, count: number, stepMs?: number): Promise<WorkerdRelease> {
  const workerd = await startWorkerd({
    LOG_LEVEL: "warn",
    ...(stepMs === undefined ? {} : { RELEASE_STEP_MS: String(stepMs) }),
  });
  try {
    const user = await createUser(workerd.db, "bench@workerd.test", await hashPassword(PASSWORD), "consultant");
    const campaign = await benchCampaign(workerd.db, instrument, user.id);
    const started = performance.now();
    const pool = Array.from({ length: 2000 }, () => {
      const answers = randomAnswers(instrument);
      const comment = (answers.comment as string | undefined) ?? null;
      delete answers.comment;
      const cell = [answers.department, answers.role, answers.tenure].map((v) => quoted(v as string)).join(", ");
      return `${cell}, ${quoted(encodeAnswers(instrument.key, answers))}, ${quoted(comment)}`;
    });
    const fixed = `${quoted(campaign.id)}, '2026-03-10', ${instrument.version}`;
    for (let done = 0; done < count;) {
      const values: string[] = [];
      for (; values.length < ROWS_PER_INSERT && done < count; done++)
        values.push(`(${quoted(randomId())}, ${fixed}, ${pool[done % pool.length]})`);
      await seedRows(workerd.db, values);
    }
    const seededSeconds = (performance.now() - started) / 1000;
    const login = await workerd.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "bench@workerd.test", password: PASSWORD }),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const closing = performance.now();
    const closed = await workerd.request(`/api/campaigns/${campaign.id}/close`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: "{}",
    });
    if (closed.status !== 200) throw new Error(`close answered ${closed.status}: ${await closed.text()}`);
    const closeSeconds = (performance.now() - closing) / 1000;
    for (;;) {
      const report = await workerd.request(`/api/campaigns/${campaign.id}/report`, { headers: { cookie } });
      if (report.status === 200) {
        const { n } = (await report.json()) as { n: number };
        return {
          seededSeconds,
          closeSeconds,
          releaseSeconds: (performance.now() - closing) / 1000,
          status: await workerd.releaseStatus(campaign.id),
          respondents: n,
        };
      }
      if (report.status !== 503) throw new Error(`report answered ${report.status}: ${await report.text()}`);
      await report.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await workerd.close();
  }
}
