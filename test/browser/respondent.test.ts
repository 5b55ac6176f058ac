/** An employee completes the survey in real Chromium on a phone-sized screen, in Dutch and in English. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Campaign, roundUnits } from "../../src/domain/campaign.js";
import { countResponses } from "../../src/storage/responses.js";
import { chromiumPath } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { answerPage, completeSurvey, completeSurveyByKeyboard, screenshot } from "../helpers/survey.js";

let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let campaign: Campaign;

beforeAll(async () => {
  if (chromiumPath)
    h = await startBrowserHarness(async (t) => void (campaign = await t.addCampaign({ kComments: 12 })));
});
afterAll(() => h?.close());

describe.skipIf(!chromiumPath)("respondent journey in Chromium", () => {
  it("completes the survey in Dutch and in English by mouse, and once by keyboard only: exactly three more responses", async () => {
    const before = await countResponses(h.t.db, campaign.id);
    for (const [locale, heading, thanks] of [
      ["nl-NL", "Richting en identiteit", "Dank je wel"],
      ["en-GB", "Direction and identity", "Thank you"],
    ] as const) {
      const context = await h.browser.newContext({ viewport: { width: 360, height: 740 }, locale, hasTouch: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${h.url}/s/${campaign.token}`);
      await expect.poll(() => page.locator(".sd-page__title").first().textContent()).toContain(heading);
      // The promise on the page is the round's own: its k and its comment minimum.
      const promise = await page.locator("[data-i18n=privacyGroups]").textContent();
      expect(promise).toContain(String(campaign.k));
      expect(promise).toContain(String(campaign.kComments));
      // Nothing wider than the phone: no horizontal scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await completeSurvey(page);
      await expect.poll(() => page.locator("#status-text").textContent(), { timeout: 10_000 }).toContain(thanks);
      // The thank-you says when results come.
      expect(await page.locator("#status-text").textContent()).toMatch(
        locale === "nl-NL" ? /als de ronde sluit/ : /when the round closes/,
      );
      await screenshot(page, `survey-done-${locale}`);
      expect(await page.evaluate(() => document.cookie)).toBe("");
      expect(errors).toEqual([]);
      await context.close();
    }
    const keyboard = await h.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "nl-NL" });
    const page = await keyboard.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    let clicks = 0;
    await page.exposeFunction("__countClick", () => clicks++);
    await page.addInitScript(() =>
      document.addEventListener(
        "mousedown",
        () => (window as unknown as { __countClick(): void }).__countClick(),
        true,
      ),
    );
    await page.goto(`${h.url}/s/${campaign.token}`);
    await page.waitForSelector(".sd-question");
    await completeSurveyByKeyboard(page);
    await expect.poll(() => page.locator("#status-text").textContent(), { timeout: 10_000 }).toContain("Dank je wel");
    await screenshot(page, "survey-done-keyboard");
    expect(clicks).toBe(0);
    expect(errors).toEqual([]);
    await keyboard.close();
    expect(await countResponses(h.t.db, campaign.id)).toBe(before + 3);
  });

  it("retries a submission whose first attempt fails on the network, and stores it once", async () => {
    const before = await countResponses(h.t.db, campaign.id);
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    const page = await context.newPage();
    const bodies: string[] = [];
    let failed = false;
    await page.route("**/api/s/*/responses", async (route) => {
      bodies.push(route.request().postData() ?? "");
      if (!failed) {
        failed = true;
        return route.abort("connectionreset");
      }
      return route.continue();
    });
    await page.goto(`${h.url}/s/${campaign.token}`);
    await page.waitForSelector(".sd-question");
    await completeSurvey(page);
    await expect.poll(() => page.locator("#status-text").textContent(), { timeout: 15_000 }).toContain("Thank you");
    // Two attempts, the same submission: the retry reused its submissionId.
    expect(bodies).toHaveLength(2);
    expect(JSON.parse(bodies[1]!).submissionId).toBe(JSON.parse(bodies[0]!).submissionId);
    expect(await countResponses(h.t.db, campaign.id)).toBe(before + 1);
    await context.close();
  });

  it("switches language without losing answers", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    await page.goto(`${h.url}/s/${campaign.token}`);
    const first = page.locator(".sd-question").first();
    // The first question is v3's outcome, rated 0–10: its third button is "2".
    await first.locator(".sd-rating__item").nth(2).click();
    await page.getByRole("button", { name: "English" }).click();
    await expect
      .poll(() => first.locator(".sd-question__title").textContent())
      .toContain("How customer-centric is our organisation");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await first.locator(".sd-rating__item--selected").textContent()).toContain("2");
    await context.close();
  });

  it("asks the client's own third grouping in its own words, in either language, and stores the unit chosen", async () => {
    const located = await h.t.addCampaign({
      title: "Per locatie",
      units: roundUnits({ departments: ["Sales", "Service"], tenure: ["Noord", "Zuid"] }),
      thirdGrouping: {
        label: { nl: "Locatie", en: "Location" },
        question: { nl: "Op welke locatie werk je?", en: "Where do you work?" },
      },
    });
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${h.url}/s/${located.token}`);
    const asked = page.locator('.sd-question[data-name="tenure"]:visible');
    for (let pageNo = 0; pageNo < 12 && (await asked.count()) === 0; pageNo++) {
      await answerPage(page);
      await page.locator(".sd-navigation__next-btn:visible").click();
    }
    await expect.poll(() => asked.locator(".sd-question__title").textContent()).toContain("Op welke locatie werk je?");
    expect(await asked.locator(".sd-item__control-label").allTextContents()).toEqual(["Noord", "Zuid"]);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => asked.locator(".sd-question__title").textContent()).toContain("Where do you work?");
    await completeSurvey(page);
    await expect.poll(() => page.locator("#status-text").textContent(), { timeout: 10_000 }).toContain("Thank you");
    const rows = await h.t.client.execute({
      sql: "select tenure from responses where campaign_id = ?",
      args: [located.id],
    });
    expect(rows.rows.map((r) => r.tenure)).toEqual(["Noord"]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
