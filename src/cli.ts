/**
 * Command line for operators: `npm run cli -- <command> [--options]`. Uses the same database
 * settings as the server (DATABASE_URL, DATABASE_AUTH_TOKEN) and the same storage functions.
 */
import { parseArgs } from "node:util";

import { seedDemo } from "./demo/seed.js";
import { MAX_CODES_PER_REQUEST } from "./domain/access-codes.js";
import { campaignDefaults, DEFAULT_K, DEFAULT_K_COMMENTS, MIN_K } from "./domain/campaign.js";
import { checkPassword } from "./domain/password-rules.js";
import { parseEnv } from "./env.js";
import { createInstrumentRegistry, DEFAULT_INSTRUMENT_ID } from "./instruments/registry.js";
import { ApiError } from "./lib/api-error.js";
import { surveyUrl } from "./lib/links.js";
import { hashPassword } from "./lib/password.js";
import { sha256Hex } from "./lib/random.js";
import { openDatabase } from "./node/open-database.js";
import { nodeReleaseBytes } from "./node/release-memory.js";
import { mailerFromEnv } from "./node/smtp-mailer.js";
import { pruneAudit } from "./services/audit.js";
import { applyRetention } from "./services/data-protection.js";
import { inviteManager } from "./services/invitations.js";
import { closeRound, issueRoundCodes } from "./services/lifecycle.js";
import { makeResetLink } from "./services/password-reset.js";
import { reduceReleased, releaseDue } from "./services/release.js";
import { findUserById } from "./storage/accounts.js";
import { consultantInsertSql, createUser, findUserByEmail } from "./storage/accounts.js";
import {
  createCampaign,
  createOrganisation,
  findCampaignById,
  findOrganisation,
  listOpenCampaigns,
} from "./storage/campaigns.js";

const USAGE = `Usage: npm run cli -- <command> [options]

  migrate                           apply the migrations (also done by every other command)
  seed-demo                         add the demo organisation, campaign and synthetic responses
  create-consultant --email E --password P   a consultant account (password: 12+ characters, not easy to guess)
  consultant-sql --email E --password P      print the SQL that creates that account, for a database
                                    this CLI cannot reach (D1: pipe it into wrangler d1 execute)
  create-organisation --name NAME [--consultant EMAIL]   print the new organisation's id
  create-campaign --organisation ID --title TITLE --departments "A;B;C"
                  [--k 5] [--opens YYYY-MM-DD] [--closes YYYY-MM-DD] [--draft] [--headcount N]
                                    print the campaign's survey link (default instrument, latest version)
  invite-manager --organisation ID --email E [--departments "A;B"]
                                    invite a manager: mails the link (SMTP_URL/MAIL_API_URL set) or prints it
  reset-link --email E              print a single-use link (one hour) to set a new password for that account
  issue-codes --campaign ID --count N   print N single-use access codes, one per line (shown once)
  list-campaigns                    print the open campaigns and their links
  close-campaign --campaign ID      close a round and release its results (final: it cannot reopen)
  release-due                       release every round that is closed or past its closing date`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A refusal of the product's rules is the operator's to read, not a stack trace. */
function refuse(error: unknown): never {
  if (error instanceof ApiError) fail(error.message);
  throw error;
}

function emailOf(values: { email?: string | undefined }): string {
  if (!values.email || !/^[^@\s']+@[^@\s']+$/.test(values.email)) fail("--email needs an email address");
  return values.email.toLowerCase();
}

function consultantCredentials(values: { email?: string | undefined; password?: string | undefined }): {
  email: string;
  password: string;
} {
  const email = emailOf(values);
  if (!values.password) fail("--password is required");
  const verdict = checkPassword(values.password, email);
  if (!verdict.ok) fail(`--password: ${verdict.message}`);
  return { email, password: values.password };
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      organisation: { type: "string" },
      title: { type: "string" },
      departments: { type: "string" },
      k: { type: "string" },
      opens: { type: "string" },
      closes: { type: "string" },
      draft: { type: "boolean" },
      email: { type: "string" },
      password: { type: "string" },
      consultant: { type: "string" },
      headcount: { type: "string" },
      campaign: { type: "string" },
      count: { type: "string" },
    },
  });
  if (command === "consultant-sql") {
    const { email, password } = consultantCredentials(values);
    console.log(consultantInsertSql(email, await hashPassword(password)));
    return;
  }
  const env = parseEnv();
  const instruments = createInstrumentRegistry();
  const { db, close } = await openDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN, {
    synchronous: env.DATABASE_SYNCHRONOUS,
  });
  const deps = { db, instruments, now: () => new Date(), releaseBytes: nodeReleaseBytes() };
  try {
    switch (command) {
      case "migrate":
        // openDatabase has applied every migration by now.
        console.log(`The database at ${env.DATABASE_URL.replace(/\/\/[^@]*@/, "//")} is up to date.`);
        break;
      case "seed-demo": {
        const demo = await seedDemo(db, instruments);
        console.log(
          `Seeded "${demo.campaign.title}" with ${demo.responses} responses: ${surveyUrl(env.publicUrl, demo.campaign.token)}`,
        );
        // Shown once: the database keeps only the passwords' hashes.
        for (const [role, login] of Object.entries(demo.accounts)) {
          console.log(
            `  ${role.padEnd(10)}  ${login.email} / ${login.password ?? "(exists already; password as shown when it was created)"}`,
          );
        }
        console.log(
          demo.normSet
            ? `Published a norm set of ${demo.normSet.organisations} organisations as the consultant's benchmark.`
            : "No benchmark yet: a norm set needs five organisations with released rounds.",
        );
        break;
      }
      case "create-consultant": {
        const { email, password } = consultantCredentials(values);
        if (await findUserByEmail(db, email)) fail(`an account for ${email} exists already`);
        const user = await createUser(db, email, await hashPassword(password), "consultant");
        console.log(`Consultant ${user.email} created; log in at ${env.publicUrl}/login`);
        break;
      }
      case "create-organisation": {
        if (!values.name?.trim()) fail("--name is required");
        const owner = values.consultant ? await findUserByEmail(db, values.consultant) : undefined;
        if (values.consultant && owner?.role !== "consultant") fail(`no consultant account for ${values.consultant}`);
        const organisation = await createOrganisation(db, values.name.trim(), owner?.id ?? null);
        console.log(organisation.id);
        break;
      }
      case "create-campaign": {
        if (!values.organisation || !values.title?.trim() || !values.departments)
          fail("--organisation, --title and --departments are required");
        const k = values.k === undefined ? DEFAULT_K : Number(values.k);
        if (!Number.isInteger(k) || k < MIN_K) fail(`--k must be a whole number of at least ${MIN_K}`);
        for (const date of [values.opens, values.closes])
          if (date !== undefined && !DATE.test(date)) fail(`dates are YYYY-MM-DD, not "${date}"`);
        const departments = values.departments
          .split(";")
          .map((d) => d.trim())
          .filter(Boolean);
        if (departments.length === 0 || new Set(departments).size !== departments.length)
          fail("--departments needs distinct names separated by ;");
        const headcount = values.headcount === undefined ? null : Number(values.headcount);
        if (headcount !== null && (!Number.isInteger(headcount) || headcount < 1))
          fail("--headcount must be a positive whole number");
        const instrument = instruments.latest(DEFAULT_INSTRUMENT_ID) ?? fail("the default instrument is not installed");
        const campaign = await createCampaign(db, {
          ...campaignDefaults(instrument, departments),
          organisationId: values.organisation,
          title: values.title.trim(),
          status: values.draft ? "draft" : "open",
          opensOn: values.opens ?? null,
          closesOn: values.closes ?? null,
          k,
          kComments: Math.max(DEFAULT_K_COMMENTS, k),
          expectedHeadcount: headcount,
        }).catch((error: Error) =>
          fail(
            /FOREIGN KEY/i.test(String(error.cause ?? error))
              ? `no organisation with id ${values.organisation}`
              : error.message,
          ),
        );
        console.log(surveyUrl(env.publicUrl, campaign.token));
        break;
      }
      case "invite-manager": {
        const email = emailOf(values);
        const organisation = values.organisation ? await findOrganisation(db, values.organisation) : undefined;
        if (!organisation) fail(`no organisation with id ${values.organisation ?? "(none given)"}`);
        const departments = (values.departments ?? "")
          .split(";")
          .map((d) => d.trim())
          .filter(Boolean);
        const mailer = mailerFromEnv(env);
        // The organisation's consultant invites, as in the workspace; an organisation without one, the operator.
        const consultant = organisation.consultantId ? await findUserById(db, organisation.consultantId) : undefined;
        const made = await inviteManager(
          { db, mailer: mailer ?? null, now: () => new Date(), sha256: sha256Hex },
          {
            organisation,
            email,
            scope: { department: departments },
            inviter: consultant ?? null,
            baseUrl: env.publicUrl,
          },
        ).catch(refuse);
        (mailer as { close?: () => void } | undefined)?.close?.();
        console.log(
          made.delivery === "sent"
            ? `Invitation mailed to ${email}; it expires ${made.invitation.expiresAt}.`
            : `Pass this link on to ${email} (it works once, until ${made.invitation.expiresAt}):\n${made.link}`,
        );
        break;
      }
      case "reset-link": {
        const made = await makeResetLink(
          { db, now: () => new Date(), sha256: sha256Hex },
          emailOf(values),
          env.publicUrl,
        );
        if (!made) fail(`no account for ${values.email}`);
        console.log(`Link to set a new password for ${made.email} (works once, for one hour):\n${made.link}`);
        break;
      }
      case "issue-codes": {
        const count = Number(values.count);
        if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_REQUEST)
          fail(`--count must be 1 to ${MAX_CODES_PER_REQUEST}`);
        const campaign = values.campaign ? await findCampaignById(db, values.campaign) : undefined;
        if (!campaign) fail(`no campaign with id ${values.campaign ?? "(none given)"}`);
        for (const code of await issueRoundCodes(deps, campaign, count).catch(refuse)) console.log(code);
        break;
      }
      case "close-campaign": {
        const campaign = values.campaign ? await findCampaignById(db, values.campaign) : undefined;
        if (!campaign) fail(`no campaign with id ${values.campaign ?? "(none given)"}`);
        const { release: made } = await closeRound(deps, campaign).catch(refuse);
        console.log(
          made
            ? `Released "${campaign.title}": ${made.respondents} respondents, on ${made.releasedOn}.`
            : `Closed "${campaign.title}"; its release is being made.`,
        );
        break;
      }
      case "release-due": {
        const { released, failed } = await releaseDue(deps, new Date());
        for (const made of released) console.log(`Released ${made.campaignId}: ${made.respondents} respondents.`);
        for (const f of failed) console.error(`Could not release ${f.campaignId}:`, f.error);
        console.log(`Deleted ${await reduceReleased(deps)} raw responses of released rounds.`);
        console.log(`Deleted ${await pruneAudit(db, new Date())} audit log entries past their retention period.`);
        const retained = await applyRetention({ db, instruments: deps.instruments, now: () => new Date() });
        console.log(
          `Retention: deleted the comments of ${retained.comments} and all of ${retained.rounds} released rounds.`,
        );
        if (failed.length > 0) process.exitCode = 1;
        break;
      }
      case "list-campaigns":
        for (const c of await listOpenCampaigns(db))
          console.log(`${c.id}  ${c.title}  ${surveyUrl(env.publicUrl, c.token)}`);
        break;
      default:
        fail(command ? `Unknown command "${command}"` : "No command given");
    }
  } finally {
    close();
  }
}

await main(process.argv.slice(2));
