/** Drives the SurveyJS page in Chromium the way a respondent does. */
import type { Page } from "playwright-core";

/** Answers every visible question of the current page by mouse. */
export async function answerPage(page: Page): Promise<void> {
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
}

/** Answers every visible question on every page by mouse, then sends. */
export async function completeSurvey(page: Page): Promise<void> {
  for (let pageNo = 0; pageNo < 12; pageNo++) {
    await answerPage(page);
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

/**
 * Answers the survey with the keyboard only, as a screen-reader or switch user would: Tab to
 * each question, arrow keys or Space to answer, Enter on the buttons. No mouse event is sent.
 */
export async function completeSurveyByKeyboard(page: Page): Promise<void> {
  const answered = new Set<string>();
  for (let step = 0; step < 800; step++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement as (HTMLElement & { type?: string }) | null;
      const question = el?.closest<HTMLElement>(".sd-question")?.dataset.name ?? "";
      return {
        tag: el?.tagName ?? "",
        type: el?.type ?? "",
        question,
        rating: !!el?.closest(".sd-rating"),
        dropdown: !!el?.closest(".sd-dropdown") || el?.getAttribute("role") === "combobox",
        next: !!el?.classList.contains("sd-navigation__next-btn"),
        complete: !!el?.classList.contains("sd-navigation__complete-btn"),
      };
    });
    if (focus.next || focus.complete) {
      await page.keyboard.press("Enter");
      // Done once the page reports back; a required question left open keeps the survey on its page.
      if (focus.complete && (await page.locator("#status:not([hidden])").count()) > 0) return;
      if (focus.complete) answered.clear();
      continue;
    }
    if (!focus.question || answered.has(focus.question)) continue;
    if (
      focus.dropdown &&
      (await page
        .locator(`.sd-question[data-name="${focus.question}"] .sd-dropdown__value .sv-string-viewer`)
        .count()) > 0
    )
      continue;
    answered.add(focus.question);
    if (focus.rating) {
      for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight"); // 1 → 4
    } else if (focus.dropdown) {
      await page.keyboard.press("ArrowDown");
      await page.locator(".sv-list__item:visible").first().waitFor();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
    } else if (focus.type === "radio" || focus.type === "checkbox") {
      await page.keyboard.press("Space");
    } else if (focus.tag === "TEXTAREA") {
      await page.keyboard.type("Alleen met het toetsenbord ingevuld.");
    }
  }
  throw new Error("never reached the send button");
}
