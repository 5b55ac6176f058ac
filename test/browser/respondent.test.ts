/** An employee completes the survey in real Chromium on a phone-sized screen, in Dutch and in English. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Campaign } from "../../src/domain/campaign.js";
import { countResponses } from "../../src/storage/responses.js";
import { chromiumPath } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { completeSurvey, screenshot } from "../helpers/survey.js";

let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let campaign: Campaign;

beforeAll(async () => {
  if (chromiumPath) h = await startBrowserHarness(async (t) => void (campaign = await t.addCampaign()));
});
afterAll(() => h?.close());

describe.skipIf(!chromiumPath)("respondent journey in Chromium", () => {
  it("completes the survey in Dutch and in English on a 360×740 phone", async () => {
    const before = await countResponses(h.t.db, campaign.id);
    for (const [locale, heading, thanks] of [
      ["nl-NL", "Richting en identiteit", "Dank u wel"],
      ["en-GB", "Direction and identity", "Thank you"],
    ] as const) {
      const context = await h.browser.newContext({ viewport: { width: 360, height: 740 }, locale, hasTouch: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${h.url}/s/${campaign.token}`);
      await expect.poll(() => page.locator(".sd-page__title").first().textContent()).toContain(heading);
      // Nothing wider than the phone: no horizontal scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await completeSurvey(page);
      await expect.poll(() => page.locator("#status-text").textContent(), { timeout: 10_000 }).toContain(thanks);
      await screenshot(page, `survey-done-${locale}`);
      expect(await page.evaluate(() => document.cookie)).toBe("");
      expect(errors).toEqual([]);
      await context.close();
    }
    expect(await countResponses(h.t.db, campaign.id)).toBe(before + 2);
  });

  it("switches language without losing answers", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    await page.goto(`${h.url}/s/${campaign.token}`);
    const first = page.locator(".sd-question").first();
    await first.locator(".sd-rating__item").nth(1).click();
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => first.locator(".sd-question__title").textContent()).toContain("I can explain in one sentence");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await first.locator(".sd-rating__item--selected").textContent()).toContain("2");
    await context.close();
  });
});
