/** A manager logs in and reads the demo report in real Chromium. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { type Campaign, roundUnits } from "../../src/domain/campaign.js";
import { issueCodes } from "../../src/services/access-codes.js";
import { release } from "../../src/services/release.js";
import { updateCampaignSettings } from "../../src/storage/campaigns.js";
import { chromiumPath, logIn } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { screenshot } from "../helpers/survey.js";
import { demoLogin, postJson, validAnswers } from "../helpers/test-app.js";

let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let demo: DemoResult;

let small: Campaign;

beforeAll(async () => {
  if (chromiumPath)
    h = await startBrowserHarness(async (t) => {
      demo = await seedDemo(t.db, t.instruments, t.clock.now);
      // An earlier pilot of the same organisation that closed with two answers: released, below k.
      small = await t.addCampaign({ organisationId: demo.organisationId, title: "Kleine ronde 2024", status: "open" });
      for (let i = 0; i < 2; i++) {
        const answers = { ...validAnswers(t.instrument), department: "Sales" };
        expect(
          (await postJson(t.app, `/api/s/${small.token}/responses`, { submissionId: crypto.randomUUID(), answers }))
            .status,
        ).toBe(201);
      }
      await updateCampaignSettings(t.db, small.id, { opensOn: "2024-01-08", closesOn: "2024-01-31" });
      await release(
        { db: t.db, instruments: t.instruments },
        { ...small, opensOn: "2024-01-08", closesOn: "2024-01-31" },
        t.clock.now,
      );
    });
});
afterAll(() => h?.close());

describe.skipIf(!chromiumPath)("manager dashboard in Chromium", () => {
  it("shows the staircase with start-here, suppressed heatmap cells, the coat-rack headline and the CSV", async () => {
    const context = await h.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "nl-NL",
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${h.url}/dashboard`);
    await page.waitForURL(/\/login$/);
    await page.fill("#email", demoLogin(demo, "manager").email);
    await page.fill("#password", demoLogin(demo, "manager").password);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/dashboard$/);
    await page.waitForSelector(".staircase li.start");

    expect(await page.locator(".staircase li").count()).toBe(7);
    expect(await page.locator(".staircase li").first().textContent()).toContain("Missie");
    expect(await page.locator(".staircase li.start").textContent()).toContain("Waarden en overtuigingen");
    expect(await page.locator("#start-level").textContent()).toBe("Waarden en overtuigingen (verdeeld)");
    expect(await page.locator("#factors-headline").textContent()).toMatch(/^Het hart hangt aan de kapstok/);
    // Which round this is: its status, period, release date and response rate, and a legend for the bars.
    expect(await page.locator("#round-facts").textContent()).toMatch(
      /^gesloten · .+ – .+ · vrijgegeven op .+ · respons \d+(,\d)?%$/,
    );
    expect(await page.locator("#staircase-legend li").count()).toBe(7);
    // The demo's three clients are too few for a norm set: no benchmark line, and nothing said about one to a manager.
    expect(await page.locator(".staircase .benchmark-tick").count()).toBe(0);
    expect(await page.locator("#benchmark-note").isHidden()).toBe(true);

    const rows = page.locator("#heat-department tbody tr");
    expect(await rows.count()).toBe(7);
    const hidden = page.locator("#heat-department tbody tr", { hasText: "minder dan k respondenten" });
    expect(await hidden.count()).toBe(2);
    // Each unit's weak and divided levels are named in the heatmap's text (and marked: hatched, ⇄).
    expect(await page.locator("#heat-department").textContent()).toMatch(/\(onder de drempel, zwak\)/);
    expect(await page.locator("#heat-department").textContent()).toContain("(verdeeld)");
    // The role heatmap and the factor chart are drawn, the chart with its table.
    expect(await page.locator("#heat-role tbody tr").count()).toBe(4);
    for (const canvas of ["#factors"]) {
      expect(
        await page
          .locator(canvas)
          .evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0 && !!c.getAttribute("aria-label")),
      ).toBe(true);
    }
    expect(await page.locator("#factors-table tbody tr").count()).toBeGreaterThanOrEqual(10);
    // The decision climate's scales, named as in the instrument's preview (lib/diagnosis-texts.ts).
    expect(await page.locator("#climate tbody").textContent()).toContain("Geen angst om afgerekend te worden");
    await screenshot(page, "dashboard-report");

    await page.click("[data-lang=en]");
    expect(await page.locator("#start-level").textContent()).toBe("Values and beliefs (divided)");

    const { readFileSync } = await import("node:fs");
    // The spreadsheet CSV follows the page's language; the data CSV is the API's.
    const [excel] = await Promise.all([page.waitForEvent("download"), page.click("#csv")]);
    expect(excel.suggestedFilename()).toMatch(
      /^woonstichting-de-linde_medewerkersonderzoek-klantgerichtheid-2026_\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const sheet = readFileSync(await excel.path(), "utf8");
    expect(sheet.charCodeAt(0)).toBe(0xfeff);
    expect(sheet).toContain("section;group;level;n;score;95% low;95% high;sd;% agree;% disagree;flag");
    expect(sheet).toContain("heatmap;department=Directiesecretariaat;;suppressed");
    const [data] = await Promise.all([page.waitForEvent("download"), page.click("#csv-data")]);
    expect(readFileSync(await data.path(), "utf8")).toContain("heatmap,department=Directiesecretariaat,,suppressed");

    // A filter on any published group: the department's figures, and the page and the print say which,
    // with the dimension's name and the unit's label in the page's language (never the raw ids).
    expect(await page.locator("#applied-filter").isHidden()).toBe(true);
    await page.selectOption("#filter-department", "Klantcontactcentrum");
    await expect.poll(() => page.locator("#respondents").textContent()).toMatch(/^82 /);
    expect(await page.locator("#applied-filter").isVisible()).toBe(true);
    expect(await page.locator("#applied-filter").textContent()).toBe("Filter: department Klantcontactcentrum");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#print-head").textContent()).toContain(
      " · Filter: department Klantcontactcentrum · printed on ",
    );
    await page.emulateMedia({ media: "screen" });
    await page.selectOption("#filter-department", "");
    await page.selectOption("#filter-role", "frontline");
    await expect
      .poll(() => page.locator("#applied-filter").textContent())
      .toBe("Filter: role Frontline (customer contact)");
    expect(await page.locator("#print-head").textContent()).not.toContain("frontline");
    // Switching language says the filter in Dutch at once: the dimension's name and the unit's Dutch label.
    await page.click("[data-lang=nl]");
    expect(await page.locator("#applied-filter").textContent()).toBe("Filter: rol Klantcontact (frontoffice)");
    expect(await page.locator("#print-head").textContent()).toContain(
      " · Filter: rol Klantcontact (frontoffice) · afgedrukt op ",
    );
    expect(await page.title()).toBe(
      "Woonstichting De Linde · Medewerkersonderzoek klantgerichtheid 2026 · rol Klantcontact (frontoffice)",
    );
    await page.click("[data-lang=en]");
    await page.selectOption("#filter-role", "");
    await expect.poll(() => page.locator("#respondents").textContent()).toMatch(new RegExp(`^${demo.responses} `));
    expect(await page.locator("#applied-filter").isHidden()).toBe(true);

    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".topbar").isVisible()).toBe(false);
    // The print says whose round, which filter and when.
    expect(await page.locator("#print-head").isVisible()).toBe(true);
    expect(await page.locator("#print-head").textContent()).toMatch(
      /^Woonstichting De Linde · Medewerkersonderzoek klantgerichtheid 2026 · all respondents · printed on /,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("never leaves a round's figures under another title: a round below k, a refused filter (said in Dutch)", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    await logIn(page, h.url, demoLogin(demo, "manager"));
    await page.waitForSelector(".staircase li.start");
    // The round below k: its title, a message, and no staircase or heatmap of the round before.
    expect(await page.title()).toBe(`Woonstichting De Linde · ${demo.campaign.title}`);
    await page.selectOption("#campaign", small.id);
    await expect.poll(() => page.locator("#title").textContent()).toBe("Kleine ronde 2024");
    await page.waitForSelector("#results", { state: "hidden" });
    expect(await page.locator("#message").textContent()).toContain("minder dan 5 respondenten");
    // The tab's title (the PDF's proposed file name) names this round, not the one before.
    expect(await page.title()).toBe("Woonstichting De Linde · Kleine ronde 2024");
    expect(await page.locator(".staircase li:visible").count()).toBe(0);
    // Nor its heatmaps, or a print header naming the round before.
    expect(await page.locator("#heat-department table").count()).toBe(0);
    expect(await page.locator("#print-head").textContent()).toBe("");
    // Back to the released round, then a filter the server refuses: the figures go, the reason is Dutch.
    await page.selectOption("#campaign", demo.campaign.id);
    await page.waitForSelector(".staircase li.start");
    await page.route("**/report?dimension=*filter*", (route) =>
      route.fulfill({
        status: 422,
        contentType: "application/json",
        body: JSON.stringify({
          error: {
            code: "filter_refused",
            message: "This filter is refused to protect anonymity: …",
            details: [{ path: "filter", message: "hidden_unit" }],
          },
        }),
      }),
    );
    await page.selectOption("#filter-role", "management");
    await expect
      .poll(() => page.locator("#message").textContent())
      .toContain("Dit filter wordt geweigerd om de anonimiteit te beschermen");
    await page.waitForSelector("#results", { state: "hidden" });
    expect(await page.locator("#applied-filter").textContent()).toBe("Filter: rol Management / directie");
    // The refusal follows a language switch, like everything else on the page.
    await page.click("[data-lang=en]");
    expect(await page.locator("#message").textContent()).toBe(
      "This filter is refused to protect anonymity: this group is hidden, because together with what is shown it would tell the answers of fewer than k people.",
    );
    expect(await page.locator("#applied-filter").textContent()).toBe("Filter: role Management");
    // Another round with the refused filter still chosen: its title heads the page (and the tab), not the round before.
    await page.selectOption("#campaign", small.id);
    await expect.poll(() => page.locator("#title").textContent()).toBe("Kleine ronde 2024");
    expect(await page.title()).toBe("Woonstichting De Linde · Kleine ronde 2024");
    expect(await page.locator("#message").textContent()).toContain("This filter is refused");
    expect(await page.locator("#results").isHidden()).toBe(true);
    expect(await page.locator("#print-head").textContent()).toBe("");
    await context.close();
  });

  it("shows an open-link round's release for the round as a whole, says why, and offers no breakdown", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${h.url}/login`);
    await page.fill("#email", demoLogin(demo, "consultant").email);
    await page.fill("#password", demoLogin(demo, "consultant").password);
    await page.click("button[type=submit]");
    // Hold /api/me back: a choice made while the page is still loading must still count.
    let releaseMe = () => {};
    const meHeld = new Promise<void>((resolve) => (releaseMe = resolve));
    await page.route("**/api/me", async (route) => {
      await meHeld;
      await route.continue();
    });
    await page.waitForURL(/\/dashboard$/);
    const baken = await page.locator("#organisation option", { hasText: "Het Baken" }).getAttribute("value");
    await page.selectOption("#organisation", baken!);
    const closed = await page
      .locator("#campaign option", { hasText: "Klantgerichtheid in de zorg 2026" })
      .getAttribute("value");
    await page.selectOption("#campaign", closed!);
    releaseMe();
    await page.waitForSelector("#whole-round:not([hidden])");
    expect(await page.locator("#whole-round").textContent()).toContain("open link");
    expect(await page.locator(".staircase li").count()).toBe(7);
    expect(await page.locator("#heat-department").isVisible()).toBe(false);
    expect(await page.locator("#filter-role").isVisible()).toBe(false);
    // Back to a coded round: breakdowns return.
    await page.selectOption(
      "#organisation",
      (await page.locator("#organisation option", { hasText: "De Linde" }).getAttribute("value")) as string,
    );
    await page.waitForSelector("#whole-round", { state: "hidden" });
    await page.waitForSelector("#heat-department", { state: "visible" });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("names the third grouping's filter the client's way, in either language, and tenure again for another round", async () => {
    // A running round whose third grouping is the client's own: locations. The organisation's newest, so the dashboard opens it.
    const located = await h.t.addCampaign({
      organisationId: demo.organisationId,
      title: "Per locatie",
      status: "open",
      units: roundUnits({ departments: ["Sales"], tenure: ["Noord", "Zuid"] }),
      thirdGrouping: {
        label: { nl: "Locatie", en: "Location" },
        question: { nl: "Op welke locatie werk je?", en: "Where do you work?" },
      },
    });
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    await logIn(page, h.url, demoLogin(demo, "manager"));
    const caption = page.locator("label:has(#filter-tenure) [data-t]");
    const firstOption = page.locator("#filter-tenure option").first();
    await page.selectOption("#campaign", demo.campaign.id);
    await expect.poll(() => caption.textContent()).toBe("Diensttijd");
    await page.selectOption("#campaign", located.id);
    await expect.poll(() => caption.textContent()).toBe("Locatie");
    expect(await firstOption.textContent()).toBe("Locatie: alle");
    expect(await page.locator("#filter-tenure option").allTextContents()).toEqual(["Locatie: alle", "Noord", "Zuid"]);
    await page.click('[data-lang="en"]');
    await expect.poll(() => caption.textContent()).toBe("Location");
    expect(await firstOption.textContent()).toBe("Location: all");
    await page.selectOption("#campaign", demo.campaign.id);
    await expect.poll(() => caption.textContent()).toBe("Tenure");
    await context.close();
  });

  it("offers a location filter and heatmap where departments lie in locations; a location and a department are one choice", async () => {
    // A released round on codes (so it publishes breakdowns) whose departments lie in two locations.
    const units = roundUnits({
      departments: [
        { name: "Zorg", location: "Noord" },
        { name: "Facilitair", location: "Noord" },
        { name: "Poli", location: "Zuid" },
      ],
    });
    const nested = await h.t.addCampaign({
      organisationId: demo.organisationId,
      title: "Per vestiging",
      status: "open",
      requireCode: true,
      units,
    });
    const counts = { Zorg: 8, Facilitair: 6, Poli: 7 };
    const codes = await issueCodes(h.t.db, nested, 21);
    let i = 0;
    for (const [department, n] of Object.entries(counts))
      for (let j = 0; j < n; j++, i++) {
        const answers = { ...validAnswers(h.t.instrument, 1 + (i % 5)), department, role: "frontline" };
        const body = { submissionId: crypto.randomUUID(), accessCode: codes[i], answers };
        expect((await postJson(h.t.app, `/api/s/${nested.token}/responses`, body)).status).toBe(201);
      }
    await release({ db: h.t.db, instruments: h.t.instruments }, nested, h.t.clock.now);

    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    await logIn(page, h.url, demoLogin(demo, "manager"));
    // The demo round has no locations: no location filter, no location heatmap.
    await page.selectOption("#campaign", demo.campaign.id);
    await expect.poll(() => page.locator("#heat-department table").count()).toBe(1);
    expect(await page.locator("label:has(#filter-location)").isHidden()).toBe(true);
    expect(await page.locator("section:has(#heat-location)").isHidden()).toBe(true);

    await page.selectOption("#campaign", nested.id);
    await expect.poll(() => page.locator("#heat-location table").count()).toBe(1);
    expect(await page.locator("#filter-location option").allTextContents()).toEqual(["Elke locatie", "Noord", "Zuid"]);
    const rowText = await page.locator("#heat-location tbody th").allTextContents();
    expect(rowText.map((text) => text.trim())).toEqual(expect.arrayContaining(["Noord", "Zuid"]));
    // Choosing a location clears the department and role, and the other way round: the plan has no group of both.
    await page.selectOption("#filter-department", "Poli");
    await page.selectOption("#filter-role", "frontline");
    await expect.poll(() => page.locator("#applied-filter").textContent()).toContain("Poli");
    await page.selectOption("#filter-location", "Noord");
    await expect.poll(() => page.locator("#applied-filter").textContent()).toContain("Noord");
    expect(await page.locator("#filter-department").inputValue()).toBe("");
    expect(await page.locator("#filter-role").inputValue()).toBe("");
    // A location's departments are its breakdown.
    await expect
      .poll(async () => (await page.locator("#heat-department tbody th").allTextContents()).map((s) => s.trim()))
      .toEqual(["Zorg", "Facilitair"]);
    await expect
      .poll(() => page.locator("#respondents").textContent())
      .toContain(String(counts.Zorg + counts.Facilitair));
    await context.close();
  });
});
