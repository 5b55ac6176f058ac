/**
 * The worker as deployed, under workerd: the bundle `wrangler deploy --dry-run` wrote (npm run
 * build), a local D1 migrated by `wrangler d1 migrations apply --local` — the same command as in
 * production — and Miniflare, the simulator wrangler dev itself runs on. Tests seed through
 * drizzle on the same D1 and talk to the worker over HTTP.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { promisify } from "node:util";

import { drizzle } from "drizzle-orm/d1";
import { Miniflare } from "miniflare";

import { type Db, schema } from "../../src/storage/database.js";
import type { ReleaseStatus } from "../../src/workers/release-object.js";

const root = resolve(import.meta.dirname, "../..");
const WORKER = join(root, "dist/worker/worker.js");
const ASSETS = join(root, "dist/public");

/** The database id, compatibility date and Durable Object binding, read from wrangler.toml so the test runs what deploys. */
function wranglerConfig(): {
  databaseId: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  durableObject: { binding: string; className: string };
} {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const pick = (key: string) => toml.match(new RegExp(`^${key}\\s*=\\s*(.+)$`, "m"))![1]!;
  const object = toml.match(/^\[\[durable_objects\.bindings\]\]\s*name\s*=\s*"([^"]+)"\s*class_name\s*=\s*"([^"]+)"/m)!;
  return {
    databaseId: JSON.parse(pick("database_id")),
    compatibilityDate: JSON.parse(pick("compatibility_date")),
    compatibilityFlags: JSON.parse(pick("compatibility_flags")),
    durableObject: { binding: object[1]!, className: object[2]! },
  };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
};

export interface WorkerdTarget {
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Runs the worker's cron trigger once, as Cloudflare would on its schedule. */
  cron(): Promise<void>;
  /** What the round's release object says of its release (src/workers/release-object.ts). */
  releaseStatus(campaignId: string): Promise<ReleaseStatus>;
  /** Asks the round's release object to start, as the worker does (its answer: "done", "running" or "failed"). */
  releaseStart(campaignId: string): Promise<string>;
  db: Db;
  close(): Promise<void>;
}

/** `vars`: the worker's vars, as `[vars]` in wrangler.toml would set them. */
export async function startWorkerd(vars: Record<string, string> = {}): Promise<WorkerdTarget> {
  if (!existsSync(WORKER)) throw new Error("dist/worker/worker.js is missing: run `npm run build` first");
  const persist = mkdtempSync(join(tmpdir(), "cc-workerd-"));
  const { databaseId, compatibilityDate, compatibilityFlags, durableObject } = wranglerConfig();
  await promisify(execFile)(
    process.execPath,
    [
      join(root, "node_modules/wrangler/bin/wrangler.js"),
      "d1",
      "migrations",
      "apply",
      "DB",
      "--local",
      "--persist-to",
      persist,
    ],
    {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
    },
  );
  const mf = new Miniflare({
    modules: true,
    scriptPath: WORKER,
    compatibilityDate,
    compatibilityFlags,
    d1Databases: { DB: databaseId },
    // wrangler.toml declares it with new_sqlite_classes.
    durableObjects: { [durableObject.binding]: { className: durableObject.className, useSQLite: true } },
    // The secret a deployment sets with `wrangler secret put`; the worker refuses to start without it.
    // Request log lines stay out of the test output; a test that reads them sets LOG_LEVEL.
    bindings: { LOGIN_KEY_SECRET: "workerd-test-login-key-secret-0123456789", LOG_LEVEL: "warn", ...vars },
    d1Persist: join(persist, "v3", "d1"),
    // The platform's static-assets binding, reduced to what the worker asks of it: files by path.
    serviceBindings: {
      ASSETS: async (request: { url: string }) => {
        const path = join(ASSETS, decodeURIComponent(new URL(request.url).pathname));
        if (!path.startsWith(ASSETS) || !existsSync(path)) return new Response("Not found", { status: 404 }) as never;
        return new Response(readFileSync(path), {
          headers: { "content-type": TYPES[extname(path)] ?? "application/octet-stream" },
        }) as never;
      },
    },
  });
  const url = await mf.ready;
  const d1 = await mf.getD1Database("DB");
  const releaseObject = async (campaignId: string) => {
    const namespace = await mf.getDurableObjectNamespace(durableObject.binding);
    return namespace.get(namespace.idFromName(campaignId));
  };
  return {
    request: (path, init) => mf.dispatchFetch(new URL(path, url), init as never) as unknown as Promise<Response>,
    async cron() {
      const result = await (await mf.getWorker()).scheduled({ cron: "*/15 * * * *" });
      if (result.outcome !== "ok") throw new Error(`the scheduled handler ended with ${result.outcome}`);
    },
    async releaseStatus(campaignId) {
      const res = await (await releaseObject(campaignId)).fetch("https://release/status");
      return (await res.json()) as ReleaseStatus;
    },
    async releaseStart(campaignId) {
      const res = await (
        await releaseObject(campaignId)
      ).fetch("https://release/start", {
        method: "POST",
        body: JSON.stringify({ campaignId }),
      });
      return ((await res.json()) as { state: string }).state;
    },
    db: drizzle(d1 as never, { schema }) as unknown as Db,
    async close() {
      await mf.dispose();
      rmSync(persist, { recursive: true, force: true });
    },
  };
}
