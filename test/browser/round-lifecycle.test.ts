/**
 * A round's life in the consultant workspace, in real Chromium on a phone and a desktop, in Dutch
 * and English: changing a draft and a running round, the code sheet per language with a QR code
 * and a pre-filled link per code, the response rate's basis, upload problems all at once in plain
 * words, and a preview of an instrument. axe-core finds nothing serious or critical.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page, Route } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { unitLine } from "../../src/domain/units.js";
import { findCampaignById, listCampaigns } from "../../src/storage/campaigns.js";
import { countResponses } from "../../src/storage/responses.js";
import { chromiumPath } from "../helpers/browser.js";
import { pdfPages } from "../helpers/pdf.js";
import { startBrowserHarness } from "../helpers/server.js";
import { completeSurvey, screenshot } from "../helpers/survey.js";
import { demoLogin } from "../helpers/test-app.js";

let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let demo: DemoResult;

beforeAll(async () => {
  // PUBLIC_URL names "localhost" while the consultant's browser works on 127.0.0.1: printed links
  // must carry the server's address for staff, not the consultant's.
  if (chromiumPath)
    h = await startBrowserHarness(
      async (t) => void (demo = await seedDemo(t.db, t.instruments, t.clock.now)),
      {},
      { publicHost: "localhost" },
    );
});
afterAll(() => h?.close());

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1366, height: 900 };

async function workspace(
  viewport: { width: number; height: number },
  lang: "nl" | "en",
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await h.browser.newContext({ viewport, locale: lang === "nl" ? "nl-NL" : "en-GB" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const account = demoLogin(demo, "consultant");
  await page.goto(`${h.url}/login`);
  await page.fill("#email", account.email);
  await page.fill("#password", account.password);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`${h.url}/workspace`);
  await page.waitForSelector("#portfolio .org-row");
  await page.click(`[data-lang=${lang}]`);
  return { context, page, errors };
}

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const rowOf = (page: Page, title: string) => page.locator("#portfolio tbody tr", { hasText: title });

describe.skipIf(!chromiumPath)("changing a round in the workspace", () => {
  it("changes a draft's title, dates, contact, k, comments' k, code requirement and headcount (desktop, Dutch)", async () => {
    const { context, page, errors } = await workspace(DESKTOP, "nl");
    page.on("dialog", (d) => void d.accept());
    await page.selectOption("#campaign-organisation", { label: "Verzekeraar Polis & Co" });
    await page.fill("#campaign-title", "Concept 2027");
    await page.fill("#campaign-departments", "Schade\nAcceptatie");
    await page.fill("#campaign-opens", "2027-01-11");
    await page.fill("#campaign-closes", "2027-02-05");
    await page.click("#campaign-form button[data-status=draft]");
    await rowOf(page, "Concept 2027").waitFor();

    await rowOf(page, "Concept 2027").getByRole("button", { name: "Wijzigen: Concept 2027" }).click();
    expect(await page.locator("#new-title").textContent()).toBe("Ronde wijzigen: Concept 2027");
    expect(await page.inputValue("#campaign-title")).toBe("Concept 2027");
    expect(await page.inputValue("#campaign-departments")).toBe("Schade\nAcceptatie");
    expect(await page.inputValue("#campaign-k")).toBe("5");
    expect(await page.inputValue("#campaign-k-comments")).toBe("10");
    expect(await page.locator("#campaign-title").isDisabled()).toBe(false);
    await page.fill("#campaign-title", "Nulmeting 2027");
    await page.fill("#campaign-departments", "Schade\nAcceptatie\nKlantenservice");
    await page.fill("#campaign-k", "6");
    await page.fill("#campaign-k-comments", "12");
    await page.fill("#campaign-contact", "Mila Jansen, 06-11223344");
    await page.fill("#campaign-headcount", "120");
    await page.check("#campaign-code");
    await page.fill("#campaign-opens", "2027-01-18");
    await page.fill("#campaign-closes", "2027-02-12");
    await screenshot(page, "workspace-edit-draft");
    expect(await serious(page)).toEqual([]);
    await page.click("#campaign-save");
    await expect.poll(() => page.locator("#message").textContent()).toBe("\u2018Nulmeting 2027\u2019 is gewijzigd.");
    const row = rowOf(page, "Nulmeting 2027");
    await expect.poll(() => row.textContent()).toContain("2027-01-18 – 2027-02-12");
    expect(await row.textContent()).toContain("concept");
    // Back to a new round, and what was stored is what was typed.
    expect(await page.locator("#new-title").textContent()).toBe("Nieuwe organisatie of ronde");
    const id = (await row.getByRole("link", { name: "Rapport" }).getAttribute("href"))!.split("=")[1]!;
    expect(await findCampaignById(h.t.db, decodeURIComponent(id))).toMatchObject({
      title: "Nulmeting 2027",
      k: 6,
      kComments: 12,
      contact: "Mila Jansen, 06-11223344",
      expectedHeadcount: 120,
      requireCode: true,
      opensOn: "2027-01-18",
      closesOn: "2027-02-12",
      units: { department: [{ value: "Schade" }, { value: "Acceptatie" }, { value: "Klantenservice" }] },
    });

    // Settings that do not fit together are refused with every reason, and nothing is stored.
    await row.getByRole("button", { name: "Wijzigen: Nulmeting 2027" }).click();
    await page.fill("#campaign-k", "3");
    await page.fill("#campaign-k-comments", "3");
    await page.fill("#campaign-closes", "2027-01-01");
    await page.click("#campaign-save");
    await expect.poll(() => page.locator("#message").textContent()).toContain("Niet opgeslagen:");
    const message = (await page.locator("#message").textContent())!;
    expect(message).toContain(
      "Minimale groep (k) voor resultaten: een ronde met codes toont resultaten per afdeling en heeft daarom k van minstens 5 nodig",
    );
    expect(message).toContain("Sluit op: ligt vóór de openingsdatum");
    expect(await findCampaignById(h.t.db, decodeURIComponent(id))).toMatchObject({ k: 6, closesOn: "2027-02-12" });
    await page.click("#campaign-cancel");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("on a phone in English, changes only what a running round allows: its closing date and contact", async () => {
    const running = demo.openRound;
    const { context, page, errors } = await workspace(PHONE, "en");
    await rowOf(page, running.title)
      .getByRole("button", { name: `Change: ${running.title}` })
      .click();
    expect(await page.locator("#new-title").textContent()).toBe(`Change round: ${running.title}`);
    expect(await page.locator("#campaign-edit-note").textContent()).toContain("This round is running");
    for (const id of [
      "#campaign-title",
      "#campaign-departments",
      "#campaign-instrument",
      "#campaign-k",
      "#campaign-k-comments",
    ]) {
      expect(await page.locator(id).isDisabled(), id).toBe(true);
    }
    expect(await page.locator("#campaign-closes").isDisabled()).toBe(false);
    // It opened three days ago: moving its opening date is refused, in words. The page translates
    // the refusal's code, not the server's English: reworded messages change nothing on the page.
    const reword = async (route: Route) => {
      if (route.request().method() !== "PATCH") return route.fallback();
      const response = await route.fetch();
      const body = await response.json();
      for (const detail of body.error?.details ?? []) detail.message = "reworded by a newer server";
      await route.fulfill({ response, json: body });
    };
    await page.route("**/api/campaigns/*", reword);
    await page.fill("#campaign-opens", "2026-03-09");
    await page.click("#campaign-save");
    await expect
      .poll(() => page.locator("#message").textContent())
      .toBe("Not saved: Opens on: the round has opened already.");
    await page.unroute("**/api/campaigns/*", reword);
    await page.fill("#campaign-opens", running.opensOn!);
    await page.fill("#campaign-closes", "2026-04-30");
    await page.fill("#campaign-contact", "HR desk, hr@baken.example");
    await screenshot(page, "workspace-edit-running-phone");
    expect(await serious(page)).toEqual([]);
    await page.click("#campaign-save");
    await expect
      .poll(() => page.locator("#message").textContent())
      .toBe(`\u2018${running.title}\u2019 has been changed.`);
    expect(await findCampaignById(h.t.db, running.id)).toMatchObject({
      title: running.title,
      closesOn: "2026-04-30",
      contact: "HR desk, hr@baken.example",
      status: "open",
    });
    // A closed round offers no change.
    const closed = demo.rounds.find((r) => r.campaign.status === "closed")!.campaign;
    expect(
      await rowOf(page, closed.title)
        .first()
        .getByRole("button", { name: /^Change/ })
        .count(),
    ).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!chromiumPath)("a new round's structure", () => {
  it("starts from the organisation's newest round, follows the organisation chosen, and leaves what the consultant typed (desktop, Dutch)", async () => {
    const { context, page, errors } = await workspace(DESKTOP, "nl");
    const newest = async (name: string) => {
      const organisation = (
        await h.t.client.execute({ sql: "select id from organisations where name = ?", args: [name] })
      ).rows[0]!.id;
      const [round] = await listCampaigns(h.t.db, [String(organisation)]);
      return round!;
    };
    const report = page.locator("#campaign-structure-report");
    for (const name of ["Zorggroep Het Baken", "Verzekeraar Polis & Co"]) {
      await page.selectOption("#campaign-organisation", { label: name });
      const round = await newest(name);
      // The newest round's departments, one per line, with their headcounts where it has them.
      expect((await page.inputValue("#campaign-departments")).split("\n")).toEqual(
        (round.units.department ?? []).map(unitLine),
      );
      expect(await report.textContent()).toBe(
        `Structuur overgenomen van ‘${round.title}’: pas aan wat sindsdien veranderd is.`,
      );
    }
    // What the consultant typed stays when the organisation changes.
    await page.fill("#campaign-departments", "Eigen afdeling");
    await page.selectOption("#campaign-organisation", { label: "Zorggroep Het Baken" });
    expect(await page.inputValue("#campaign-departments")).toBe("Eigen afdeling");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!chromiumPath)("a round's structure from an HR export", () => {
  it("lists every problem of a bad file and fills nothing; reads a good one into the fields; the round keeps its roles and headcounts (phone, English)", async () => {
    const { context, page, errors } = await workspace(PHONE, "en");
    const file = (text: string) => ({ name: "hr-export.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    const before = await page.inputValue("#campaign-departments");
    await page.setInputFiles("#campaign-structure-file", file("Name;Department;Count\nPiet;;2\nAnna;Care;two\n"));
    const report = page.locator("#campaign-structure-report");
    await expect.poll(() => report.textContent()).toContain("2 problem(s)");
    expect(await report.locator("li").allTextContents()).toEqual([
      "Line 2: no department.",
      "Line 3: ‘two’ is not a whole number.",
    ]);
    expect(await page.inputValue("#campaign-departments")).toBe(before);

    // One row per employee, names and numbers beside the groupings: only the groupings are read.
    const rows = [
      "Personeelsnummer;Naam;Afdeling;Functie;Diensttijd",
      "1;Jansen;Zorg A;Verpleegkundige;1-3 jaar",
      "2;Bos;Zorg A;Verpleegkundige;10+ jaar",
      "3;Smit;Zorg A;Arts;1-3 jaar",
      "4;Visser;Zorg B;Verpleegkundige;1-3 jaar",
      "5;Mulder;Zorg B;Verpleegkundige;1-3 jaar",
    ];
    await page.setInputFiles("#campaign-structure-file", file(rows.join("\n")));
    await expect.poll(() => report.textContent()).toContain("Read: 5 staff in 2 departments, 2 roles and 2 groups.");
    expect(await report.textContent()).toContain("Ignored: Personeelsnummer, Naam.");
    expect(await page.inputValue("#campaign-departments")).toBe("Zorg A; 3\nZorg B; 2");
    expect(await page.inputValue("#campaign-roles")).toBe("Verpleegkundige; 4\nArts; 1");
    expect(await page.inputValue("#campaign-tenure")).toBe("1-3 jaar; 4\n10+ jaar; 1");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await page.selectOption("#campaign-organisation", { label: "Verzekeraar Polis & Co" });
    await page.fill("#campaign-title", "Zorg 2027");
    await page.click("#campaign-form button[data-status=draft]");
    await rowOf(page, "Zorg 2027").waitFor();
    const id = (await h.t.client.execute("select id from campaigns where title = 'Zorg 2027'")).rows[0]!.id;
    const round = (await findCampaignById(h.t.db, String(id)))!;
    expect(round.units.role).toEqual([
      { value: "Verpleegkundige", label: { nl: "Verpleegkundige", en: "Verpleegkundige" }, headcount: 4 },
      { value: "Arts", label: { nl: "Arts", en: "Arts" }, headcount: 1 },
    ]);
    // Nothing of the file beyond the groupings reached the server.
    expect(JSON.stringify(round)).not.toContain("Jansen");

    // Opened for a change, the form shows the round's structure as it was read.
    await rowOf(page, "Zorg 2027").getByRole("button", { name: "Change: Zorg 2027" }).click();
    expect(await page.inputValue("#campaign-roles")).toBe("Verpleegkundige; 4\nArts; 1");
    await page.click("#campaign-cancel");
    expect(await serious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!chromiumPath)("a round's structure with locations", () => {
  it("reads a location column into 'Locatie > Afdeling' lines; the saved round has its locations with their staff (desktop, Dutch)", async () => {
    const { context, page, errors } = await workspace(DESKTOP, "nl");
    const file = (text: string) => ({ name: "hr-export.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    const rows = ["Vestiging;Afdeling;Aantal", "Utrecht;Keuken;4", "Utrecht;Receptie;3", "Zeist;Keuken;5"];
    await page.setInputFiles("#campaign-structure-file", file(rows.join("\n")));
    const report = page.locator("#campaign-structure-report");
    await expect.poll(() => report.textContent()).toContain("Locaties: 2.");
    // A department in two locations is two departments, each named with its location.
    expect(await page.inputValue("#campaign-departments")).toBe(
      "Utrecht > Keuken (Utrecht); 4\nUtrecht > Receptie; 3\nZeist > Keuken (Zeist); 5",
    );
    await page.selectOption("#campaign-organisation", { label: "Verzekeraar Polis & Co" });
    await page.fill("#campaign-title", "Vestigingen 2027");
    await page.click("#campaign-form button[data-status=draft]");
    await rowOf(page, "Vestigingen 2027").waitFor();
    const id = (await h.t.client.execute("select id from campaigns where title = 'Vestigingen 2027'")).rows[0]!.id;
    const round = (await findCampaignById(h.t.db, String(id)))!;
    expect(round.units.location?.map((u) => [u.value, u.headcount])).toEqual([
      ["Utrecht", 7],
      ["Zeist", 5],
    ]);
    expect(round.units.department?.map((u) => u.location)).toEqual(["Utrecht", "Utrecht", "Zeist"]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!chromiumPath)("the response rate's basis", () => {
  it("keeps a headcount entered for a round on codes, rates on it and says so, with the codes beside it (desktop, Dutch, then English)", async () => {
    const polis = demo.rounds.find((r) => r.campaign.requireCode && r.campaign.status === "open")!.campaign;
    const { context, page, errors } = await workspace(DESKTOP, "nl");
    const row = rowOf(page, polis.title);
    // No headcount yet: the 150 codes stand in, and the row says why.
    expect(await row.textContent()).toContain("62% (93 van 150 codes; geen aantal medewerkers ingevoerd)");
    await row.getByRole("button", { name: `Wijzigen: ${polis.title}` }).click();
    await page.fill("#campaign-headcount", "300");
    await page.click("#campaign-save");
    // 93 of the 300 staff entered, not of the 150 codes; the codes' own count stays in view.
    await expect
      .poll(() => row.textContent())
      .toContain("31% (93 van 300 medewerkers, zoals ingevoerd) · 93 van 150 codes gebruikt");
    expect(await page.locator("#rate-note").textContent()).toContain("nooit door het aantal codes vervangen");
    await row.getByRole("button", { name: `Wijzigen: ${polis.title}` }).click();
    expect(await page.inputValue("#campaign-headcount")).toBe("300");
    await page.click("#campaign-cancel");
    await page.click("[data-lang=en]");
    expect(await row.textContent()).toContain("31% (93 of 300 staff, as entered) · 93 of 150 codes used");
    expect((await findCampaignById(h.t.db, polis.id))!.expectedHeadcount).toBe(300);
    await screenshot(page, "workspace-response-rate-basis");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!chromiumPath)("the code sheet", () => {
  it("prints each code in the staff's language with a QR code and a personal link that opens the survey with the code accepted", async () => {
    const polis = demo.rounds.find((r) => r.campaign.requireCode && r.campaign.status === "open")!.campaign;
    // The consultant works in Dutch; the round's staff read English.
    const { context, page, errors } = await workspace(DESKTOP, "nl");
    await page.selectOption("#codes-campaign", polis.id);
    await page.fill("#codes-count", "3");
    await page.click("#codes-form button[type=submit]");
    await page.waitForSelector("#codes-result:not([hidden])");
    const codes = await page.locator("#codes-list li").allTextContents();
    expect(codes).toHaveLength(3);
    await page.check("input[name=sheet-lang][value=en]");
    await page.check("input[name=sheet-layout][value=cards]");
    expect(await serious(page)).toEqual([]);
    await page.evaluate(() => document.body.classList.add("print-codes"));
    await page.emulateMedia({ media: "print" });
    const cards = page.locator("#code-sheet.layout-cards .code-card");
    await expect.poll(() => cards.count()).toBe(3);
    const host = new URL(h.publicUrl).host;
    expect(host).not.toBe(new URL(page.url()).host);
    const links: string[] = [];
    for (const [i, code] of codes.entries()) {
      const card = cards.nth(i);
      expect(await card.getAttribute("data-code")).toBe(code);
      expect(await card.locator("h2").textContent()).toBe(`Your personal access code — ${polis.title}`);
      expect(await card.locator(".code").textContent()).toBe(code);
      const link = (await card.locator(".code-link").textContent())!;
      expect(link).toBe(`${host}/s/${polis.token}#code=${code}`);
      expect(`http://${link}`.startsWith(`${h.publicUrl}/s/`)).toBe(true);
      links.push(link);
      expect(await card.textContent()).not.toContain("toegangscode");
      // A QR code per card, drawn in the browser: exactly the symbol of this card's full link.
      const qr = card.locator("svg.qr");
      expect(await qr.count()).toBe(1);
      expect(await qr.getAttribute("aria-label")).toBe(`QR: ${link}`);
      expect(await qr.isVisible()).toBe(true);
      const expected = await QRCode.toString(`${h.publicUrl}/s/${polis.token}#code=${code}`, {
        type: "svg",
        errorCorrectionLevel: "M",
        margin: 1,
      });
      const drawn = await qr.evaluate((svg) => [...svg.querySelectorAll("path")].map((p) => p.getAttribute("d")));
      expect(drawn).toEqual([...expected.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]));
      // …which is the link's symbol and no other: the modules of the exact link, not of another card's.
      const modules = QRCode.create(`${h.publicUrl}/s/${polis.token}#code=${code}`, {
        errorCorrectionLevel: "M",
      }).modules;
      expect(await qr.getAttribute("viewBox")).toBe(`0 0 ${modules.size + 2} ${modules.size + 2}`);
    }
    // Cut-out size: a bank card, 85.6 × 54 mm.
    const box = (await cards.first().boundingBox())!;
    expect(Math.round((box.width / 96) * 25.4)).toBe(86);
    expect(Math.round((box.height / 96) * 25.4)).toBe(54);
    await screenshot(page, "code-cards-english-print");
    // Both languages on one card, Dutch first.
    await page.emulateMedia({ media: "screen" });
    await page.check("input[name=sheet-lang][value=both]");
    await page.emulateMedia({ media: "print" });
    await expect
      .poll(() => cards.first().locator("h2").textContent())
      .toBe(`Je persoonlijke toegangscode · Your personal access code — ${polis.title}`);
    expect(
      await cards
        .first()
        .locator(".code-how")
        .evaluateAll((ps) => ps.map((p) => p.getAttribute("lang"))),
    ).toEqual(["nl", "en"]);
    // Staff are addressed with "je", as the survey does: never "u" or "uw" on a card.
    expect(await cards.first().locator(".code-how[lang=nl]").textContent()).toBe(
      "Scan de QR-code met je telefoon of typ de link over: de code staat er al in. Zonder link: open de vragenlijst en vul de code in. De code werkt één keer en is niet aan je antwoorden gekoppeld.",
    );
    const dutch = [
      await cards.first().locator("h2").textContent(),
      await cards.first().locator(".code-how[lang=nl]").textContent(),
    ].join(" ");
    expect(dutch).not.toMatch(/\b[Uu]w?\b/);
    await page.emulateMedia({ media: "screen" });
    expect(errors).toEqual([]);
    await context.close();

    // Each printed link, typed into a phone, opens the survey with its own code filled in and accepted.
    const phone = await h.browser.newContext({ viewport: PHONE, locale: "en-GB", hasTouch: true });
    for (const [i, link] of links.entries()) {
      const survey = await phone.newPage();
      await survey.goto(`http://${link}`);
      await survey.waitForSelector("#code-form:not([hidden])");
      expect(await survey.inputValue("#access-code")).toBe(codes[i]);
      expect(survey.url()).not.toContain("#code="); // gone from the address bar and history
      await survey.click("#code-form button[type=submit]");
      await survey.waitForSelector(".sd-question");
      if (i === 0) {
        const before = await countResponses(h.t.db, polis.id);
        await completeSurvey(survey);
        await expect
          .poll(() => survey.locator("#status-text").textContent(), { timeout: 10_000 })
          .toContain("Thank you");
        expect(await countResponses(h.t.db, polis.id)).toBe(before + 1);
      }
      await survey.close();
    }
    await phone.close();
  });
});

describe.skipIf(!chromiumPath)("printed pages", () => {
  /** Each page's margins in whole mm: left, top, right, bottom. */
  const margins = (pdf: Buffer) =>
    pdfPages(pdf).map((p) => {
      const a = p.area!;
      const [w, h] = [(p.width * 25.4) / 72, (p.height * 25.4) / 72];
      return [a.left, a.top, w - a.left - a.width, h - a.top - a.height].map(Math.round);
    });

  it("keeps the code sheet's 10 mm margins and the report's 16 / 12 mm apart, on the same stylesheet", async () => {
    const polis = demo.rounds.find((r) => r.campaign.requireCode && r.campaign.status === "open")!.campaign;
    const { context, page, errors } = await workspace(DESKTOP, "nl");
    await page.selectOption("#codes-campaign", polis.id);
    await page.fill("#codes-count", "12");
    await page.click("#codes-form button[type=submit]");
    await expect.poll(() => page.locator("#code-sheet .code-card svg.qr").count()).toBe(12);
    await page.evaluate(() => document.body.classList.add("print-codes"));
    const sheet = margins(await page.pdf({ preferCSSPageSize: true }));
    expect(sheet.length).toBeGreaterThanOrEqual(1);
    for (const m of sheet) expect(m).toEqual([10, 10, 10, 10]);

    // The report, printed from the dashboard that loads the same stylesheet: its own margins.
    await page.evaluate(() => document.body.classList.remove("print-codes"));
    await page.goto(`${h.url}/dashboard?campaign=${encodeURIComponent(demo.campaign.id)}`);
    await page.waitForSelector(".staircase li.start");
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const report = pdfPages(pdf);
    expect(report.length).toBeGreaterThanOrEqual(2);
    for (const m of margins(pdf)) expect(m).toEqual([12, 16, 12, 16]);
    expect(report[0]!.text).toMatch(/pagina 1 van \d+/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!chromiumPath)("uploading and previewing an instrument", () => {
  /** A small instrument with three things wrong, in three questions. */
  const broken = () => ({
    instrumentId: "snelle-scan",
    title: { nl: "Snelle scan", en: "Quick scan" },
    pages: [
      {
        name: "p1",
        elements: [
          {
            type: "rating",
            name: "waarden_1",
            title: { nl: "We delen dezelfde waarden.", en: "We share the same values." },
            rateMin: 1,
            rateMax: 5,
            isRequired: true,
          },
          {
            type: "rating",
            name: "waarden_2",
            level: "values",
            title: { nl: "Alleen Nederlands" },
            rateMin: 1,
            rateMax: 5,
            isRequired: true,
          },
          {
            type: "text",
            name: "personeelsnummer",
            title: { nl: "Personeelsnummer", en: "Employee number" },
            isRequired: true,
          },
        ],
      },
    ],
  });

  it("lists every problem at once in plain Dutch on a phone, in English after a switch, and previews the fixed upload without storing anything", async () => {
    const { context, page, errors } = await workspace(PHONE, "nl");
    await page.fill("#upload-json", JSON.stringify(broken()));
    await page.click("#upload-form button[type=submit]");
    await expect.poll(() => page.locator("#upload-problems li").count()).toBe(3);
    expect(await page.locator("#upload-result").textContent()).toBe(
      "Niet opgeslagen: 3 problemen gevonden. Los ze op en upload opnieuw.",
    );
    const dutch = await page.locator("#upload-problems li").allTextContents();
    expect(dutch[0]).toBe(
      'Vraag "waarden_2": de titel heeft zowel "nl" als "en" nodig, of één "default"-tekst: vul de ontbrekende taal aan.',
    );
    expect(dutch[1]).toMatch(
      /^Vraag "waarden_1": een beoordelingsvraag hoort bij precies één bekend niveau .*voeg "level" toe met een van mission, identity, values/,
    );
    expect(dutch[2]).toMatch(/^Vraag "personeelsnummer": alleen vragen die de methode gebruikt zijn toegestaan/);
    // No English JSON paths: every line names its question in words.
    expect(dutch.some((line) => line.includes("$.pages"))).toBe(false);
    await screenshot(page, "workspace-upload-problems-phone");
    expect(await serious(page)).toEqual([]);
    await page.click("[data-lang=en]");
    expect(await page.locator("#upload-problems li").first().textContent()).toBe(
      'Question "waarden_2": its title needs both "nl" and "en", or a "default" text: add the missing language.',
    );
    expect(await page.locator("#upload-result").textContent()).toBe(
      "Not stored: 3 problems found. Fix them and upload again.",
    );
    expect(await page.locator("#instruments tbody").textContent()).not.toContain("snelle-scan");

    const fixed = broken();
    Object.assign(fixed.pages[0]!.elements[0]!, { level: "values" });
    fixed.pages[0]!.elements[1]!.title = { nl: "Alleen Nederlands", en: "English too" };
    fixed.pages[0]!.elements.pop();
    await page.fill("#upload-json", JSON.stringify(fixed));
    await page.click("#upload-form button[type=submit]");
    await expect
      .poll(() => page.locator("#upload-result").textContent())
      .toMatch(/^Stored as snelle-scan, version 1\./);
    expect(await page.locator("#upload-problems").isHidden()).toBe(true);
    await expect.poll(() => page.locator("#instruments tbody").textContent()).toContain("snelle-scan");

    // The preview reads; it writes nothing.
    const writes: string[] = [];
    page.on("request", (r) => void (r.method() !== "GET" && writes.push(`${r.method()} ${r.url()}`)));
    await page.locator("#upload-result").getByRole("button", { name: "Preview" }).click();
    const dialog = page.locator("#instrument-preview");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.locator("#preview-title").textContent()).toBe("Preview: Quick scan · v1");
    expect(await dialog.locator("h3").allTextContents()).toEqual(["Values and beliefs · 2 items"]);
    expect(await dialog.locator("tbody td[lang=nl]").allTextContents()).toEqual([
      "We delen dezelfde waarden.",
      "Alleen Nederlands",
    ]);
    expect(await dialog.locator("tbody td[lang=en]").allTextContents()).toEqual([
      "We share the same values.",
      "English too",
    ]);
    expect(await serious(page)).toEqual([]);
    await screenshot(page, "workspace-instrument-preview-phone");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(writes).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("previews the built-in instrument from the list, grouped by level and decision factor, in Dutch and English (desktop)", async () => {
    const { context, page, errors } = await workspace(DESKTOP, "nl");
    const before = await page.locator("#instruments tbody tr").count();
    await page.getByRole("button", { name: "Bekijken: customer-centricity v3" }).click();
    const dialog = page.locator("#instrument-preview");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const headings = await dialog.locator("h3").allTextContents();
    expect(headings.slice(0, 8)).toEqual([
      "Uitkomst (0–10)",
      expect.stringMatching(/^Missie · \d+ vragen$/),
      expect.stringMatching(/^Identiteit · \d+ vragen$/),
      expect.stringMatching(/^Waarden en overtuigingen · \d+ vragen$/),
      expect.stringMatching(/^Competenties · \d+ vragen$/),
      expect.stringMatching(/^Vaardigheden · \d+ vragen$/),
      expect.stringMatching(/^Gedrag · \d+ vragen$/),
      expect.stringMatching(/^Context/),
    ]);
    expect(headings).toContain("Beslisfactoren");
    // The decision climate's scales by the names the dashboard's report gives them (one source, the items' own wording).
    expect(headings).toEqual(
      expect.arrayContaining([
        "Beslisklimaat: Ruimte om af te wijken",
        "Beslisklimaat: Angst om afgerekend te worden",
        "Beslisklimaat: Uitzondering alleen als het voor iedereen kan",
      ]),
    );
    // The decision factors, in both languages, side by side.
    const factors = dialog.locator("table").nth(headings.indexOf("Beslisfactoren"));
    expect(await factors.locator("td[lang=nl]").allTextContents()).toContain("• Het beleid van de organisatie");
    expect(await factors.locator("td[lang=en]").allTextContents()).toContain("• The organisation's policy");
    // Its desired-state and reverse-keyed items are marked.
    expect(await dialog.textContent()).toContain("gewenste situatie");
    expect(await dialog.textContent()).toContain("omgekeerd gescoord");
    expect(await serious(page)).toEqual([]);
    await screenshot(page, "workspace-instrument-preview");
    await page.click("#preview-close");
    await expect.poll(() => dialog.isVisible()).toBe(false);
    // Focus returns to the button that opened it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Bekijken: customer-centricity v3",
    );
    expect(await page.locator("#instruments tbody tr").count()).toBe(before);
    expect(errors).toEqual([]);
    await context.close();
  });
});
