/**
 * A consultant's workspace in real Chromium: the demo's three clients are too few for a
 * benchmark, and the pages say so; with two more clients the consultant publishes a norm set and
 * compares organisations against it; read a trend, issue codes and watch the response rate move
 * when an employee uses one, upload an instrument; and the manager's dashboard with the
 * benchmark line (the other organisations only), trend and desired state.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { campaignDefaults } from "../../src/domain/campaign.js";
import { findUserByEmail } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { schema } from "../../src/storage/database.js";
import { countResponses } from "../../src/storage/responses.js";
import { canvasHasInk, chromiumPath, logIn } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { completeSurvey, screenshot } from "../helpers/survey.js";
import { demoLogin, loginCookie, postJson, validAnswers } from "../helpers/test-app.js";

let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let demo: DemoResult;

beforeAll(async () => {
  if (chromiumPath)
    h = await startBrowserHarness(async (t) => void (demo = await seedDemo(t.db, t.instruments, t.clock.now)));
});
afterAll(() => h?.close());

async function login(context: BrowserContext, account: { email: string; password: string }): Promise<Page> {
  const page = await context.newPage();
  await logIn(page, h.url, account);
  return page;
}

const watchErrors = (page: Page) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
};

/** Another client of the demo consultant, with a round of five respondents, closed and released. */
async function addReleasedClient(name: string, rating: number): Promise<void> {
  const { t } = h;
  const consultant = (await findUserByEmail(t.db, demo.accounts.consultant.email))!;
  const organisation = await createOrganisation(t.db, name, consultant.id);
  const round = await createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales"]),
    organisationId: organisation.id,
    title: `${name} 2026`,
    status: "open",
  });
  for (let i = 0; i < 5; i++) {
    const res = await postJson(t.app, `/api/s/${round.token}/responses`, {
      submissionId: crypto.randomUUID(),
      answers: { ...validAnswers(t.instrument, rating), department: "Sales" },
    });
    expect(res.status).toBe(201);
  }
  const cookie = await loginCookie(t.app, demoLogin(demo, "consultant").email, demoLogin(demo, "consultant").password);
  expect((await postJson(t.app, `/api/campaigns/${round.id}/close`, {}, { cookie })).status).toBe(200);
}

describe.skipIf(!chromiumPath)("consultant workspace in Chromium", () => {
  const comparedRounds = [
    "Woonstichting De Linde – Medewerkersonderzoek klantgerichtheid 2026",
    "Zorggroep Het Baken – Klantgerichtheid in de zorg 2026",
    "Verzekeraar Polis & Co – Klantbeleving medewerkers 2025",
    "Verzekeraar Polis & Co – Klantbeleving medewerkers 2026",
  ];

  it("says there is no benchmark yet with three clients, on the dashboard, in the workspace and in a comparison", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "nl-NL" });
    const page = await login(context, demoLogin(demo, "consultant"));
    const errors = watchErrors(page);
    await page.goto(`${h.url}/dashboard?campaign=${demo.campaign.id}`);
    await page.waitForSelector(".staircase li.start");
    expect(await page.locator(".staircase .benchmark-tick").count()).toBe(0);
    expect(await page.locator("#benchmark-note").textContent()).toContain(
      "Nog geen benchmark: publiceer in de werkruimte een normset",
    );
    await page.click("#workspace-link");
    await page.waitForURL(/\/workspace$/);
    await expect.poll(() => page.locator("#norm-next").textContent()).toContain("nu zijn dat er 3");
    expect(await page.locator("#norm-status").textContent()).toBe(
      "Nog geen benchmark: er is nog geen normset gepubliceerd.",
    );
    expect(await page.locator("#publish-norms").isDisabled()).toBe(true);
    for (const name of comparedRounds) await page.getByLabel(`Vergelijk: ${name}`).check();
    await page.click("#compare-button");
    await page.waitForSelector("#comparison:not([hidden])");
    expect(await page.locator("#benchmark-note").textContent()).toContain("Nog geen benchmark");
    expect(await page.locator("#comparison-table thead th").allTextContents()).not.toContain("Benchmark");
    const mission = await page.locator("#comparison-table tbody tr").first().locator("td").allTextContents();
    expect(mission.slice(1).every((cell) => /^\d+(\.\d)?$/.test(cell))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows in the portfolio whether a client's managers see the benchmark line, and stores a change of it", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "nl-NL" });
    const page = await login(context, demoLogin(demo, "consultant"));
    const errors = watchErrors(page);
    const { email, password } = demoLogin(demo, "consultant");
    const cookie = await loginCookie(h.t.app, email, password);
    const stored = async () => {
      const res = await h.t.app.request("/api/organisations", { headers: { cookie } });
      const list = (await res.json()) as { id: string; benchmarkForManagers?: boolean }[];
      return list.find((o) => o.id === demo.organisationId)!.benchmarkForManagers;
    };
    const before = await stored();
    expect(typeof before).toBe("boolean");
    await page.goto(`${h.url}/workspace`);
    const box = page.locator("#portfolio .org-row", { hasText: "Woonstichting De Linde" }).getByRole("checkbox");
    await expect.poll(() => box.isChecked()).toBe(before);
    await box.setChecked(!before);
    await expect.poll(stored).toBe(!before);
    // Back as it was, for the manager's dashboard further on; the box follows a reload.
    await page.reload();
    await expect.poll(() => box.isChecked()).toBe(!before);
    await box.setChecked(before!);
    await expect.poll(stored).toBe(before);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("publishes a norm set once five clients have released rounds, and compares three organisations against it, with percentiles, alpha and trends", async () => {
    await addReleasedClient("Gemeente Noordkust", 3);
    await addReleasedClient("Bank Zuidwal", 4);
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "nl-NL" });
    const page = await login(context, demoLogin(demo, "consultant"));
    const errors = watchErrors(page);
    await page.click("#workspace-link");
    await page.waitForURL(/\/workspace$/);
    await page.waitForSelector("#portfolio .org-row");
    expect(await page.locator("#portfolio .org-row").allTextContents()).toEqual([
      expect.stringContaining("Bank Zuidwal"),
      expect.stringContaining("Gemeente Noordkust"),
      expect.stringContaining("Verzekeraar Polis & Co"),
      expect.stringContaining("Woonstichting De Linde"),
      expect.stringContaining("Zorggroep Het Baken"),
    ]);
    await expect
      .poll(() => page.locator("#norm-next").textContent())
      .toBe("5 organisaties komen in aanmerking: u kunt de eerste normset publiceren.");
    await page.click("#publish-norms");
    await expect.poll(() => page.locator("#message").textContent()).toBe("Normset gepubliceerd: 5 organisaties.");
    expect(await page.locator("#norm-status").textContent()).toBe(
      "Huidige benchmark: normset van 10 maart 2026, het gemiddelde van 5 organisaties (5 rondes, één per organisatie). Rapporten en vergelijkingen gebruiken deze set tot u een nieuwe publiceert.",
    );
    expect(await page.locator("#norm-table tbody tr").count()).toBe(7);
    // Nothing new since: the next set would be refused, so it is not offered.
    expect(await page.locator("#norm-next").textContent()).toContain("nu zijn dat er 0");
    expect(await page.locator("#publish-norms").isDisabled()).toBe(true);
    await page.click("[data-lang=en]");
    expect(await page.locator("#publish-norms").textContent()).toBe("Publish norm set");
    expect(await page.locator("#norm-status").textContent()).toContain("norm set of 10 March 2026");
    await page.click("[data-lang=nl]");
    for (const name of comparedRounds) await page.getByLabel(`Vergelijk: ${name}`).check();
    await page.click("#compare-button");
    await page.waitForSelector("#comparison:not([hidden])");
    expect(await page.locator("#benchmark-note").textContent()).toContain(
      "normset van 10 maart 2026, het gemiddelde van 5 organisaties",
    );
    // The insurer's running round has no results yet, and says so.
    expect(await page.locator("#comparison-excluded").textContent()).toContain(
      "Klantbeleving medewerkers 2026 (loopt nog, resultaten na sluiting)",
    );
    const head = await page.locator("#comparison-table thead th").allTextContents();
    // Columns in portfolio order.
    expect(head).toEqual([
      "Niveau",
      expect.stringContaining("Polis"),
      expect.stringContaining("De Linde"),
      expect.stringContaining("Het Baken"),
      "Benchmark",
    ]);
    expect(await page.locator("#comparison-table tbody tr").first().locator("td").last().textContent()).toBe(
      String(await page.locator("#norm-table tbody tr").first().locator("td").last().textContent()),
    );
    // Mission row: each round's score with its percentile, and the benchmark.
    const mission = await page.locator("#comparison-table tbody tr").first().locator("td").allTextContents();
    expect(mission[0]).toBe("Missie");
    expect(mission.slice(1, 4).every((cell) => /^\d+(\.\d)? \(P\d+\)$/.test(cell))).toBe(true);
    expect(await page.locator("#comparison-start").textContent()).toContain("Competenties (zwak)");
    expect(await page.locator("#comparison-quality").textContent()).toContain("⚠");
    expect(await page.locator("#comparison-desired").textContent()).toMatch(/\d+(\.\d)? → \d+(\.\d)? \(\+\d+/);
    // Charts stand next to their tables: the profile chart is drawn.
    expect(await page.locator("#profiles").evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0)).toBe(true);

    await page.selectOption("#trend-organisation", { label: "Woonstichting De Linde" });
    await expect.poll(() => page.locator("#trend-charts figcaption").first().textContent()).toBe("Missie · verbeterd");
    expect(await page.locator("#trend-charts figure").count()).toBe(7);
    // Each level's chart is drawn by the trend view once its canvas is on the page.
    const minis = await page.locator("#trend-charts canvas").all();
    expect(minis).toHaveLength(7);
    await expect.poll(() => Promise.all(minis.map((c) => c.evaluate(canvasHasInk)))).toEqual(minis.map(() => true));
    expect(await minis[0]!.getAttribute("aria-label")).toMatch(/^Missie: \d+(\.\d)? → .*, verbeterd$/);
    expect(await page.locator("#trend-table").textContent()).toContain("geen significante verandering");
    // Raw and Holm-adjusted p side by side, and the rule with the minimum change from the server.
    expect(await page.locator("#trend-table th").allTextContents()).toEqual([
      "Niveau",
      "Van",
      "Naar",
      "Verandering",
      "p",
      "p (Holm)",
      "Oordeel",
    ]);
    expect(await page.locator("#trend-note").textContent()).toContain(
      "Holm-correctie over de niveaus van die stap (p < 0,05) én minstens 5 punten",
    );
    await screenshot(page, "workspace-comparison");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("issues codes; the response rate moves when an employee uses one; the sheet prints", async () => {
    const polis = demo.rounds.find((r) => r.campaign.requireCode && r.campaign.status === "open")!.campaign;
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "nl-NL" });
    const page = await login(context, demoLogin(demo, "consultant"));
    const errors = watchErrors(page);
    await page.goto(`${h.url}/workspace`);
    await page.waitForSelector("#portfolio .org-row");
    const polisRow = page.locator("#portfolio tbody tr", { hasText: "Klantbeleving medewerkers 2026" });
    expect(await polisRow.textContent()).toContain("62% (93 van 150 codes; geen aantal medewerkers ingevoerd)");
    await page.selectOption("#codes-campaign", polis.id);
    await page.fill("#codes-count", "2");
    await page.click("#codes-form button[type=submit]");
    await page.waitForSelector("#codes-result:not([hidden])");
    const codes = await page.locator("#codes-list li").allTextContents();
    expect(codes).toHaveLength(2);
    expect(await page.locator("#codes-summary").textContent()).toContain("In totaal 152 uitgegeven, 93 gebruikt");
    await expect.poll(() => polisRow.textContent()).toContain("61.2% (93 van 152 codes;");

    await page.evaluate(() => document.body.classList.add("print-codes"));
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".code-card").count()).toBe(2);
    expect(await page.locator(".code-card").first().isVisible()).toBe(true);
    expect(await page.locator("main").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });

    // An employee opens a personal link carrying the code, on a phone.
    const phone = await h.browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: "nl-NL",
      hasTouch: true,
    });
    const survey = await phone.newPage();
    const surveyErrors = watchErrors(survey);
    await survey.goto(`${h.url}/s/${polis.token}#code=${codes[0]!.toLowerCase()}`);
    await survey.waitForSelector("#code-form:not([hidden])");
    expect(await survey.inputValue("#access-code")).toBe(codes[0]!.toLowerCase());
    expect(survey.url()).not.toContain("code="); // the fragment is removed from the address bar and history
    await survey.click("#code-form button[type=submit]");
    await survey.waitForSelector(".sd-question");
    await completeSurvey(survey);
    await expect.poll(() => survey.locator("#status-text").textContent(), { timeout: 10_000 }).toContain("Dank je wel");
    expect(surveyErrors).toEqual([]);
    // The same code a second time is refused before any question is shown.
    const again = await phone.newPage();
    await again.goto(`${h.url}/s/${polis.token}`);
    await again.fill("#access-code", codes[0]!);
    await again.click("#code-form button[type=submit]");
    await expect.poll(() => again.locator("#code-error").textContent()).toBe("Deze code is al gebruikt.");
    expect(await again.locator(".sd-question").count()).toBe(0);
    await phone.close();

    expect(await countResponses(h.t.db, polis.id)).toBe(94);
    // Live counts are held for half a minute (the page showed this round already): let them age.
    h.t.clock.now = new Date(h.t.clock.now.getTime() + 31_000);
    await page.reload();
    const row = page.locator("#portfolio tbody tr", { hasText: "Klantbeleving medewerkers 2026" });
    await expect.poll(() => row.textContent()).toContain("61.8% (94 van 152 codes;");
    expect(await row.textContent()).toContain("na sluiting");

    // While it runs, its dashboard shows participation and says why, not results. Live counts are
    // refreshed every 30 seconds (the login above showed this round already): let them age.
    h.t.clock.now = new Date(h.t.clock.now.getTime() + 31_000);
    await page.goto(`${h.url}/dashboard?campaign=${polis.id}`);
    await page.waitForSelector("#participation:not([hidden])");
    expect(await page.locator("#participation h2").textContent()).toBe("Deze ronde loopt nog");
    expect(await page.locator("#participation").textContent()).toContain("94 respondenten tot nu toe");
    expect(await page.locator("#results").isHidden()).toBe(true);
    expect(await page.locator("#csv").isHidden()).toBe(true);
    await screenshot(page, "dashboard-running-round");

    // Closing is final, so the consultant confirms it; the results are released at once.
    await page.goto(`${h.url}/workspace`);
    const dialogs: string[] = [];
    page.once("dialog", (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await page
      .locator("#portfolio tbody tr", { hasText: "Klantbeleving medewerkers 2026" })
      .getByRole("button", { name: "Sluiten en vrijgeven" })
      .click();
    // Closing computes the release before it answers: on a busy machine that takes more than the poll's default second.
    await expect
      .poll(() => page.locator("#portfolio tbody tr", { hasText: "Klantbeleving medewerkers 2026" }).textContent(), {
        timeout: 10_000,
      })
      .toContain("gesloten");
    expect(dialogs[0]).toContain("definitief");
    await page.goto(`${h.url}/dashboard?campaign=${polis.id}`);
    await page.waitForSelector(".staircase li.start");
    expect(await page.locator("#participation").isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("uploads an instrument from pasted JSON and shows why a broken one is refused", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "en-GB" });
    const page = await login(context, demoLogin(demo, "consultant"));
    await page.goto(`${h.url}/workspace`);
    await page.waitForSelector("#instruments tbody tr");
    const broken = {
      instrumentId: "quick-scan",
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "rating",
              name: "q1",
              title: { nl: "Vraag", en: "Question" },
              rateMin: 1,
              rateMax: 5,
              isRequired: true,
            },
          ],
        },
      ],
    };
    await page.fill("#upload-json", JSON.stringify(broken));
    await page.click("#upload-form button[type=submit]");
    await expect.poll(() => page.locator("#upload-problems").textContent()).toContain("needs exactly one known level");
    const fixed = structuredClone(broken);
    (fixed.pages[0]!.elements[0] as Record<string, unknown>).level = "values";
    (fixed.pages[0]!.elements as unknown[]).push({
      type: "rating",
      name: "q2",
      level: "values",
      title: { nl: "<img src=x onerror=alert(1)>", en: "Second" },
      rateMin: 1,
      rateMax: 5,
      isRequired: true,
    });
    await page.fill("#upload-json", JSON.stringify(fixed));
    await page.click("#upload-form button[type=submit]");
    await expect.poll(() => page.locator("#upload-result").textContent()).toMatch(/^Stored as quick-scan, version 1\./);
    // It measures values only: the consultant is told where the diagnosis can never start.
    expect(await page.locator("#upload-result").textContent()).toContain(
      "asks nothing about Mission, Identity, Competencies, Skills, Behaviour, Context",
    );
    await expect.poll(() => page.locator("#instruments tbody").textContent()).toContain("quick-scan");
    expect(await page.locator("#campaign-instrument option").allTextContents()).toContain("quick-scan · v1");

    // A round on the upload: its texts render as text, and nothing in them runs.
    await page.selectOption("#campaign-organisation", { label: "Zorggroep Het Baken" });
    await page.fill("#campaign-title", "Quick scan");
    await page.fill("#campaign-departments", "Wijkteams");
    await page.selectOption("#campaign-instrument", "quick-scan@1");
    // Choosing between an open link and codes says what each will publish.
    const openLink = await page.locator("#campaign-code-hint").textContent();
    await page.check("#campaign-code");
    const coded = await page.locator("#campaign-code-hint").textContent();
    expect(openLink).not.toBe(coded);
    expect(`${openLink} ${coded}`.toLowerCase()).toMatch(/(whole|geheel).*(department|afdeling)/);
    await page.uncheck("#campaign-code");
    await page.click("#campaign-form button[data-status=open]");
    await expect.poll(() => page.locator("#message").textContent()).toContain("/s/");
    const link = (await page.locator("#message").textContent())!.match(/http\S+\/s\/\S+/)![0];
    const survey = await context.newPage();
    let dialogs = 0;
    survey.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await survey.goto(link);
    await survey.click("[data-lang=nl]");
    await expect
      .poll(() => survey.locator(".sd-question__title").nth(1).textContent())
      .toContain("<img src=x onerror=alert(1)>");
    expect(await survey.locator("#survey img").count()).toBe(0);
    expect(dialogs).toBe(0);
    await context.close();
  });
});

describe.skipIf(!chromiumPath)("manager dashboard with the consultant's additions", () => {
  it("shows the benchmark line of the other organisations, the trend with its label and the current–desired gap", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await login(context, demoLogin(demo, "manager"));
    const errors = watchErrors(page);
    await page.waitForSelector(".staircase li.start");
    expect(await page.locator(".staircase .benchmark-tick").count()).toBe(7);
    expect(await page.locator(".staircase li").first().getAttribute("title")).toMatch(/benchmark \d+/);
    expect(await page.locator("#benchmark-note").textContent()).toContain(
      "het gemiddelde van de andere organisaties in de normset van uw adviseur",
    );
    await page.waitForSelector("#trend-card:not([hidden])");
    expect(await page.locator("#trend-table").textContent()).toContain("verbeterd");
    await expect.poll(() => page.locator("#trend").evaluate(canvasHasInk)).toBe(true);
    expect(await page.locator("#trend-table th").allTextContents()).toEqual([
      "Niveau",
      "Vorige",
      "Laatste",
      "Verandering",
      "p",
      "p (Holm)",
      "Oordeel",
    ]);
    expect(await page.locator("#trend-note").textContent()).toContain("én minstens 5 punten");
    // One row per level whose current item the instrument repeats as "how it should be".
    const key = h.t.instruments.get(demo.campaign.instrumentId, demo.campaign.instrumentVersion)!.key;
    const mirrored = new Set(
      key.items.flatMap((i) => (i.mirrors ? [key.items.find((x) => x.name === i.mirrors)!.level] : [])),
    );
    expect(await page.locator("#desired-table tbody tr").count()).toBe(mirrored.size);
    expect(await page.locator("#workspace-link").isVisible()).toBe(false);
    await screenshot(page, "dashboard-manager");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!chromiumPath)("a round from draft to open", () => {
  it("saves a round as a draft with its dates, and opens it later from the portfolio", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "nl-NL" });
    const page = await login(context, demoLogin(demo, "consultant") as { email: string; password: string });
    page.on("dialog", (d) => void d.accept());
    await page.goto(`${h.url}/workspace`);
    await page.selectOption("#campaign-organisation", { label: "Verzekeraar Polis & Co" });
    await page.fill("#campaign-title", "Nulmeting 2027");
    await page.fill("#campaign-departments", "Schade\nAcceptatie");
    await page.fill("#campaign-opens", "2027-01-11");
    await page.fill("#campaign-closes", "2027-02-05");
    await page.click("#campaign-form button[data-status=draft]");
    const row = page.locator("tr", { hasText: "Nulmeting 2027" });
    await row.waitFor();
    expect(await row.textContent()).toContain("concept");
    expect(await row.textContent()).toContain("2027-01-11 – 2027-02-05");
    await row.locator("button", { hasText: "Openen" }).click();
    await expect
      .poll(async () => (await page.locator("tr", { hasText: "Nulmeting 2027" }).textContent()) ?? "")
      .toContain("open");
    expect(
      await page.locator("tr", { hasText: "Nulmeting 2027" }).locator("button", { hasText: "Openen" }).count(),
    ).toBe(0);
    await context.close();
  });

  it("names the third grouping the client's way in the round form, keeps it on the round and shows it when the round is changed", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "nl-NL" });
    const page = await login(context, demoLogin(demo, "consultant") as { email: string; password: string });
    await page.goto(`${h.url}/workspace`);
    await page.selectOption("#campaign-organisation", { label: "Verzekeraar Polis & Co" });
    const typed = {
      title: "Per vestiging",
      departments: "Schade\nAcceptatie",
      tenure: "Utrecht\nZwolle",
      "third-label-nl": "Vestiging",
      "third-label-en": "Branch",
      "third-question-nl": "Op welke vestiging werk je?",
      "third-question-en": "Which branch do you work at?",
    };
    for (const [field, value] of Object.entries(typed)) await page.fill(`#campaign-${field}`, value);
    await page.click("#campaign-form button[data-status=draft]");
    const row = page.locator("tr", { hasText: "Per vestiging" });
    await row.waitFor();
    const [stored] = (await h.t.db.select().from(schema.campaigns)).filter((c) => c.title === "Per vestiging");
    expect(JSON.parse(stored!.settings).thirdGrouping).toEqual({
      label: { nl: "Vestiging", en: "Branch" },
      question: { nl: "Op welke vestiging werk je?", en: "Which branch do you work at?" },
    });
    await row.getByRole("button", { name: "Wijzigen: Per vestiging" }).click();
    await expect.poll(() => page.inputValue("#campaign-third-label-nl")).toBe("Vestiging");
    expect(await page.inputValue("#campaign-third-question-en")).toBe("Which branch do you work at?");
    await context.close();
  });
});
