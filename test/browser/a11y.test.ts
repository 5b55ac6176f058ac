/**
 * Accessibility in real Chromium with axe-core: the survey (questions and the access-code form),
 * login, the manager's dashboard and the consultant's workspace have no serious or critical
 * violations; anything milder is printed so it can be fixed too.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo, type DemoResult } from "../../src/demo/seed.js";
import { chromiumPath } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { screenshot } from "../helpers/survey.js";
import { demoLogin } from "../helpers/test-app.js";

let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let demo: DemoResult;

beforeAll(async () => {
  if (chromiumPath) h = await startBrowserHarness(async (t) => void (demo = await seedDemo(t.db, t.instruments, t.clock.now)));
});
afterAll(() => h?.close());

async function serious(page: Page, name: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  for (const v of violations.filter((x) => x.impact !== "serious" && x.impact !== "critical")) {
    console.warn(`axe (${name}, ${v.impact}): ${v.id} — ${v.help} (${v.nodes.length}×)`);
  }
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function login(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${h.url}/login`);
  await page.fill("#email", account.email);
  await page.fill("#password", account.password);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/dashboard$/);
}

describe.skipIf(!chromiumPath)("accessibility (axe-core)", () => {
  it("the survey on a phone: questions, the last page and the access-code form", async () => {
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "nl-NL" });
    const page = await context.newPage();
    await page.goto(`${h.url}/s/${demo.openRound.token}`);
    await page.waitForSelector(".sd-question");
    expect(await serious(page, "survey")).toEqual([]);
    const polis = demo.rounds.find((r) => r.campaign.requireCode && r.campaign.status === "open")!.campaign;
    await page.goto(`${h.url}/s/${polis.token}`);
    await page.waitForSelector("#code-form:not([hidden])");
    await page.fill("#access-code", "WRONG-CODE1");
    await page.click("#code-form button[type=submit]");
    await page.waitForSelector("#code-error:not([hidden])");
    expect(await serious(page, "access code")).toEqual([]);
    await context.close();
  });

  it("login, the manager's dashboard and the consultant's workspace", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    await page.goto(`${h.url}/login`);
    expect(await serious(page, "login")).toEqual([]);
    await screenshot(page, "login");
    await login(page, demoLogin(demo, "manager"));
    await page.waitForSelector(".staircase li.start");
    await page.waitForSelector("#trend-card:not([hidden])");
    expect(await serious(page, "dashboard")).toEqual([]);
    await page.click("#logout");
    await page.waitForURL(/\/login$/);
    await login(page, demoLogin(demo, "consultant"));
    await page.goto(`${h.url}/workspace`);
    await page.waitForSelector("#portfolio .org-row");
    expect(await serious(page, "workspace")).toEqual([]);
    await page.goto(`${h.url}/dashboard?campaign=${demo.openRound.id}`);
    await page.waitForSelector("#participation:not([hidden])");
    expect(await serious(page, "dashboard of a running round")).toEqual([]);
    await context.close();
  });
});
