/**
 * The Cloudflare Workers entry: the same createApp(deps) as Node. The database is D1 (binding
 * DB) or, when no D1 is bound, a libSQL server over HTTP (LIBSQL_URL, LIBSQL_AUTH_TOKEN).
 * Pages come from the static-assets binding; /assets/* never reaches the worker.
 * Nothing here may import a Node-only module: the bundle must run on workerd.
 */
import type { Fetcher } from "@cloudflare/workers-types";

import { type App, createApp } from "./app.js";
import type { PageStore } from "./app-env.js";
import { parseAppVars } from "./env.js";
import { createInstrumentRegistry } from "./instruments/registry.js";
import { createLogger, errorFields } from "./lib/log.js";
import { httpMailer } from "./lib/mailer.js";
import { pruneAudit } from "./services/audit.js";
import { applyRetention } from "./services/data-protection.js";
import { reduceReleased, releaseDue } from "./services/release.js";
import type { Db } from "./storage/database.js";
import { logLevelOf, openDatabase, RELEASE_PAGE_REMOTE, type WorkerBindings } from "./workers/bindings.js";
import { releaseObjects } from "./workers/release-object.js";

export { ReleaseObject } from "./workers/release-object.js";

/** Page HTML from the assets binding, kept for the life of the isolate (pages change only on deploy). */
function assetPages(assets: Fetcher): PageStore {
  const cache = new Map<string, string>();
  return {
    async get(name) {
      const cached = cache.get(name);
      if (cached !== undefined) return cached;
      const res = await assets.fetch(`https://assets.invalid/${name}.html`);
      if (!res.ok) throw new Error(`Page ${name} is missing from the deployed assets`);
      const html = await res.text();
      cache.set(name, html);
      return html;
    },
  };
}

// One app per isolate: bindings do not change between requests.
let app: App | undefined;
let db: Db | undefined;
const instruments = createInstrumentRegistry();
function createWorkerApp(env: WorkerBindings, db: Db): App {
  const vars = parseAppVars(env);
  // Isolates come and go, and each would make its own random key: the counters they share in the
  // database need one key for all, so the secret is required here.
  if (!vars.LOGIN_KEY_SECRET)
    throw new Error(
      "Set the secret LOGIN_KEY_SECRET (`npx wrangler secret put LOGIN_KEY_SECRET`, 32+ characters): it keys the login attempt counters.",
    );
  // The same for staff invitations kept for reminders: a reminder may reach another isolate than the invitation.
  if (vars.MAIL_API_URL && !vars.INVITATION_KEY_SECRET)
    throw new Error(
      "Set the secret INVITATION_KEY_SECRET (`npx wrangler secret put INVITATION_KEY_SECRET`, 32+ characters): with mail configured, it keys the staff invitations kept for reminders.",
    );
  return createApp({
    db,
    instruments,
    releasePage: RELEASE_PAGE_REMOTE,
    ...releaseRunnerOf(env),
    pages: assetPages(env.ASSETS),
    // Read only to rate-limit (logins; respondents as a keyed hash in memory). The limits of
    // the respondent routes are held per isolate, so on Workers they are weaker (README).
    // Cloudflare sets cf-connecting-ip and the scheme of the request URL; X-Forwarded-* are ignored.
    clientAddress: (c) => c.req.header("cf-connecting-ip"),
    submissionsPerHour: vars.RESPONDENT_SUBMISSIONS_PER_HOUR,
    loginKeySecret: vars.LOGIN_KEY_SECRET,
    logLevel: vars.LOG_LEVEL,
    ...(vars.INVITATION_KEY_SECRET ? { invitationKeySecret: vars.INVITATION_KEY_SECRET } : {}),
    ...(vars.PUBLIC_URL ? { publicUrl: vars.PUBLIC_URL } : {}),
    // fetch is bound: an unbound one throws "Illegal invocation" on workerd.
    ...(vars.MAIL_API_URL && vars.MAIL_API_KEY && vars.MAIL_FROM
      ? {
          mailer: httpMailer({
            url: vars.MAIL_API_URL,
            apiKey: vars.MAIL_API_KEY,
            from: vars.MAIL_FROM,
            fetch: (input, init) => fetch(input, init),
          }),
        }
      : {}),
  });
}

/** Releases in steps by the round's Durable Object when the binding is there (wrangler.toml), else within the invocation. */
const releaseRunnerOf = (env: WorkerBindings) => (env.RELEASES ? { releaseRunner: releaseObjects(env.RELEASES) } : {});

export default {
  fetch(request: Request, env: WorkerBindings, ctx: unknown): Response | Promise<Response> {
    db ??= openDatabase(env);
    app ??= createWorkerApp(env, db);
    return app.fetch(request, env, ctx as never);
  },
  /** The cron trigger in wrangler.toml: releases rounds past their closing date, then deletes released rounds' raw responses. */
  async scheduled(_event: unknown, env: WorkerBindings): Promise<void> {
    db ??= openDatabase(env);
    const { released, failed, running } = await releaseDue(
      { db, instruments, releasePage: RELEASE_PAGE_REMOTE, ...releaseRunnerOf(env) },
      new Date(),
    );
    // A round that failed is tried again on the next run; the failure is what the logs show.
    const log = createLogger({ level: logLevelOf(env) });
    for (const f of failed)
      log.error("round not released; next run tries again", {
        campaignId: f.campaignId,
        ...errorFields(f.error, true),
      });
    // D1 allows 1,000 queries per invocation: a run that released something leaves the deleting of
    // raw responses (up to 600 queries) to the next run, a quarter of an hour later.
    const busy = released.length + failed.length + running.length > 0;
    if (!busy) await reduceReleased({ db, instruments, releasePage: RELEASE_PAGE_REMOTE });
    // Organisations' retention periods: a few rounds a run (about 15 queries each), the rest next run.
    if (!busy) await applyRetention({ db, instruments, now: () => new Date() }, 20);
    // One statement: audit entries past their retention period.
    await pruneAudit(db, new Date());
  },
};
