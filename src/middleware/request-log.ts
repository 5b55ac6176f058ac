/**
 * One JSON log line per staff request, with a request id that the answer echoes as X-Request-Id
 * (hono's request-id middleware: a well-formed id from the client or a proxy is kept, so one id
 * follows a request through every log). A line names the route's pattern (`/api/campaigns/:id`),
 * never the path: paths can carry tokens (a survey link, an invitation) and the query string
 * filters. Never an address or a user agent.
 *
 * Respondent routes — the survey (/s/…, /api/s/…) and the staff summary (/api/summaries/…) —
 * log nothing per request, as the README promises: a line per submission would be a record of
 * when each person answered. Only a server error (5xx) there gets a line, with the route pattern,
 * status, duration and the error's class name: no request id, no message, no stack (a failed
 * query's message can hold the answers it was writing).
 */
import type { Context, MiddlewareHandler } from "hono";
import { requestId } from "hono/request-id";
import { matchedRoutes, routePath } from "hono/route";
import { METHOD_NAME_ALL } from "hono/router";

import type { AppEnv } from "../app-env.js";
import { isRoutine } from "../lib/error-codes.js";
import { errorFields, type Logger } from "../lib/log.js";

const RESPONDENT_PREFIXES = ["/s/", "/api/s/", "/api/summaries/"];

/** Whether a path is one of the routes respondents (and staff reading their summary) use. */
const isRespondentPath = (path: string) => RESPONDENT_PREFIXES.some((prefix) => path.startsWith(prefix));

/** Routes a monitor polls every few seconds: their successes are logged at debug only. */
const QUIET_ROUTES = new Set(["/healthz"]);

/** What onError rendered, for the request's log line. */
export interface RequestFailure {
  code: string;
  error: unknown;
}

/**
 * The pattern of the route the request was for (`/api/campaigns/:id`), also when a middleware
 * before it answered or failed: the last route handler matched (app.use middleware is registered
 * for every method). A request no route handler matched names the middleware's pattern
 * (`/api/*`, `/assets/*`), never its own path.
 */
function routeOf(c: Context): string {
  try {
    const routes = matchedRoutes(c);
    const handler = [...routes].reverse().find((r) => r.method !== METHOD_NAME_ALL);
    if (handler) return handler.path;
    return routePath(c) || "(none)";
  } catch {
    return "(none)";
  }
}

export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  const withId = requestId({ headerName: "X-Request-Id", limitLength: 128 });
  return async (c, next) => {
    const started = performance.now();
    const ms = () => Math.round((performance.now() - started) * 10) / 10;
    if (isRespondentPath(c.req.path)) {
      // Services on these routes get a logger that adds nothing about the request.
      c.set("log", log);
      await next();
      if (c.res.status >= 500) {
        const failure = c.get("failure");
        log.error("request failed", {
          method: c.req.method,
          route: routeOf(c),
          status: c.res.status,
          durationMs: ms(),
          errorCode: failure?.code,
          errorName: failure?.error instanceof Error ? failure.error.name : undefined,
        });
      }
      return;
    }
    await withId(c, async () => {
      c.set("log", log.child({ requestId: c.get("requestId") }));
      await next();
    });
    const status = c.res.status;
    const route = routeOf(c);
    const failure = c.get("failure");
    // A 5xx the server answers by design (lib/error-codes.ts `routine`) is no failure: no stack.
    const failed = status >= 500 && !isRoutine(failure?.code);
    const level = failed ? "error" : QUIET_ROUTES.has(route) && status < 400 ? "debug" : "info";
    if (!log.enabled(level)) return;
    log[level]("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route,
      status,
      durationMs: ms(),
      userId: c.get("user")?.id,
      errorCode: failure?.code,
      ...(failure && failed ? errorFields(failure.error, true) : {}),
    });
  };
}
