/**
 * What a Worker is given (bindings, vars, secrets) and the database it opens from them: D1
 * (binding DB) or, when no D1 is bound, a libSQL server over HTTP (LIBSQL_URL, LIBSQL_AUTH_TOKEN).
 * Shared by the Worker's entry (src/worker.ts) and its release object (release-object.ts).
 */
import type { D1Database, DurableObjectNamespace, Fetcher } from "@cloudflare/workers-types";
import { createClient } from "@libsql/client/web";
import { drizzle as drizzleD1 } from "drizzle-orm/d1";
import { drizzle as drizzleLibsql } from "drizzle-orm/libsql/web";
import { z } from "zod";

import { parseAppVars } from "../env.js";
import type { LogLevel } from "../lib/log.js";
import { type Db, schema } from "../storage/database.js";

export interface WorkerBindings {
  DB?: D1Database;
  ASSETS: Fetcher;
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
  /** A var; see README "Configuration". */
  RESPONDENT_SUBMISSIONS_PER_HOUR?: string;
  /** A secret (`npx wrangler secret put LOGIN_KEY_SECRET`): the key of the login counters' HMAC. Required. */
  LOGIN_KEY_SECRET?: string;
  /** A secret: keys the staff invitations kept for reminders. Required when mail is configured. */
  INVITATION_KEY_SECRET?: string;
  /** Vars (MAIL_API_KEY a secret): invitation and reset mails through an HTTP mail API; see README "Configuration". */
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  MAIL_FROM?: string;
  PUBLIC_URL?: string;
  /** A var: debug, info (default), warn, error or silent; see README "Operations". */
  LOG_LEVEL?: string;
  /** The Durable Object class that makes releases in steps (release-object.ts); without it, a release runs within one invocation. */
  RELEASES?: DurableObjectNamespace;
  /** A var: milliseconds a release step runs before the next alarm continues it (default 10,000). */
  RELEASE_STEP_MS?: string;
}

const LibsqlEnv = z.object({ LIBSQL_URL: z.url(), LIBSQL_AUTH_TOKEN: z.string().optional() });

/**
 * D1 and libSQL drizzle databases share the query builder and `batch`, which is all storage uses;
 * the cast only unifies their result types for TypeScript.
 */
export function openDatabase(env: WorkerBindings): Db {
  if (env.DB) return drizzleD1(env.DB as never, { schema }) as unknown as Db;
  const parsed = LibsqlEnv.safeParse(env);
  if (!parsed.success)
    throw new Error("Bind a D1 database as DB, or set LIBSQL_URL (and LIBSQL_AUTH_TOKEN) for a libSQL server.");
  const client = createClient({
    url: parsed.data.LIBSQL_URL,
    ...(parsed.data.LIBSQL_AUTH_TOKEN ? { authToken: parsed.data.LIBSQL_AUTH_TOKEN } : {}),
  });
  return drizzleLibsql(client, { schema }) as unknown as Db;
}

/**
 * Over the network a release reads large pages: D1 allows 1,000 queries per invocation, and a
 * release makes two per page (a round of 1,000,000 takes about 400). With the release object
 * (release-object.ts) each step is an invocation of its own; without it, the whole release runs in
 * one, and its CPU time must fit the plan's limit (Workers Paid: 30 s by default).
 */
export const RELEASE_PAGE_REMOTE = 5000;

/**
 * Milliseconds a release step runs (RELEASE_STEP_MS): well inside the CPU limit of one invocation
 * (30 s by default), since the Workers clock moves only with I/O (a step ends at a page of
 * responses, not in the middle of one).
 */
const ReleaseStep = z.object({ RELEASE_STEP_MS: z.coerce.number().int().min(0).max(20_000).default(10_000) });

export const releaseStepMs = (env: WorkerBindings): number => ReleaseStep.parse(env).RELEASE_STEP_MS;

/** LOG_LEVEL for the cron trigger and the release object, which must release rounds even when other vars are wrong (the fetch handler refuses those). */
export function logLevelOf(env: WorkerBindings): LogLevel {
  try {
    return parseAppVars(env).LOG_LEVEL;
  } catch {
    return "info";
  }
}
