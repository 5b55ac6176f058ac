/**
 * GET /healthz for load balancers, uptime monitors and `docker HEALTHCHECK`: 200 when the
 * database answers and has every committed migration applied, else 503 naming the check that
 * failed. No session, nothing about any organisation or round, never cached.
 */
import { createRoute, z } from "@hono/zod-openapi";

import { version } from "../../package.json";
import { noSession } from "../lib/openapi-document.js";
import { createRouter } from "../lib/router.js";
import { jsonContent } from "../lib/schemas.js";
import { pendingMigrations } from "../storage/migrations.js";

/** A database that does not answer within this long counts as unreachable: a monitor needs an answer, not a hung probe. */
const HEALTH_TIMEOUT_MS = 3000;

const Health = z
  .strictObject({
    status: z.enum(["ok", "unavailable"]),
    database: z.enum(["ok", "unreachable"]),
    /** `unknown` when the database did not answer. */
    migrations: z.enum(["current", "behind", "unknown"]),
    version: z.string().openapi({ example: "0.2.0" }),
  })
  .openapi("Health");
type Health = z.infer<typeof Health>;

async function check(run: () => Promise<unknown[]>): Promise<Pick<Health, "database" | "migrations">> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">(
    (resolve) => (timer = setTimeout(() => resolve("timeout"), HEALTH_TIMEOUT_MS)),
  );
  try {
    const pending = await Promise.race([run(), timeout]);
    if (pending === "timeout") return { database: "unreachable", migrations: "unknown" };
    return { database: "ok", migrations: pending.length === 0 ? "current" : "behind" };
  } catch {
    return { database: "unreachable", migrations: "unknown" };
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    operationId: "getHealth",
    security: noSession,
    path: "/healthz",
    tags: ["Operations"],
    summary: "Health: the database answers and every committed migration is applied (no session needed)",
    responses: {
      200: jsonContent(Health, "Healthy"),
      503: jsonContent(Health, "The database does not answer, or migrations are behind"),
    },
  }),
  async (c) => {
    const checks = await check(() => pendingMigrations(c.var.deps.db));
    const healthy = checks.database === "ok" && checks.migrations === "current";
    c.header("Cache-Control", "no-store");
    if (healthy) return c.json({ status: "ok" as const, ...checks, version }, 200);
    // The request's log line (an error, being a 5xx) records the failure.
    return c.json({ status: "unavailable" as const, ...checks, version }, 503);
  },
);
