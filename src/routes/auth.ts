/** Login, logout (here or everywhere) and the current user. */
import { createRoute, z } from "@hono/zod-openapi";

import { noSession, optionalSession } from "../lib/openapi-document.js";
import { createRouter } from "../lib/router.js";
import { jsonBodyOf, jsonContent, jsonError, UserSchema } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { clearSessionCookie, requireUser, sessionToken, sessionUser, setSessionCookie } from "../middleware/session.js";
import { login, logout, logoutEverywhere, SESSION_SECONDS } from "../services/auth.js";
import { accessibleOrganisations } from "../storage/accounts.js";

const Credentials = z
  .object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) })
  .strict()
  .openapi("Credentials");

const loginRoute = createRoute({
  method: "post",
  operationId: "logIn",
  security: noSession,
  summary: "Log in with e-mail address and password; sets the session cookie",
  path: "/api/auth/login",
  tags: ["Auth"],
  middleware: jsonBody(4 * 1024),
  request: { body: jsonBodyOf(Credentials) },
  responses: {
    200: jsonContent(z.strictObject({ user: UserSchema }), "Logged in; the session cookie is set"),
    401: jsonError("Wrong email or password"),
    429: jsonError("Too many failed attempts"),
  },
});

const logoutRoute = createRoute({
  method: "post",
  operationId: "logOut",
  security: optionalSession,
  summary: "End this session (without one, nothing to end)",
  path: "/api/auth/logout",
  tags: ["Auth"],
  responses: {
    204: { description: "Logged out; the session no longer works" },
    403: jsonError("A cross-site request (refused by the CSRF guard)"),
  },
});

const logoutEverywhereRoute = createRoute({
  method: "post",
  operationId: "logOutEverywhere",
  summary: "End every session of this account, on every device",
  path: "/api/auth/logout-everywhere",
  tags: ["Auth"],
  middleware: [requireUser()],
  responses: {
    204: { description: "Every session of this user has ended, on every device, this one included" },
    401: jsonError("No session"),
  },
});

const meRoute = createRoute({
  method: "get",
  operationId: "getMe",
  summary: "The logged-in account and the organisations it may see",
  path: "/api/me",
  tags: ["Auth"],
  middleware: [requireUser()],
  responses: {
    200: jsonContent(
      z.strictObject({
        user: UserSchema,
        organisations: z.array(z.strictObject({ id: z.string(), name: z.string() })),
      }),
      "The current user",
    ),
    401: jsonError("No session"),
  },
});

export const authRoutes = createRouter()
  .openapi(loginRoute, async (c) => {
    const { db, loginKeys, now, clientAddress } = c.var.deps;
    const { email, password } = c.req.valid("json");
    const client = clientAddress(c);
    const session = await login({ db, loginKeys }, { email, password, ...(client ? { client } : {}) }, now());
    setSessionCookie(c, session.token, SESSION_SECONDS);
    return c.json({ user: session.user }, 200);
  })
  .openapi(logoutRoute, async (c) => {
    const token = sessionToken(c);
    if (token) await logout(c.var.deps.db, token);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(logoutEverywhereRoute, async (c) => {
    await logoutEverywhere(c.var.deps.db, sessionUser(c).id, c.var.deps.now());
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(meRoute, async (c) => {
    const user = sessionUser(c);
    const organisations = (await accessibleOrganisations(c.var.deps.db, user)).map(({ id, name }) => ({ id, name }));
    return c.json({ user, organisations }, 200);
  });
