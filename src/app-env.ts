/** What every route can read from the context: the dependencies wired by the entry file. */
import type { Context, MiddlewareHandler } from "hono";

import type { InstrumentRegistry } from "./instruments/registry.js";
import type { InvitationKeys } from "./lib/invitation-keys.js";
import type { Logger, LogLevel, LogSink } from "./lib/log.js";
import type { LoginKeys } from "./lib/login-keys.js";
import type { Mailer } from "./lib/mailer.js";
import type { RateLimiter } from "./lib/rate-limit.js";
import type { RequestFailure } from "./middleware/request-log.js";
import type { ReleaseRunner } from "./services/release.js";
import type { RespondentLimits } from "./services/respondent-limits.js";
import type { SummaryLookups } from "./services/staff-summary.js";
import type { User } from "./storage/accounts.js";
import type { Db } from "./storage/database.js";

export interface PageStore {
  /** The HTML of a page in public/, e.g. "survey". */
  get(name: string): Promise<string>;
}

export interface AppDeps {
  db: Db;
  instruments: InstrumentRegistry;
  pages: PageStore;
  /** Injected so tests can move the calendar; defaults to the real clock. */
  now?: () => Date;
  /** Node serves built assets itself; on Workers the platform does. */
  serveStatic?: MiddlewareHandler;
  /** Compress API JSON in the app: on Node. Workers compress at the edge (doing it here too would encode twice). */
  compressApi?: boolean;
  /**
   * The client's network address, read only to rate-limit: failed logins (services/auth.ts) and
   * the respondent routes (services/respondent-limits.ts, where it is only ever held as a keyed
   * hash in memory). Undefined when unknown, and then nothing is limited per client.
   */
  clientAddress?: (c: Context) => string | undefined;
  /**
   * The scheme the client used, which decides the session cookie's `Secure` flag and `__Host-`
   * prefix. Defaults to the request URL's (authoritative on Workers); on Node behind a trusted
   * proxy, X-Forwarded-Proto (TRUST_PROXY).
   */
  requestScheme?: (c: Context) => "http" | "https";
  /** LOGIN_KEY_SECRET: the key of the login counters' HMAC (lib/login-keys.ts); without it, a random key per app. */
  loginKeySecret?: string;
  /** INVITATION_KEY_SECRET: keys the staff invitations kept for reminders (lib/invitation-keys.ts); without it, a random key per app. */
  invitationKeySecret?: string;
  /** Stored submissions per client address per open-link round per hour (RESPONDENT_SUBMISSIONS_PER_HOUR). */
  submissionsPerHour?: number;
  /** SHA-256 as lowercase hex; by default lib/random.ts sha256Hex (synchronous node:crypto, on Node and Workers alike). */
  sha256?: (text: string) => string | Promise<string>;
  /** Responses a release reads per query (services/release.ts): small on the embedded file, large over a network. */
  releasePage?: number;
  /** The most memory a release may fold before it stops as "too_large" (domain/release.ts maxReleaseBytes; Node: from its heap). */
  releaseBytes?: number;
  /** Where releases are made: on Workers a Durable Object per round, in steps (src/workers/release-object.ts); on Node in this process. */
  releaseRunner?: ReleaseRunner;
  /**
   * Sends invitation and password-reset mails: SMTP on Node (src/node/smtp-mailer.ts), an HTTP
   * mail API on Workers (lib/mailer.ts). Without one, an invitation's answer carries its link for
   * the consultant to pass on, and the API makes no reset links (the command line does).
   */
  mailer?: Mailer;
  /**
   * How links in mails start (PUBLIC_URL), e.g. https://survey.example.org. Without it, the
   * request's own origin — on Workers the routed host name; the Node entry always sets it, so a
   * forged Host header can never put another site into a mail.
   */
  publicUrl?: string;
  /** LOG_LEVEL: the least severe log line written (default info; `silent` writes none). */
  logLevel?: LogLevel;
  /** Where JSON log lines go: the console by default; tests pass an array's push (lib/log.ts). */
  logSink?: LogSink;
}

export type ResolvedDeps = Required<
  Omit<
    AppDeps,
    | "serveStatic"
    | "compressApi"
    | "releaseBytes"
    | "releaseRunner"
    | "submissionsPerHour"
    | "loginKeySecret"
    | "invitationKeySecret"
    | "mailer"
    | "publicUrl"
    | "logLevel"
    | "logSink"
  >
> & {
  releaseBytes?: number;
  releaseRunner?: ReleaseRunner;
  /** Keys of the login attempt counters. */
  loginKeys: LoginKeys;
  /** Keys and seals of staff invitations kept for reminders. */
  invitationKeys: InvitationKeys;
  /** This app's respondent rate limits, in memory. */
  respondentLimits: RespondentLimits;
  mailer: Mailer | null;
  publicUrl: string | null;
  /** Reset mails per hashed address, in memory. */
  resetLimits: RateLimiter;
  /** Unknown staff summary links tried per client network, in memory. */
  summaryLookups: SummaryLookups;
  /** The app's logger, without request fields; a request's own (with its id) is `c.var.log`. */
  log: Logger;
};
export type AppEnv = {
  Variables: {
    deps: ResolvedDeps;
    user: User | null;
    /** Staff routes only (middleware/request-log.ts); echoed as X-Request-Id. */
    requestId: string;
    /** This request's logger: with its request id on staff routes, with nothing about the request on respondent routes. */
    log: Logger;
    /** Set by onError: the error code rendered, for the request's log line. */
    failure?: RequestFailure;
  };
};
