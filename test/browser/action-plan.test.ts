/**
 * After the results in real Chromium: a manager makes the released round's action plan on the
 * dashboard (start-here preselected, a second focus level, two actions, a status changed), shares
 * the summary with staff, and an anonymous visitor on a 360 × 740 phone reads it in Dutch and
 * English — axe-core finds nothing serious or critical on either page.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContextOptions, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { chromiumPath, logIn } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { screenshot } from "../helpers/survey.js";
import { demoLogin } from "../helpers/test-app.js";

let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let demo: DemoResult;

beforeAll(async () => {
  if (chromiumPath)
    h = await startBrowserHarness(async (t) => void (demo = await seedDemo(t.db, t.instruments, t.clock.now)));
});
afterAll(() => h?.close());

async function serious(page: Page, within?: string): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  if (within) axe.include(within);
  const { violations } = await axe.analyze();
  for (const v of violations.filter((x) => x.impact !== "serious" && x.impact !== "critical"))
    console.warn(`axe (${page.url()}, ${v.impact}): ${v.id} — ${v.help}`);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function loginManager(page: Page): Promise<void> {
  await logIn(page, h.url, demoLogin(demo, "manager"));
  page.setDefaultTimeout(8000);
  await page.waitForSelector("#action-plan:not([hidden]) #plan-focus-save");
}

/** A manager on the dashboard with the plan in view, in a fresh context; page errors are collected. */
async function managerPage(
  options: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: "nl-NL" },
) {
  const context = await h.browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await loginManager(page);
  return { context, page, errors };
}

/** The housing corporation's earlier round (2025), released like its 2026 round. */
const earlierRound = () =>
  demo.rounds.find((r) => r.organisation === "Woonstichting De Linde" && r.campaign.id !== demo.campaign.id)!.campaign;

/** Opens another round on the dashboard and waits for its plan. */
async function openRound(page: Page, id: string, title: string): Promise<void> {
  await page.selectOption("#campaign", id);
  await expect.poll(() => page.locator("#title").textContent()).toBe(title);
  await page.waitForSelector("#action-plan:not([hidden]) #plan-focus-save");
}

describe.skipIf(!chromiumPath)("after the results in Chromium", () => {
  let link = "";

  it("a manager makes a plan with two actions and shares the summary", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${h.url}/login`);
    await page.fill("#email", demoLogin(demo, "manager").email);
    await page.fill("#password", demoLogin(demo, "manager").password);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/dashboard$/);
    await page.waitForSelector("#action-plan:not([hidden]) #plan-focus-save");

    // The diagnosis's start-here level is preselected, and marked.
    const start = (await page.locator("#start-level").textContent())!.replace(/ \(.*\)$/, "");
    expect(start).toBe("Waarden en overtuigingen");
    const checked = page.locator("#action-plan input[name=focus]:checked");
    expect(await checked.count()).toBe(1);
    expect(await page.locator("#action-plan label", { has: page.locator("input[value=values]") }).textContent()).toBe(
      "Waarden en overtuigingen (hier beginnen)",
    );

    await page.check("#action-plan input[value=skills]");
    await page.click("#plan-focus-save");
    await page.waitForSelector("#plan-note:text('Focus opgeslagen.')");
    expect(
      await page
        .locator("#action-plan input[name=focus]:checked")
        .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value)),
    ).toEqual(["values", "skills"]);

    await page.fill("#plan-action-title", "Teamgesprekken over klantwaarden");
    await page.selectOption("#plan-action-level", "values");
    await page.fill("#plan-action-owner", "Teamleiders");
    await page.fill("#plan-action-due", "2026-06-30");
    await page.click("#plan-action-submit");
    await page.waitForSelector("#plan-actions tbody tr");
    await page.fill("#plan-action-title", "Intervisie op uitzonderingen");
    await page.selectOption("#plan-action-level", "skills");
    await page.fill("#plan-action-owner", "HR-adviseur");
    await page.click("#plan-action-submit");
    await page.waitForFunction(() => document.querySelectorAll("#plan-actions tbody tr").length === 2);
    // The first is under way now.
    await page.locator("#plan-actions tbody tr").first().locator("select").selectOption("in_progress");
    await page.waitForFunction(
      () =>
        (document.querySelector("#plan-actions tbody tr select") as HTMLSelectElement | null)?.value === "in_progress",
    );
    const rows = await page
      .locator("#plan-actions tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 4).map((td) => td.textContent)));
    expect(rows).toEqual([
      ["Teamgesprekken over klantwaarden", "Waarden en overtuigingen", "Teamleiders", "30 juni 2026"],
      ["Intervisie op uitzonderingen", "Vaardigheden", "HR-adviseur", "geen datum"],
    ]);

    await page.click("#share-create");
    await page.waitForSelector("#share-link");
    link = await page.locator("#share-link").inputValue();
    expect(link).toMatch(new RegExp(`^${h.url.replace(/[.]/g, "\\.")}/summary#[A-Za-z0-9_-]{43}$`));
    expect(await page.locator("#share-revoke").isVisible()).toBe(true);
    await page.locator("#action-plan").scrollIntoViewIfNeeded();
    await screenshot(page, "action-plan");
    await page.locator("#action-plan").screenshot({ path: "test-results/screenshots/action-plan-section.png" });
    expect(await serious(page)).toEqual([]);

    // In English the section follows at once.
    await page.click("[data-lang=en]");
    expect(await page.locator("#plan-title").textContent()).toBe("Action plan");
    expect(await page.locator("#plan-actions tbody tr").first().locator("td").nth(1).textContent()).toBe(
      "Values and beliefs",
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("an anonymous visitor reads the summary on a 360 px phone, in Dutch and English", async () => {
    expect(link).not.toBe("");
    const context = await h.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: "nl-NL",
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(link);
    page.setDefaultTimeout(5000);
    await page.waitForSelector("#content:not([hidden])");
    expect(await context.cookies()).toEqual([]);
    expect(await page.locator("#title").textContent()).toBe(demo.campaign.title);
    expect(await page.locator("#organisation").textContent()).toBe("Woonstichting De Linde");
    expect(await page.locator("#start-level").textContent()).toBe("Waarden en overtuigingen (verdeeld)");
    expect(await page.locator("#start-explanation").textContent()).toMatch(/^Begin bij waarden en overtuigingen/);
    expect(await page.locator("#levels li").count()).toBe(7);
    expect(await page.locator("#levels li.start").textContent()).toContain("hier beginnen");
    expect(await page.locator("#focus").textContent()).toBe(
      "We richten ons op: waarden en overtuigingen, vaardigheden.",
    );
    const actions = page.locator("#actions li");
    expect(await actions.count()).toBe(2);
    expect(await actions.first().textContent()).toBe(
      "Teamgesprekken over klantwaardenWaarden en overtuigingen · Eigenaar: Teamleiders · Klaar op: 30 juni 2026 · bezig",
    );
    // Nothing sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, "summary-phone-nl");
    expect(await serious(page)).toEqual([]);

    await page.click("[data-lang=en]");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("#start-level").textContent()).toBe("Values and beliefs (divided)");
    expect(await page.locator("#start-explanation").textContent()).toMatch(/^Start at values and beliefs/);
    expect(await actions.first().textContent()).toBe(
      "Teamgesprekken over klantwaardenValues and beliefs · Owner: Teamleiders · Due: 30 June 2026 · in progress",
    );
    expect(await page.locator("#about").textContent()).toContain(`at least ${demo.campaign.k} colleagues`);
    await screenshot(page, "summary-phone-en");
    expect(await serious(page)).toEqual([]);

    // Printed, the page drops its buttons and keeps every section.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".topbar").isHidden()).toBe(true);
    expect(await page.locator("#actions li").count()).toBe(2);

    // A wrong link says so, in the page's language.
    await page.emulateMedia({ media: "screen" });
    await page.goto(`${h.url}/summary#not-a-real-link`);
    await page.waitForSelector("#message:text('This link does not work')");
    expect(await page.locator("#content").isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the summary on a 1366 × 900 desktop, in Dutch and English: axe finds nothing serious, and a screenshot of each", async () => {
    expect(link).not.toBe("");
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(link);
    await page.waitForSelector("#content:not([hidden])");
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");
    expect(await page.locator("#start-level").textContent()).toBe("Waarden en overtuigingen (verdeeld)");
    expect(await page.locator("#levels li").count()).toBe(7);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await screenshot(page, "summary-desktop-nl");
    expect(await serious(page)).toEqual([]);

    await page.click("[data-lang=en]");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("#start-level").textContent()).toBe("Values and beliefs (divided)");
    expect(await page.locator("#focus").textContent()).toBe("We focus on: values and beliefs, skills.");
    await screenshot(page, "summary-desktop-en");
    expect(await serious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a manager revokes the link, and it stops working", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${h.url}/login`);
    await page.fill("#email", demoLogin(demo, "manager").email);
    await page.fill("#password", demoLogin(demo, "manager").password);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/dashboard$/);
    await page.waitForSelector("#share-revoke");
    // The token is not stored: the page says a link exists, and cannot show it again.
    expect(await page.locator("#share-link").count()).toBe(0);
    expect(await page.locator("#plan-share").textContent()).toContain("Er is een link sinds");
    await page.click("#share-revoke");
    await page.waitForSelector("#plan-note:text('Link ingetrokken')");
    expect(await page.locator("#share-revoke").count()).toBe(0);
    const visitor = await context.newPage();
    await visitor.goto(link);
    await visitor.waitForSelector("#message:text('Deze link werkt niet')");
    await context.close();
  });

  it("beside a later round, the previous round's actions and how their levels moved since, in Dutch and English", async () => {
    const earlier = earlierRound();
    const { context, page, errors } = await managerPage();
    // No earlier round has a plan yet: nothing beside the trend.
    expect(await page.locator("#plan-previous").count()).toBe(0);

    // The 2025 round gets a plan: its suggested focus plus competencies, and one action.
    await openRound(page, earlier.id, earlier.title);
    await page.check("#action-plan input[value=competencies]");
    await page.click("#plan-focus-save");
    await page.waitForSelector("#plan-note:text('Focus opgeslagen.')");
    const focus = await page
      .locator("#action-plan input[name=focus]:checked")
      .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
    expect(focus).toContain("competencies");
    await page.fill("#plan-action-title", "Klantwaarden in het inwerkprogramma");
    await page.selectOption("#plan-action-level", "competencies");
    await page.fill("#plan-action-owner", "Afdeling HR");
    await page.click("#plan-action-submit");
    await page.waitForSelector("#plan-actions tbody tr");

    // Back to 2026: the 2025 plan's actions, per focus level, beside the change between the rounds.
    await openRound(page, demo.campaign.id, demo.campaign.title);
    const previous = page.locator("#plan-previous");
    await previous.waitFor();
    expect(await previous.locator("h3").textContent()).toBe(
      `Acties van de vorige ronde (${earlier.title}) naast de ontwikkeling`,
    );
    const moves = previous.locator(".plan-move");
    expect(await moves.count()).toBe(focus.length);
    // The action sits under its level (found by the action, so the same block is read in English below).
    const competencies = moves.filter({ hasText: "Klantwaarden in het inwerkprogramma" });
    expect(await competencies.count()).toBe(1);
    expect(await competencies.locator("h4").textContent()).toBe("Competenties");
    const nlVerdict =
      /^Toen \d+(\.\d+)? → Nu \d+(\.\d+)? · Verandering: [+-]?\d+(\.\d+)? \((verbeterd|verslechterd|geen significante verandering|significant, maar klein|niet vergelijkbaar: .+)\)$/;
    for (const line of await moves.locator(".trend-label").allTextContents()) expect(line).toMatch(nlVerdict);
    await screenshot(page, "action-plan-previous-nl");

    // In English, at once.
    await page.click("[data-lang=en]");
    expect(await previous.locator("h3").textContent()).toBe(
      `Actions of the previous round (${earlier.title}) beside the change since`,
    );
    expect(await competencies.locator("h4").textContent()).toBe("Competencies");
    const enVerdict =
      /^Then \d+(\.\d+)? → Now \d+(\.\d+)? · Change: [+-]?\d+(\.\d+)? \((improved|declined|no significant change|significant, but small|not comparable: .+)\)$/;
    for (const line of await moves.locator(".trend-label").allTextContents()) expect(line).toMatch(enVerdict);
    expect(await competencies.locator(".plan-actions li").textContent()).toContain("Owner: Afdeling HR");
    // The earlier round itself has nothing before it.
    await openRound(page, earlier.id, earlier.title);
    expect(await page.locator("#plan-previous").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the plan's messages follow the language, and the server's refusals are said in words", async () => {
    const { context, page, errors } = await managerPage();
    const note = page.locator("#plan-note");

    // A saved message is kept as what it says, not as Dutch text: it follows a language switch.
    await page.click("#plan-focus-save");
    await page.waitForSelector("#plan-note:text('Focus opgeslagen.')");
    await page.click("[data-lang=en]");
    expect(await note.textContent()).toBe("Focus saved.");

    // The server's refusals by code, in the page's language (never its English message).
    const refuse = (code: string, status: number) => (route: Route) =>
      route.request().method() === "GET"
        ? route.continue()
        : route.fulfill({
            status,
            contentType: "application/json",
            body: JSON.stringify({ error: { code, message: `English server text for ${code}` } }),
          });
    await page.route("**/action-plan/actions", refuse("too_many_actions", 409));
    await page.fill("#plan-action-title", "Nog een actie");
    await page.fill("#plan-action-owner", "Teamleiders");
    await page.click("#plan-action-submit");
    await expect
      .poll(() => note.textContent())
      .toBe("Not saved: the plan already holds the maximum of 40 actions. Finish or remove one first.");
    await page.click("[data-lang=nl]");
    expect(await note.textContent()).toBe(
      "Niet opgeslagen: het plan heeft al het maximum van 40 acties. Rond er een af of verwijder er een.",
    );
    await page.unroute("**/action-plan/actions");
    for (const [code, status, nl] of [
      [
        "forbidden",
        403,
        "Niet opgeslagen: u leest dit plan; de adviseur of een manager van de hele organisatie past het aan.",
      ],
      [
        "invalid_request",
        400,
        "Niet opgeslagen: controleer de velden (actie en eigenaar zijn verplicht, de datum moet bestaan).",
      ],
    ] as const) {
      await page.route("**/action-plan", refuse(code, status));
      await page.click("#plan-focus-save");
      await expect.poll(() => note.textContent()).toBe(nl);
      await page.unroute("**/action-plan");
    }
    for (const [code, en] of [
      [
        "too_small",
        "This round has fewer than k respondents: nothing of it is published, so there is no summary to share.",
      ],
      ["results_not_released", "This round's results are not released yet: a plan follows once it closes."],
    ] as const) {
      await page.route("**/summary-link", refuse(code, 409));
      await page.click("[data-lang=en]");
      await page.click("#share-create");
      await expect.poll(() => note.textContent()).toBe(en);
      await page.unroute("**/summary-link");
    }
    // No connection: said so, and nothing thrown.
    await page.route("**/action-plan", (route) =>
      route.request().method() === "GET" ? route.continue() : route.abort("internetdisconnected"),
    );
    await page.click("#plan-focus-save");
    await expect.poll(() => note.textContent()).toBe("No connection to the server: nothing was saved. Try again.");
    await page.click("[data-lang=nl]");
    expect(await note.textContent()).toBe(
      "Geen verbinding met de server: er is niets opgeslagen. Probeer het opnieuw.",
    );
    await page.unroute("**/action-plan");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a slow answer for the round left behind is dropped: neither its link nor its message lands under the next round", async () => {
    const earlier = earlierRound();
    const { context, page, errors } = await managerPage();
    const note = page.locator("#plan-note");
    let answerLink = () => {};
    const linkHeld = new Promise<void>((resolve) => (answerLink = resolve));
    await page.route("**/summary-link", async (route) => {
      await linkHeld;
      await route.fulfill({
        status: 201,
        contentType: "application/json",
        body: JSON.stringify({ link: `${h.url}/summary#${"A".repeat(43)}` }),
      });
    });
    let answerFocus = () => {};
    const focusHeld = new Promise<void>((resolve) => (answerFocus = resolve));
    await page.route("**/action-plan", async (route) => {
      if (route.request().method() === "GET") return route.continue();
      await focusHeld;
      await route.fulfill({
        status: 403,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "forbidden", message: "…" } }),
      });
    });
    await page.click("#share-create");
    await page.click("#plan-focus-save");
    await openRound(page, earlier.id, earlier.title);
    const settled = Promise.all([
      page.waitForEvent("requestfinished", (r) => r.url().endsWith("/summary-link")),
      page.waitForEvent("requestfinished", (r) => r.url().endsWith("/action-plan") && r.method() === "PUT"),
    ]);
    answerLink();
    answerFocus();
    await settled;
    // Whatever the page would do with the answers has had its turn.
    await page.waitForTimeout(300);
    expect(await page.locator("#share-link").count()).toBe(0);
    expect(await note.textContent()).toBe("");
    expect(await page.locator("#title").textContent()).toBe(earlier.title);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the action-plan section on a 360 × 740 phone in English: axe finds nothing serious, nothing wider than the screen", async () => {
    const { context, page, errors } = await managerPage({
      viewport: { width: 360, height: 740 },
      locale: "en-GB",
      isMobile: true,
      hasTouch: true,
    });
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    const section = page.locator("#action-plan");
    expect(await page.locator("#plan-title").textContent()).toBe("Action plan");
    // Its parts: focus, actions with their form, the previous round beside the trend, sharing.
    for (const part of ["#plan-focus-save", "#plan-actions", "#plan-action-form", "#plan-previous", "#plan-share"])
      expect(await section.locator(part).count(), part).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const box = (await section.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: "test-results/screenshots/action-plan-phone-en.png" });
    expect(await serious(page, "#action-plan")).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
