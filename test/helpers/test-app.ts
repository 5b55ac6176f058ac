/**
 * A real app on a temporary libSQL file per test file: the same driver, migrations and
 * queries as production, with a clock the test controls.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createApp } from "../../src/app.js";
import type { AppDeps } from "../../src/app-env.js";
import type { DemoResult } from "../../src/demo/seed.js";
import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { createInstrumentRegistry, DEFAULT_INSTRUMENT_ID } from "../../src/instruments/registry.js";
import { openDatabase } from "../../src/node/open-database.js";
import { filePageStore } from "../../src/node/static-files.js";
import { createCampaign, createOrganisation, type NewCampaign } from "../../src/storage/campaigns.js";

/** `deps`: what the entry would wire besides database, instruments, pages and clock (a client address, limits). */
export async function createTestApp(
  options: {
    today?: string;
    deps?: Pick<
      AppDeps,
      | "clientAddress"
      | "submissionsPerHour"
      | "requestScheme"
      | "loginKeySecret"
      | "invitationKeySecret"
      | "mailer"
      | "publicUrl"
      | "logLevel"
      | "logSink"
      | "releaseRunner"
      | "releaseBytes"
      | "releasePage"
    >;
  } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), "cc-test-"));
  const opened = await openDatabase(`file:${join(dir, "test.db")}`);
  const instruments = createInstrumentRegistry();
  const clock = { now: new Date(`${options.today ?? "2026-03-10"}T09:30:00Z`) };
  // Every log line is made (debug) and dropped, unless a test passes a sink to read them.
  const app = createApp({
    logLevel: "debug",
    logSink: () => {},
    ...options.deps,
    db: opened.db,
    instruments,
    pages: filePageStore(),
    now: () => clock.now,
  });
  const instrument = instruments.latest(DEFAULT_INSTRUMENT_ID)!;

  async function addCampaign(overrides: Partial<NewCampaign> = {}): Promise<Campaign> {
    const organisation = await createOrganisation(opened.db, "Test organisation");
    return createCampaign(opened.db, {
      ...campaignDefaults(instrument, ["Sales", "Service"]),
      organisationId: organisation.id,
      title: "Test round",
      ...overrides,
    });
  }

  return {
    app,
    db: opened.db,
    client: opened.client,
    instrument,
    instruments,
    clock,
    addCampaign,
    async close() {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A complete, valid set of answers for the default instrument; every rating (and the 0–10 outcome, if any) is `rating`. */
export function validAnswers(instrument: TestApp["instrument"], rating = 4): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const item of instrument.key.items) answers[item.name] = rating;
  if (instrument.key.outcomeQuestion) answers[instrument.key.outcomeQuestion] = rating;
  return {
    ...answers,
    decision_factors: ["policy", "customer_needs"],
    decision_most: "policy",
    department: "Sales",
    role: "frontline",
    tenure: "1to5",
  };
}

export function postJson(app: TestApp["app"], path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The token of an invitation or reset link (it travels in the fragment: /invitation#<token>). */
export const tokenOf = (link: string) => link.slice(link.indexOf("#") + 1);

/** Logs in through the API and returns the Cookie header for later requests. */
export async function loginCookie(app: TestApp["app"], email: string, password: string): Promise<string> {
  const res = await postJson(app, "/api/auth/login", { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

/** A demo account's login from what seedDemo returned (it made the password; nothing else holds it). */
export function demoLogin(
  demo: Pick<DemoResult, "accounts">,
  role: keyof DemoResult["accounts"],
): { email: string; password: string } {
  const { email, password } = demo.accounts[role];
  if (password === null) throw new Error(`the demo ${role} existed before this seed: its password is not known here`);
  return { email, password };
}
