/** Serves a test app on a free loopback port, with the built assets, for the browser tests. */
import type { AddressInfo } from "node:net";

import { serve, type ServerType } from "@hono/node-server";

import { createApp } from "../../src/app.js";
import type { AppDeps } from "../../src/app-env.js";
import { filePageStore, staticFiles } from "../../src/node/static-files.js";
import { launchBrowser } from "./browser.js";
import { createTestApp, type TestApp } from "./test-app.js";

/**
 * `deps`: what else the entry would wire, e.g. a mailer. `publicHost`: serve with PUBLIC_URL set to
 * this host on the same port (e.g. "localhost" while the browser opens 127.0.0.1), so a test can
 * tell the app's own links from the browser's origin.
 */
async function listen(
  t: TestApp,
  deps: Pick<AppDeps, "mailer"> = {},
  options: { publicHost?: string } = {},
): Promise<{ url: string; publicUrl: string; close(): Promise<void> }> {
  // The app is made once the port is known (its PUBLIC_URL names the port).
  let app: ReturnType<typeof createApp> | null = null;
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (request, env) => app!.fetch(request, env), port: 0, hostname: "127.0.0.1" }, () =>
      resolve(s),
    );
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const publicUrl = options.publicHost ? `http://${options.publicHost}:${port}` : url;
  app = createApp({
    logSink: () => {},
    ...deps,
    ...(options.publicHost ? { publicUrl } : {}),
    db: t.db,
    instruments: t.instruments,
    pages: filePageStore(),
    serveStatic: staticFiles(),
    now: () => t.clock.now,
  });
  return { url, publicUrl, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A test app with a loopback server and Chromium, for browser journeys; `close` ends all three. */
export async function startBrowserHarness(
  prepare: (t: TestApp) => Promise<void> = async () => {},
  deps: Pick<AppDeps, "mailer"> = {},
  options: { publicHost?: string } = {},
) {
  const t = await createTestApp();
  await prepare(t);
  const server = await listen(t, deps, options);
  const browser = await launchBrowser();
  return {
    t,
    url: server.url,
    /** Where the app's own links start (PUBLIC_URL): `url` unless a public host was given. */
    publicUrl: server.publicUrl,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await t.close();
    },
  };
}
