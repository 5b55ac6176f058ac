/**
 * createApp(deps): the one application, served by the Node entry and (later) the Workers entry.
 * Entry files only wire a database driver, the instruments and the page store.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";

import type { AppDeps, AppEnv, ResolvedDeps } from "./app-env.js";
import { ApiError } from "./lib/api-error.js";
import type { ErrorCode } from "./lib/error-codes.js";
import { createInvitationKeys } from "./lib/invitation-keys.js";
import { createLogger } from "./lib/log.js";
import { createLoginKeys } from "./lib/login-keys.js";
import { serveOpenApiDocument } from "./lib/openapi-document.js";
import { sha256Hex } from "./lib/random.js";
import { createRateLimiter } from "./lib/rate-limit.js";
import { requestLog } from "./middleware/request-log.js";
import { loadSession } from "./middleware/session.js";
import { actionPlanRoutes } from "./routes/action-plans.js";
import { auditRoutes } from "./routes/audit.js";
import { authRoutes } from "./routes/auth.js";
import { campaignRoutes } from "./routes/campaigns.js";
import { compareRoutes } from "./routes/compare.js";
import { dataProtectionRoutes } from "./routes/data-protection.js";
import { healthRoutes } from "./routes/health.js";
import { instrumentRoutes } from "./routes/instruments.js";
import { invitationRoutes } from "./routes/invitations.js";
import { normSetRoutes } from "./routes/norm-sets.js";
import { organisationRoutes } from "./routes/organisations.js";
import { pageRoutes } from "./routes/pages.js";
import { passwordResetRoutes } from "./routes/password-reset.js";
import { respondentRoutes } from "./routes/respondent.js";
import { staffInvitationRoutes } from "./routes/staff-invitations.js";
import { summaryRoutes } from "./routes/summaries.js";
import { RESET_WINDOW_MS, RESETS_PER_HOUR } from "./services/password-reset.js";
import { RELEASE_PAGE } from "./services/release.js";
import { createRespondentLimits, DEFAULT_SUBMISSIONS_PER_HOUR } from "./services/respondent-limits.js";
import { createSummaryLookups } from "./services/staff-summary.js";

const HONO_ERRORS: Partial<Record<number, { code: ErrorCode; message: string }>> = {
  400: { code: "bad_request", message: "Bad request" },
  403: { code: "cross_site_request", message: "Cross-site requests are refused." },
};

/** The headers of a submission's answer: the same protection as every page, for a JSON body. */
const SUBMISSION_HEADERS: [string, string][] = [
  ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"],
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "no-referrer"],
  ["X-Frame-Options", "DENY"],
  ["Cache-Control", "no-store"],
];

export function createApp(deps: AppDeps) {
  const resolved: ResolvedDeps = {
    db: deps.db,
    instruments: deps.instruments,
    pages: deps.pages,
    now: deps.now ?? (() => new Date()),
    clientAddress: deps.clientAddress ?? (() => undefined),
    requestScheme: deps.requestScheme ?? ((c) => (new URL(c.req.url).protocol === "https:" ? "https" : "http")),
    loginKeys: createLoginKeys(deps.loginKeySecret),
    invitationKeys: createInvitationKeys(deps.invitationKeySecret),
    sha256: deps.sha256 ?? sha256Hex,
    releasePage: deps.releasePage ?? RELEASE_PAGE,
    ...(deps.releaseBytes ? { releaseBytes: deps.releaseBytes } : {}),
    ...(deps.releaseRunner ? { releaseRunner: deps.releaseRunner } : {}),
    respondentLimits: createRespondentLimits({
      submissionsPerHour: deps.submissionsPerHour ?? DEFAULT_SUBMISSIONS_PER_HOUR,
    }),
    mailer: deps.mailer ?? null,
    publicUrl: deps.publicUrl?.replace(/\/$/, "") ?? null,
    resetLimits: createRateLimiter({ limit: RESETS_PER_HOUR, windowMs: RESET_WINDOW_MS }),
    summaryLookups: createSummaryLookups(),
    log: createLogger({ level: deps.logLevel ?? "info", ...(deps.logSink ? { sink: deps.logSink } : {}) }),
  };
  const app = new OpenAPIHono<AppEnv>();

  // First, so its line covers every other middleware and its duration the whole answer.
  app.use(requestLog(resolved.log));

  const pageHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // SurveyJS and Chart.js set element styles at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    // The survey link is a secret of sorts: never send it on as a referrer.
    referrerPolicy: "no-referrer",
    crossOriginEmbedderPolicy: false,
  });
  const compressJson = deps.compressApi ? compress() : undefined;
  app.use(async (c, next) => {
    c.set("deps", resolved);
    // A submission's answer is a few bytes of JSON that nothing may cache, frame or sniff: its
    // headers are set up front, which costs a fraction of rewriting a finished response, on the
    // path every respondent of a round takes at once.
    if (c.req.method === "POST" && c.req.path.startsWith("/api/s/")) {
      for (const [name, value] of SUBMISSION_HEADERS) c.header(name, value);
      return next();
    }
    return pageHeaders(c, async () => {
      // JSON over 1 KB (the instrument, reports) goes out compressed.
      if (compressJson && c.req.method === "GET" && c.req.path.startsWith("/api/")) await compressJson(c, next);
      else await next();
      // API answers describe live, often private data: never cached unless a route says otherwise.
      if (c.req.path.startsWith("/api/") && !c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
    });
  });
  if (deps.serveStatic) app.use("/assets/*", deps.serveStatic);

  // Respondent routes (/api/s/…) have no session: nothing to forge, and no session lookup on the
  // submission path. Elsewhere hono's csrf refuses cross-site form-like posts; every other
  // state-changing route takes only JSON, which a cross-site page cannot send without a CORS
  // preflight this app never allows.
  const staffOnly =
    (middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
    (c, next) =>
      c.req.path.startsWith("/api/s/") ? next() : middleware(c, next);
  // The origin a same-site page posts from carries the scheme the client used, which behind a
  // trusted proxy is not the request URL's.
  const sameOrigin = csrf({
    origin: (origin, c) => origin === `${resolved.requestScheme(c)}://${new URL(c.req.url).host}`,
  });
  app.use("/api/*", staffOnly(sameOrigin), staffOnly(loadSession));
  app.route("/", healthRoutes);
  app.route("/", respondentRoutes);
  app.route("/", authRoutes);
  app.route("/", passwordResetRoutes);
  app.route("/", organisationRoutes);
  app.route("/", invitationRoutes);
  app.route("/", auditRoutes);
  app.route("/", campaignRoutes);
  app.route("/", dataProtectionRoutes);
  app.route("/", actionPlanRoutes);
  app.route("/", summaryRoutes);
  app.route("/", staffInvitationRoutes);
  app.route("/", compareRoutes);
  app.route("/", normSetRoutes);
  app.route("/", instrumentRoutes);
  app.route("/", pageRoutes);

  serveOpenApiDocument(app, "/api/openapi.json");

  app.notFound((c) => c.json({ error: { code: "not_found", message: "Not found", details: [] } }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      c.set("failure", { code: error.code, error });
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json({ error: { code: error.code, message: error.message, details: error.details } }, error.status);
    }
    if (error instanceof HTTPException) {
      // hono's own exceptions get the same shape: a 400 comes from its validator (malformed JSON),
      // a 403 only from its csrf middleware (our own code throws ApiError).
      const known = HONO_ERRORS[error.status];
      const code: ErrorCode = known?.code ?? (error.status >= 500 ? "internal" : "bad_request");
      c.set("failure", { code, error });
      return c.json(
        { error: { code, message: error.message || (known?.message ?? "Request refused."), details: [] } },
        error.status,
      );
    }
    // Logged once, by the request's log line (middleware/request-log.ts): with the request id and
    // the stack on staff routes, with neither on respondent routes.
    c.set("failure", { code: "internal", error });
    return c.json({ error: { code: "internal", message: "Something went wrong on our side.", details: [] } }, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
