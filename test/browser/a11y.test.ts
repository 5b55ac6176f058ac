/**
 * Accessibility in real Chromium with axe-core, for every journey's key screens, on a phone
 * (360 × 740) and a desktop (1366 × 900), in Dutch and in English: the survey (questions, the
 * thank-you, the access-code form with an error), login, forgotten and new password, accepting an
 * invitation, the manager's dashboard of a released round, the consultant's workspace and the
 * dashboard of a running round. Each has no serious or critical violation and no page wider than the screen; milder
 * findings are printed so they can be fixed too. Screenshots land in test-results/screenshots.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { sha256Hex } from "../../src/lib/random.js";
import { inviteManager } from "../../src/services/invitations.js";
import { makeResetLink } from "../../src/services/password-reset.js";
import { chromiumPath, logIn } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { completeSurvey, screenshot } from "../helpers/survey.js";
import { demoLogin } from "../helpers/test-app.js";

let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let demo: DemoResult;
let invitation: string;
let reset: string;

beforeAll(async () => {
  if (!chromiumPath) return;
  h = await startBrowserHarness(async (t) => {
    demo = await seedDemo(t.db, t.instruments, t.clock.now);
    const links = { db: t.db, mailer: null, now: () => t.clock.now, sha256: sha256Hex };
    const invited = await inviteManager(links, {
      organisation: { id: demo.organisationId, name: "De Linde" },
      email: "new.manager@example.org",
      inviter: null,
      baseUrl: "",
    });
    if (invited.delivery !== "link") throw new Error("without a mailer the invitation is a link");
    invitation = invited.link;
    reset = (await makeResetLink(links, demoLogin(demo, "manager").email, ""))!.link;
  });
});
afterAll(() => h?.close());

const SCREENS = [
  { name: "phone", viewport: { width: 360, height: 740 } },
  { name: "desktop", viewport: { width: 1366, height: 900 } },
] as const;
const LANGUAGES = [
  { lang: "nl", locale: "nl-NL" },
  { lang: "en", locale: "en-GB" },
] as const;

async function serious(page: Page, name: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  for (const v of violations.filter((x) => x.impact !== "serious" && x.impact !== "critical")) {
    console.warn(`axe (${name}, ${v.impact}): ${v.id} — ${v.help} (${v.nodes.length}×)`);
  }
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The checks every key screen passes: axe, no sideways scrolling, the page's language, a screenshot. */
async function check(page: Page, screen: string, lang: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang), `${screen}: the page's language`).toBe(lang);
  expect(await serious(page, screen)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen} is wider than the screen`).toBeLessThanOrEqual(0);
  await screenshot(page, screen);
}

const login = (page: Page, account: { email: string; password: string }) => logIn(page, h.url, account);

async function open(browser: Browser, viewport: { width: number; height: number }, locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport, locale });
  return context.newPage();
}

for (const { name: device, viewport } of SCREENS) {
  for (const { lang, locale } of LANGUAGES) {
    const tag = `${lang}-${device}`;
    describe.skipIf(!chromiumPath)(`accessibility and layout, ${lang}, ${device} (${viewport.width} px)`, () => {
      it("the survey: questions, the thank-you, and the access-code form with an error", async () => {
        const page = await open(h.browser, viewport, locale);
        await page.goto(`${h.url}/s/${demo.openRound.token}`);
        await page.waitForSelector(".sd-question");
        await check(page, `survey-${tag}`, lang);
        await completeSurvey(page);
        await page.locator("#status-text:not(:empty)").waitFor();
        await page.waitForFunction(() => !document.getElementById("status-text")?.textContent?.includes("…"));
        await check(page, `survey-thanks-${tag}`, lang);
        const coded = demo.rounds.find((r) => r.campaign.requireCode && r.campaign.status === "open")!.campaign;
        await page.goto(`${h.url}/s/${coded.token}`);
        await page.waitForSelector("#code-form:not([hidden])");
        await page.fill("#access-code", "WRONG-CODE1");
        await page.click("#code-form button[type=submit]");
        await page.waitForSelector("#code-error:not([hidden])");
        await check(page, `survey-code-${tag}`, lang);
        await page.context().close();
      });

      it("the way in: login, forgotten password, a new password and an invitation", async () => {
        const page = await open(h.browser, viewport, locale);
        await page.goto(`${h.url}/login`);
        await page.waitForSelector("#email");
        await check(page, `login-${tag}`, lang);
        await page.goto(`${h.url}/forgot-password`);
        await page.waitForSelector("form");
        await check(page, `forgot-password-${tag}`, lang);
        await page.goto(`${h.url}${reset}`);
        await page.waitForSelector("form");
        await check(page, `reset-password-${tag}`, lang);
        await page.goto(`${h.url}${invitation}`);
        await page.waitForSelector("form:not([hidden])");
        await check(page, `invitation-${tag}`, lang);
        await page.context().close();
      });

      it("the manager's dashboard of a released round", async () => {
        const page = await open(h.browser, viewport, locale);
        await login(page, demoLogin(demo, "manager"));
        await page.waitForSelector(".staircase li.start");
        await page.waitForSelector("#trend-card:not([hidden])");
        await check(page, `dashboard-${tag}`, lang);
        await page.context().close();
      });

      it("the consultant's workspace, and the dashboard of a running round", async () => {
        const page = await open(h.browser, viewport, locale);
        await login(page, demoLogin(demo, "consultant"));
        await page.goto(`${h.url}/workspace`);
        await page.waitForSelector("#portfolio .org-row");
        await check(page, `workspace-${tag}`, lang);
        await page.goto(`${h.url}/dashboard?campaign=${demo.openRound.id}`);
        await page.waitForSelector("#participation:not([hidden])");
        await check(page, `dashboard-running-${tag}`, lang);
        await page.context().close();
      });
    });
  }
}
