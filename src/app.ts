/**
 * createApp(deps): the one application, served by the Node entry and (later) the Workers entry.
 * Entry files only wire a database driver, the instruments and the page store.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps, AppEnv, ResolvedDeps } from "./app-env.js";
import { ApiError } from "./lib/api-error.js";
import { sha256Hex } from "./lib/random.js";
import { csrf } from "hono/csrf";
import { loadSession } from "./middleware/session.js";
import { authRoutes } from "./routes/auth.js";
import { campaignRoutes } from "./routes/campaigns.js";
import { compareRoutes } from "./routes/compare.js";
import { instrumentRoutes } from "./routes/instruments.js";
import { organisationRoutes } from "./routes/organisations.js";
import { pageRoutes } from "./routes/pages.js";
import { respondentRoutes } from "./routes/respondent.js";

const HONO_ERRORS: Partial<Record<number, { code: string; message: string }>> = {
  400: { code: "bad_request", message: "Bad request" },
  403: { code: "cross_site_request", message: "Cross-site requests are refused." },
};

export function createApp(deps: AppDeps) {
  const resolved: ResolvedDeps = {
    db: deps.db,
    instruments: deps.instruments,
    pages: deps.pages,
    now: deps.now ?? (() => new Date()),
    clientAddress: deps.clientAddress ?? (() => undefined),
    sha256: deps.sha256 ?? sha256Hex,
  };
  const app = new OpenAPIHono<AppEnv>();

  app.use(
    secureHeaders({
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
    }),
  );
  app.use(async (c, next) => {
    c.set("deps", resolved);
    await next();
  });
  if (deps.serveStatic) app.use("/assets/*", deps.serveStatic);
  // JSON over 1 KB (the instrument, reports) goes out compressed.
  if (deps.compressApi) app.use("/api/*", compress());
  // API answers describe live, often private data: never cached unless a route says otherwise.
  app.use("/api/*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });

  // Respondent routes (/api/s/…) have no session: nothing to forge, and no session lookup on the
  // submission path. Elsewhere hono's csrf refuses cross-site form-like posts; every other
  // state-changing route takes only JSON, which a cross-site page cannot send without a CORS
  // preflight this app never allows.
  const staffOnly = (middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> => (c, next) =>
    c.req.path.startsWith("/api/s/") ? next() : middleware(c, next);
  app.use("/api/*", staffOnly(csrf()), staffOnly(loadSession));
  app.route("/", respondentRoutes);
  app.route("/", authRoutes);
  app.route("/", organisationRoutes);
  app.route("/", campaignRoutes);
  app.route("/", compareRoutes);
  app.route("/", instrumentRoutes);
  app.route("/", pageRoutes);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: { title: "Customer-centricity survey API", version: "1" },
  });

  app.notFound((c) => c.json({ error: { code: "not_found", message: "Not found", details: [] } }, 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json({ error: { code: error.code, message: error.message, details: error.details } }, error.status);
    }
    if (error instanceof HTTPException) {
      // hono's own exceptions get the same shape: a 400 comes from its validator (malformed JSON),
      // a 403 only from its csrf middleware (our own code throws ApiError).
      const known = HONO_ERRORS[error.status];
      const code = known?.code ?? `http_${error.status}`;
      return c.json({ error: { code, message: error.message || (known?.message ?? "Request refused."), details: [] } }, error.status);
    }
    console.error(error);
    return c.json({ error: { code: "internal", message: "Something went wrong on our side.", details: [] } }, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
