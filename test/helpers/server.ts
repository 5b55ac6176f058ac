/** Serves a test app on a free loopback port, with the built assets, for the browser tests. */
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "../../src/app.js";
import type { AppDeps } from "../../src/app-env.js";
import { filePageStore, staticFiles } from "../../src/node/static-files.js";
import { launchBrowser } from "./browser.js";
import { createTestApp, type TestApp } from "./test-app.js";

/** `deps`: what else the entry would wire, e.g. a mailer. */
export async function listen(t: TestApp, deps: Pick<AppDeps, "mailer"> = {}): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp({ ...deps, db: t.db, instruments: t.instruments, pages: filePageStore(), serveStatic: staticFiles(), now: () => t.clock.now });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A test app with a loopback server and Chromium, for browser journeys; `close` ends all three. */
export async function startBrowserHarness(prepare: (t: TestApp) => Promise<void> = async () => {}, deps: Pick<AppDeps, "mailer"> = {}) {
  const t = await createTestApp();
  await prepare(t);
  const server = await listen(t, deps);
  const browser = await launchBrowser();
  return {
    t,
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await t.close();
    },
  };
}
