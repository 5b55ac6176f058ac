/**
 * The workspace's data-protection panel in real Chromium: at 1366 px in Dutch the consultant sets
 * a retention period and sees when each released round goes, downloads the export, deletes a round
 * after a dialog that lists what goes (and cancels once: nothing goes); at 360 px in English deletes
 * a manager's account and then a whole organisation. axe: nothing serious or critical.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { hashPassword } from "../../src/lib/password.js";
import { createUser, grantOrganisation } from "../../src/storage/accounts.js";
import { chromiumPath, logIn } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { demoLogin } from "../helpers/test-app.js";

let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let demo: DemoResult;

beforeAll(async () => {
  if (chromiumPath)
    h = await startBrowserHarness(async (t) => {
      demo = await seedDemo(t.db, t.instruments, t.clock.now);
      const leaving = await createUser(
        t.db,
        "leaving@client.test",
        await hashPassword("browser-dp-password-1"),
        "manager",
      );
      await grantOrganisation(t.db, leaving.id, demo.organisationId);
    });
}, 180_000);
afterAll(() => h?.close());

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include("#data-protection").analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const count = async (sql: string, args: string[] = []) => Number((await h.t.client.execute({ sql, args })).rows[0]!.n);

describe.skipIf(!chromiumPath)("data protection in the workspace", () => {
  it("sets retention, exports, and deletes a round after listing what goes (nl, 1366 px)", async () => {
    const context = await h.browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: "nl-NL",
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await logIn(page, h.url, demoLogin(demo, "consultant"));
    await page.goto(`${h.url}/workspace`);
    await page.selectOption("#dp-organisation", demo.organisationId);
    await page.waitForSelector("#dp-rounds button");
    await page.uncheck("#dp-until-deleted");
    await page.fill("#dp-retention", "24");
    await page.click("#dp-save");
    await page.waitForSelector("#data-protection table td");
    expect(await page.textContent("#data-protection table")).toContain("Opmerkingen weg op");
    expect(await count("select retention_months n from organisations where id = ?", [demo.organisationId])).toBe(24);

    // A round released three years ago: twelve months would delete it at once, so the page asks first.
    const old = demo.rounds.find(
      (r) =>
        r.campaign.organisationId === demo.organisationId &&
        r.campaign.status === "closed" &&
        r.campaign.id !== demo.campaign.id,
    )!.campaign;
    await h.t.client.execute({
      sql: "update releases set released_on = date(released_on, '-3 years') where campaign_id = ?",
      args: [old.id],
    });
    await page.fill("#dp-retention", "12");
    await page.click("#dp-save");
    await page.waitForSelector("#dp-dialog[open]");
    expect(await page.textContent("#dp-dialog")).toContain("1 vrijgegeven ronde");
    await page.click("#dp-dialog button[value=cancel]");
    expect(await count("select retention_months n from organisations where id = ?", [demo.organisationId])).toBe(24);
    await page.click("#dp-save");
    await page.waitForSelector("#dp-dialog[open]");
    await page.click("#dp-confirm");
    await expect
      .poll(() => count("select retention_months n from organisations where id = ?", [demo.organisationId]))
      .toBe(12);

    const download = page.waitForEvent("download");
    await page.click("#dp-export");
    expect((await download).suggestedFilename()).toMatch(/_export_\d{4}-\d{2}-\d{2}\.json$/);

    const round = demo.campaign;
    const button = `#dp-rounds button[data-campaign="${round.id}"]`;
    await page.click(button);
    await page.waitForSelector("#dp-dialog[open]");
    const listed = await page.textContent("#dp-dialog");
    expect(listed).toContain("gepubliceerde groepen");
    expect(await serious(page)).toEqual([]);
    await page.click("#dp-dialog button[value=cancel]");
    expect(await count("select count(*) n from campaigns where id = ?", [round.id])).toBe(1);
    await page.click(button);
    await page.click("#dp-confirm");
    await page.waitForSelector(button, { state: "detached" });
    expect(await count("select count(*) n from campaigns where id = ?", [round.id])).toBe(0);
    expect(await serious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("deletes a manager's account and then the organisation (en, 360 px)", async () => {
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "en-GB" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await logIn(page, h.url, demoLogin(demo, "consultant"));
    await page.goto(`${h.url}/workspace`);
    await page.click('button[data-lang="en"]');
    await page.selectOption("#dp-organisation", demo.organisationId);
    const manager = page.locator("#dp-managers button", { hasText: "leaving@client.test" });
    await manager.click();
    await page.waitForSelector("#dp-dialog[open]");
    expect(await page.textContent("#dp-dialog")).toContain("1 grants");
    expect(await serious(page)).toEqual([]);
    await page.click("#dp-confirm");
    await manager.waitFor({ state: "detached" });
    expect(await count("select count(*) n from users where email = 'leaving@client.test'")).toBe(0);

    await page.click("#dp-delete-organisation");
    await page.waitForSelector("#dp-dialog[open]");
    expect(await page.textContent("#dp-dialog")).toContain("rounds");
    await page.click("#dp-confirm");
    await page.waitForFunction(
      (id) => ![...document.querySelectorAll<HTMLOptionElement>("#dp-organisation option")].some((o) => o.value === id),
      demo.organisationId,
    );
    expect(await count("select count(*) n from organisations where id = ?", [demo.organisationId])).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await serious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
