/**
 * The audit log in Chromium: a manager opens the dashboard (which reads a report), and the
 * consultant sees that read in the workspace's Audit log panel, in Dutch and in English, with the
 * manager's login below it; then "Log out everywhere" ends the consultant's session.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { chromiumPath, logIn } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { screenshot } from "../helpers/survey.js";
import { demoLogin } from "../helpers/test-app.js";

let demo: DemoResult;
let h: Awaited<ReturnType<typeof startBrowserHarness>>;

beforeAll(async () => {
  if (!chromiumPath) return;
  h = await startBrowserHarness(async (t) => void (demo = await seedDemo(t.db, t.instruments, t.clock.now)));
});
afterAll(async () => h?.close());

const logInAs = (page: Page, who: "consultant" | "manager") => logIn(page, h.url, demoLogin(demo, who));

describe.skipIf(!chromiumPath)("the audit log in Chromium", () => {
  it("shows the consultant a manager's report read, in plain language, newest first; log out everywhere ends the session", async () => {
    const managerEmail = demoLogin(demo, "manager").email;
    const managerContext = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const manager = await managerContext.newPage();
    await logInAs(manager, "manager");
    await manager.waitForSelector(".staircase li.start");
    const organisation = (await manager.evaluate(() => fetch("/api/me").then((r) => r.json()))).organisations[0]
      .name as string;

    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "nl-NL" });
    const consultant = await context.newPage();
    const errors: string[] = [];
    consultant.on("pageerror", (e) => errors.push(e.message));
    await logInAs(consultant, "consultant");
    await consultant.goto(`${h.url}/workspace`);
    await consultant.waitForSelector("#audit-organisation option", { state: "attached" });
    await consultant.selectOption("#audit-organisation", { label: organisation });
    const read = consultant.locator('#audit-list tr[data-action="report_read"]').first();
    await expect.poll(() => read.textContent()).toContain(`${managerEmail} bekeek het rapport van “`);
    // The manager's login is listed too, below the read (newest first).
    const actions = await consultant
      .locator("#audit-list tr[data-action]")
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.action));
    expect(actions.indexOf("login")).toBeGreaterThan(actions.indexOf("report_read"));
    expect(await consultant.locator("#audit-list").textContent()).toContain(`${managerEmail} logde in`);
    await screenshot(consultant, "workspace-audit-log");
    await consultant.click('button[data-lang="en"]');
    await expect.poll(() => read.textContent()).toContain(`${managerEmail} read the report of “`);
    expect(await consultant.locator("#audit-title").textContent()).toBe("Audit log");

    // Log out everywhere: this session, and any other of the consultant's, ends.
    expect(await consultant.locator("#logout-everywhere").textContent()).toBe("Log out everywhere");
    await consultant.click("#logout-everywhere");
    await consultant.waitForURL(/\/login$/);
    expect(await consultant.evaluate(() => fetch("/api/me").then((r) => r.status))).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
    await managerContext.close();
  });
});
