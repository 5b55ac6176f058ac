/**
 * The dashboard's charts, as a manager reads them in real Chromium on a phone (360 × 740) and a
 * desktop (1366 × 900), in Dutch and English: the level bars on one baseline with the "weak"
 * threshold marked, heatmaps on a colour-blind-safe scale that shows the threshold, a factor
 * chart with whole labels and a legend that matches its bars, and the print/PDF report on A4
 * with the round's header line and page numbers on every page. Positions, colours and contrasts
 * are measured in the page, the threshold read from the report the page was given.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { chromiumPath, logIn } from "../helpers/browser.js";
import { pdfPages } from "../helpers/pdf.js";
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

async function openDashboard(viewport: { width: number; height: number }, lang: "nl" | "en"): Promise<Page> {
  const context = await h.browser.newContext({ viewport, locale: lang === "nl" ? "nl-NL" : "en-GB" });
  const page = await context.newPage();
  page.on("pageerror", (e) => {
    throw e;
  });
  await logIn(page, h.url, demoLogin(demo, "manager"));
  await page.waitForSelector(".staircase li.start");
  await page.waitForSelector("#heat-role table.heatmap");
  return page;
}

/** The threshold of the round on the page, as the report API gives it to the page. */
const weakBelowOf = (page: Page) =>
  page.evaluate(
    async (id) =>
      (
        (await (await fetch(`/api/campaigns/${id}/report?dimension=department`)).json()) as {
          campaign: { thresholds: { weakBelow: number } };
        }
      ).campaign.thresholds.weakBelow,
    demo.campaign.id,
  );

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Colours as [r, g, b] 0–255 from a computed CSS colour. */
const RGB = /rgba?\((\d+), (\d+), (\d+)/;
const rgbOf = (css: string) => RGB.exec(css)!.slice(1, 4).map(Number) as [number, number, number];

/** WCAG contrast ratio of two colours. */
function contrast(a: [number, number, number], b: [number, number, number]): number {
  const lum = (c: [number, number, number]) => {
    const [r, g, bl] = c.map((x) => x / 255).map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** A colour as seen with full deuteranopia or protanopia (Machado, Oliveira & Fernandes 2009, severity 1), on linear RGB. */
const CVD = {
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
};
function simulate(c: [number, number, number], m: number[][]): [number, number, number] {
  const lin = c.map((x) => x / 255).map((x) => (x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
  const out = m.map((row) => row.reduce((s, k, i) => s + k * lin[i]!, 0)).map((x) => Math.max(0, Math.min(1, x)));
  return out.map((x) => 255 * (x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055)) as [
    number,
    number,
    number,
  ];
}

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1366, height: 900 },
];

describe.skipIf(!chromiumPath)("dashboard charts in Chromium", () => {
  for (const viewport of VIEWPORTS) {
    for (const lang of ["nl", "en"] as const) {
      it(`${viewport.width} px, ${lang}: level bars on one baseline with the threshold line, a colour-blind-safe heatmap, a factor chart with whole labels`, async () => {
        const page = await openDashboard(viewport, lang);
        const weakBelow = await weakBelowOf(page);

        // 1. Every level bar starts at the same x on a track of the same length; fill = score on 0–100; the threshold line at weakBelow.
        const bars = await page.$$eval(".staircase li", (items) =>
          items.map((li) => {
            const track = li.querySelector(".bar")!.getBoundingClientRect();
            const fill = li.querySelector(".fill")!.getBoundingClientRect();
            const line = li.querySelector(".threshold")!.getBoundingClientRect();
            return {
              left: track.left,
              width: track.width,
              fillLeft: fill.left,
              fill: fill.width,
              line: line.left + line.width / 2,
              score: Number(li.querySelector("strong")!.textContent),
              text: li.textContent!,
              title: (li as HTMLElement).title,
            };
          }),
        );
        expect(bars).toHaveLength(7);
        for (const bar of bars) {
          expect(bar.left).toBeCloseTo(bars[0]!.left, 1);
          expect(bar.width).toBeCloseTo(bars[0]!.width, 1);
          expect(bar.fillLeft).toBeCloseTo(bar.left, 1);
          expect(Math.abs(bar.fill - (bar.score / 100) * bar.width)).toBeLessThan(0.6 * (bar.width / 100) + 0.5);
          expect(Math.abs(bar.line - (bar.left + (weakBelow / 100) * bar.width))).toBeLessThan(1.5);
          // Margin and spread are in the tooltip and the table, not printed under every bar.
          expect(bar.text).not.toMatch(/95%|SD /);
          expect(bar.title).toMatch(/^95%: [\d.]+–[\d.]+ · SD \d/);
        }
        expect(bars[0]!.width).toBeGreaterThan(viewport.width > 1000 ? 250 : 150);
        expect(await page.locator("#staircase-legend").textContent()).toContain(
          lang === "nl" ? `drempel ‘zwak’: ${weakBelow}` : `‘weak’ threshold: ${weakBelow}`,
        );
        const levelTable = await page.locator("#staircase-table tbody tr").allTextContents();
        expect(levelTable).toHaveLength(7);
        expect(levelTable.every((row) => /\d+–\d+/.test(row))).toBe(true);

        // 2. Heatmaps: diverging at the threshold (warm below, cool above), also under deuteranopia and protanopia;
        //    below the threshold hatched; every number at least 4.5 : 1 against its cell.
        const cells = await page.$$eval("table.heatmap td.cell[data-score]", (tds) =>
          tds.map((td) => {
            const chip = td.querySelector(".chip")!;
            const cs = getComputedStyle(td);
            return {
              score: Number((td as HTMLElement).dataset.score),
              text: chip.textContent!,
              background: getComputedStyle(chip).backgroundColor,
              ink: getComputedStyle(chip).color,
              hatch: cs.backgroundImage,
            };
          }),
        );
        expect(cells.length).toBeGreaterThan(30);
        expect(cells.some((c) => c.score < weakBelow)).toBe(true);
        expect(cells.some((c) => c.score >= weakBelow + 5)).toBe(true);
        expect(cells.some((c) => c.text.includes("⇄"))).toBe(true);
        for (const c of cells) {
          const bg = rgbOf(c.background);
          expect(contrast(bg, rgbOf(c.ink))).toBeGreaterThanOrEqual(4.5);
          expect(c.hatch !== "none").toBe(c.score < weakBelow);
          if (Math.abs(c.score - weakBelow) < 3) continue; // at the turn the scale is near-white on purpose
          for (const seen of [bg, simulate(bg, CVD.deuteranopia), simulate(bg, CVD.protanopia)]) {
            if (c.score < weakBelow) expect(seen[0]).toBeGreaterThan(seen[2]);
            else expect(seen[2]).toBeGreaterThan(seen[0]);
          }
        }
        // The legend's scale marks the threshold where weakBelow lies on it, and names it.
        const legend = await page.$eval("#heat-department-legend", (box) => {
          const bar = box.querySelector(".heat-scale-bar")!.getBoundingClientRect();
          const mark = box.querySelector(".heat-scale-threshold")!.getBoundingClientRect();
          return { left: bar.left + 1, width: bar.width - 2, mark: mark.left + mark.width / 2, text: box.textContent! };
        });
        expect(Math.abs(legend.mark - (legend.left + (weakBelow / 100) * legend.width))).toBeLessThan(1.5);
        expect(legend.text).toContain(String(weakBelow));
        expect(legend.text).toContain("⇄");

        // 3. Factor chart: no label runs off the canvas's left edge, and each legend swatch is the colour of bars in the chart.
        const factors = await page.$eval("#factors", (canvas: HTMLCanvasElement) => {
          const ink = "rgb(55, 65, 81)"; // the tick labels' colour (lib/charts.ts)
          const ctx = canvas.getContext("2d")!;
          const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
          let inkAtEdge = 0;
          const counts = new Map<string, number>();
          for (let y = 0; y < height; y++) {
            for (let x = 0; x < width; x++) {
              const i = (y * width + x) * 4;
              if (x < 2 && data[i + 3]! > 40) inkAtEdge++;
              if (data[i + 3] === 255) {
                const key = `rgb(${data[i]}, ${data[i + 1]}, ${data[i + 2]})`;
                counts.set(key, (counts.get(key) ?? 0) + 1);
              }
            }
          }
          const swatches = [...document.querySelectorAll<HTMLElement>("#factors-legend .swatch")].map(
            (s) => getComputedStyle(s).backgroundColor,
          );
          return {
            bars: [...counts].filter(([c, n]) => n >= 100 && c !== ink).map(([c]) => c),
            inkAtEdge,
            swatches,
            pixels: swatches.map((s) => counts.get(s) ?? 0),
            rect: canvas.getBoundingClientRect().right,
          };
        });
        expect(factors.inkAtEdge).toBe(0);
        expect(factors.rect).toBeLessThanOrEqual(viewport.width);
        expect(factors.swatches).toHaveLength(4);
        expect(new Set(factors.swatches).size).toBe(4);
        // Every colour the bars are drawn in has its swatch (a heart bar is never shown as grey); the "weighs most"
        // bars of the heart side may be too thin to count on a phone, where few staff weigh the heart most.
        expect(factors.bars.length).toBeGreaterThanOrEqual(3);
        for (const colour of factors.bars) expect(factors.swatches).toContain(colour);
        expect(factors.pixels.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);

        // Nothing on the page is wider than the screen but what scrolls in its own box (the tables).
        const wide = await page.evaluate(
          (w) =>
            [...document.querySelectorAll<HTMLElement>("body *")]
              .filter(
                (e) =>
                  e.getClientRects().length > 0 &&
                  e.getBoundingClientRect().right > w + 0.5 &&
                  !e.closest(".heatmap-scroll, .table-scroll"),
              )
              .map((e) => `${e.tagName}#${e.id}.${e.className} in #${e.parentElement?.closest("[id]")?.id}`),
          viewport.width,
        );
        expect(wide).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        expect(await serious(page)).toEqual([]);
        await screenshot(page, `dashboard-charts-${viewport.width}-${lang}`);
        await page.context().close();
      });
    }
  }

  it("keeps no figure after a language switch: legends, heatmaps and the factor legend follow", async () => {
    const page = await openDashboard({ width: 1366, height: 900 }, "nl");
    const weakBelow = await weakBelowOf(page);
    expect(await page.locator("#heat-department-legend").textContent()).toContain(`drempel ‘zwak’: ${weakBelow}`);
    await page.click("[data-lang=en]");
    expect(await page.locator("#heat-department-legend").textContent()).toContain(`‘weak’ threshold: ${weakBelow}`);
    expect(await page.locator("#staircase-legend").textContent()).toContain(`‘weak’ threshold: ${weakBelow}`);
    expect(await page.locator("#heat-department thead").textContent()).toContain("Values and beliefs");
    expect(await page.locator("#factors-legend").textContent()).toContain("System: names it");
    expect(await page.locator("#factors-legend .swatch").count()).toBe(4);
    await page.context().close();
  });

  it("prints on A4 with nothing wider than the page, and the PDF button opens the print dialog", async () => {
    const page = await openDashboard({ width: 1366, height: 900 }, "nl");
    // The button prints the report, and the page says to choose "Save as PDF".
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.click("#print");
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    expect(await page.locator("#pdf-hint").textContent()).toContain("‘Opslaan als PDF’");
    // A4 less its 12 mm side margins is 186 mm = 703 CSS px: at that width, in print, nothing sticks out.
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 703, height: 1000 });
    const overflow = await page.evaluate(() => {
      const wide = [...document.querySelectorAll<HTMLElement>("main *")].filter(
        (e) => e.getClientRects().length > 0 && e.getBoundingClientRect().right > 703.5,
      );
      // The heatmaps shown (a round without locations has no location heatmap).
      const heatmaps = [...document.querySelectorAll<HTMLElement>(".heatmap-scroll")]
        .filter((box) => box.getClientRects().length > 0)
        .map((box) => box.scrollWidth - box.clientWidth);
      return {
        page: document.documentElement.scrollWidth,
        wide: wide.map(
          (e) =>
            `${e.tagName}#${e.id}.${e.className} in #${e.closest("[id]")?.id} (${Math.round(e.getBoundingClientRect().right)})`,
        ),
        heatmaps,
      };
    });
    expect(overflow.wide).toEqual([]);
    expect(overflow.page).toBeLessThanOrEqual(703);
    expect(overflow.heatmaps).toEqual([0, 0]);
    expect(await page.locator("#heat-department").isVisible()).toBe(true);
    await screenshot(page, "dashboard-print");
    await page.context().close();
  });

  for (const lang of ["nl", "en"] as const) {
    it(`${lang}: the PDF report is A4 over several pages, each with organisation, round and its page number`, async () => {
      const page = await openDashboard({ width: 1366, height: 900 }, lang);
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
      const pages = pdfPages(pdf);
      expect(pages.length).toBeGreaterThanOrEqual(2);
      for (const [i, p] of pages.entries()) {
        // A4: 210 × 297 mm = 595.28 × 841.89 points.
        expect(Math.abs(p.width - 595.28)).toBeLessThan(1);
        expect(Math.abs(p.height - 841.89)).toBeLessThan(1);
        expect(p.text).toContain("Woonstichting De Linde");
        expect(p.text).toContain("Medewerkersonderzoek klantgerichtheid 2026");
        expect(p.text).toContain(lang === "nl" ? "alle respondenten" : "all respondents");
        expect(p.text).toContain(
          lang === "nl" ? `pagina ${i + 1} van ${pages.length}` : `page ${i + 1} of ${pages.length}`,
        );
      }
      await page.context().close();
    });
  }
});
