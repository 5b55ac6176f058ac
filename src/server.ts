/**
 * Node entry: wires the libSQL driver (the embedded file by default), the built pages and
 * static assets into createApp, seeds the demo into a fresh default database (domain/demo-seeding.ts)
 * and listens on PORT. `--no-demo` (or DEMO=off) never seeds it.
 */
import { parseArgs } from "node:util";

import { serve } from "@hono/node-server";

import { seedDemo } from "./demo/seed.js";
import { AUDIT_RETENTION_DAYS } from "./domain/audit.js";
import { demoSeeding } from "./domain/demo-seeding.js";
import { DEFAULT_DATABASE_URL, parseEnv } from "./env.js";
import { createInstrumentRegistry } from "./instruments/registry.js";
import { surveyUrl } from "./lib/links.js";
import { createLogger, errorFields } from "./lib/log.js";
import { createNodeApp } from "./node/node-app.js";
import { openDatabase, truncateLog } from "./node/open-database.js";
import { nodeReleaseBytes } from "./node/release-memory.js";
import { mailerFromEnv } from "./node/smtp-mailer.js";
import { pruneAudit } from "./services/audit.js";
import { applyRetention } from "./services/data-protection.js";
import { reduceReleased, releaseDue, releasing } from "./services/release.js";
import { countUsers } from "./storage/accounts.js";
import { countOrganisations, listOpenCampaigns } from "./storage/campaigns.js";

const env = parseEnv();
const instruments = createInstrumentRegistry();
const { db, client } = await openDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN, {
  synchronous: env.DATABASE_SYNCHRONOUS,
});

const args = parseArgs({ options: { "no-demo": { type: "boolean", default: false } } }).values;
const empty = (await countUsers(db)) === 0 && (await countOrganisations(db)) === 0;
const seeding = demoSeeding({
  databaseUrl: env.DATABASE_URL,
  defaultDatabaseUrl: DEFAULT_DATABASE_URL,
  empty,
  production: env.production,
  switchedOff: args["no-demo"] || !env.DEMO,
});
if (seeding.seed) {
  const demo = await seedDemo(db, instruments);
  const total = demo.rounds.reduce((n, r) => n + r.responses, 0);
  console.log(`Seeded the demo: ${demo.rounds.length} rounds at three organisations, ${total} synthetic responses.`);
  if (!demo.normSet)
    console.log(
      "No benchmark yet: the consultant can publish a norm set once five organisations have released rounds.",
    );
  // Shown once, like codes a consultant issues: the database keeps only the passwords' hashes, and
  // they are written nowhere else. Each server gets its own.
  const { consultant, manager } = demo.accounts;
  console.log(`Demo logins at ${env.publicUrl}/login (shown only now: note them):`);
  console.log(
    `  consultant  ${consultant.email} / ${consultant.password ?? "(as shown when it was created)"}  (workspace: ${env.publicUrl}/workspace)`,
  );
  console.log(`  manager     ${manager.email} / ${manager.password ?? "(as shown when it was created)"}`);
  console.log(
    `Unused access codes for the insurer's round (each works once): ${demo.unusedCodes.slice(0, 5).join(", ")}`,
  );
} else if (empty) {
  console.log(
    `No accounts yet${seeding.reason === "switched_off" ? "" : ` (no demo: ${seeding.reason.replaceAll("_", " ")})`}. Create the first consultant with`,
  );
  console.log(
    `  npm run cli -- create-consultant --email you@example.org --password "12 characters or more, not easy to guess"`,
  );
  console.log(`(with the same DATABASE_URL), then log in at ${env.publicUrl}/login.`);
}

const mailer = mailerFromEnv(env);
if (!mailer)
  console.log(
    "No mail configured (SMTP_URL or MAIL_API_URL): invitation links are shown to the consultant to pass on, and password resets need the command line.",
  );
const app = createNodeApp(db, instruments, {
  submissionsPerHour: env.RESPONDENT_SUBMISSIONS_PER_HOUR,
  trustProxy: env.TRUST_PROXY,
  publicUrl: env.publicUrl,
  logLevel: env.LOG_LEVEL,
  ...(mailer ? { mailer } : {}),
  ...(env.LOGIN_KEY_SECRET ? { loginKeySecret: env.LOGIN_KEY_SECRET } : {}),
  ...(env.INVITATION_KEY_SECRET ? { invitationKeySecret: env.INVITATION_KEY_SECRET } : {}),
});
if (mailer && !env.INVITATION_KEY_SECRET) {
  console.warn(
    "Warning: INVITATION_KEY_SECRET is not set, so staff invitations kept for reminders use a random key of this process: reminders work only until it restarts. Set 32+ random characters (openssl rand -base64 32).",
  );
}

/**
 * Rounds past their closing date are released at start and then checked every minute; a report
 * read of a due round releases it too, so this only makes results appear without anyone asking.
 */
const RELEASE_CHECK_MS = 60_000;
/** The sweep's releases are bounded by this process's heap, as the app's are (node-app.ts). */
const releaseBytes = nodeReleaseBytes();
/** How often the embedded file's write-ahead log is emptied (see truncateLog). */
const LOG_TRUNCATE_MS = 2_000;
/** After the start banner, what the server does on its own is logged as JSON lines, as requests are. */
const log = createLogger({ level: env.LOG_LEVEL });
async function releaseDueRounds(): Promise<void> {
  try {
    const { released, failed } = await releaseDue({ db, instruments, releaseBytes }, new Date());
    for (const made of released)
      log.info("round released", { campaignId: made.campaignId, respondents: made.respondents });
    for (const f of failed)
      log.error("round not released; tried again after its back-off (release_attempts)", {
        campaignId: f.campaignId,
        ...errorFields(f.error, true),
      });
    const deleted = await reduceReleased({ db, instruments });
    if (deleted > 0) log.info("raw responses of released rounds deleted", { responses: deleted });
    const pruned = await pruneAudit(db, new Date());
    if (pruned > 0) log.info("old audit log entries deleted", { entries: pruned, retentionDays: AUDIT_RETENTION_DAYS });
    const retained = await applyRetention({ db, instruments, now: () => new Date() });
    if (retained.comments + retained.rounds > 0)
      log.info("retention applied", { roundsWithoutComments: retained.comments, roundsDeleted: retained.rounds });
  } catch (error) {
    log.error("releasing due rounds failed; next try in a minute", errorFields(error, true));
  }
}

serve({ fetch: app.fetch, port: env.PORT, ...(env.HOST ? { hostname: env.HOST } : {}) }, () => {
  console.log(`Listening on ${env.publicUrl} (database ${env.DATABASE_URL.replace(/\/\/[^@]*@/, "//")})`);
  // A backlog of due rounds (after an upgrade, say) is released while the server already answers.
  void releaseDueRounds();
  setInterval(() => void releaseDueRounds(), RELEASE_CHECK_MS).unref();
  if (env.DATABASE_URL.startsWith("file:")) {
    // Not while a release runs: folding its log back would hold other requests up in one piece.
    const empty = () =>
      releasing()
        ? undefined
        : truncateLog(client).catch((error: unknown) =>
            log.error("emptying the write-ahead log failed; next try in two seconds", errorFields(error, true)),
          );
    setInterval(() => void empty(), LOG_TRUNCATE_MS).unref();
  }
  void listOpenCampaigns(db).then((open) => {
    for (const c of open) console.log(`Survey "${c.title}": ${surveyUrl(env.publicUrl, c.token)}`);
  });
});
