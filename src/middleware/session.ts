/**
 * Session cookie handling: reads the session (if any) into `c.var.user`, and guards that
 * answer 401 without a session and 403 for the wrong role. Under https (as the client used it:
 * behind a trusted proxy, X-Forwarded-Proto) the cookie is `__Host-` prefixed and Secure; it is
 * always HttpOnly and SameSite=Lax.
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

import type { AppEnv } from "../app-env.js";
import { ApiError } from "../lib/api-error.js";
import { userForToken } from "../services/auth.js";
import type { Role, User } from "../storage/accounts.js";

/** The scheme the client used: the request URL's, or X-Forwarded-Proto behind a trusted proxy (AppDeps.requestScheme). */
const isHttps = (c: Context<AppEnv>) => c.var.deps.requestScheme(c) === "https";
const cookieName = (c: Context<AppEnv>) => (isHttps(c) ? "__Host-session" : "session");

export function sessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, cookieName(c));
}

export function setSessionCookie(c: Context, token: string, maxAge: number): void {
  setCookie(c, cookieName(c), token, { httpOnly: true, sameSite: "Lax", path: "/", secure: isHttps(c), maxAge });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, cookieName(c), { path: "/", secure: isHttps(c) });
}

export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = sessionToken(c);
  const { db, now } = c.var.deps;
  c.set("user", token ? ((await userForToken(db, token, now())) ?? null) : null);
  await next();
};

export function requireUser(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user;
    if (!user) throw new ApiError(401, "unauthenticated", "Log in first.");
    if (roles.length > 0 && !roles.includes(user.role))
      throw new ApiError(403, "forbidden", "Your role may not do this.");
    await next();
  };
}

/**
 * The logged-in user of a route behind requireUser. Refused like requireUser (401) if there is none,
 * so a route that forgot its guard fails closed instead of reading a missing user.
 */
export function sessionUser(c: Context<AppEnv>): User {
  const user = c.var.user;
  if (!user) throw new ApiError(401, "unauthenticated", "Log in first.");
  return user;
}
