/** Drives the SurveyJS page in Chromium the way a respondent does. */
import type { Page } from "playwright-core";

/** Answers every visible question on every page by mouse, then sends. */
export async function completeSurvey(page: Page): Promise<void> {
  for (let pageNo = 0; pageNo < 12; pageNo++) {
    const questions = page.locator(".sd-question:visible");
    const count = await questions.count();
    for (let i = 0; i < count; i++) {
      const q = questions.nth(i);
      if ((await q.locator(".sd-rating").count()) > 0) {
        await q.locator(".sd-rating__item").nth(3).click(); // "4"
      } else if ((await q.locator(".sd-checkbox").count()) > 0) {
        await q.locator(".sd-item__control-label").nth(0).click();
        await q.locator(".sd-item__control-label").nth(5).click();
      } else if ((await q.locator(".sd-radio").count()) > 0) {
        await q.locator(".sd-item__control-label").first().click();
      } else if ((await q.locator(".sd-dropdown").count()) > 0) {
        await q.locator(".sd-dropdown").click();
        await page.locator(".sv-list__item:visible").first().click();
      } else if ((await q.locator("textarea").count()) > 0) {
        await q.locator("textarea").fill("Meer ruimte om af te wijken.");
      }
    }
    const complete = page.locator(".sd-navigation__complete-btn:visible");
    if ((await complete.count()) > 0) {
      await complete.click();
      return;
    }
    await page.locator(".sd-navigation__next-btn:visible").click();
  }
  throw new Error("never reached the last page");
}

/** Saves a full-page screenshot under test-results/screenshots (git-ignored) for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
