/**
 * A manager's way in, in real Chromium with mail through a real SMTP server: the consultant
 * invites an address in the workspace's Managers panel, the invitee opens the link from the mail,
 * chooses a password, is logged in and sees the dashboard; then the consultant revokes the access
 * and the manager's next request is refused (401).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { smtpMailer } from "../../src/node/smtp-mailer.js";
import { chromiumPath } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { linkIn, startSmtpServer } from "../helpers/smtp.js";
import { screenshot } from "../helpers/survey.js";
import { demoLogin } from "../helpers/test-app.js";

const MANAGER = "nieuwe.manager@delinde.test";
const MANAGER_PASSWORD = "vuurtoren-zeilboot-kaap-7";

let demo: DemoResult;
let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: ReturnType<typeof smtpMailer>;

beforeAll(async () => {
  if (!chromiumPath) return;
  smtp = await startSmtpServer();
  mailer = smtpMailer(smtp.url, "Klantgericht <noreply@klantgericht.test>");
  h = await startBrowserHarness(async (t) => void (demo = await seedDemo(t.db, t.instruments, t.clock.now)), {
    mailer,
  });
});
afterAll(async () => {
  await h?.close();
  mailer?.close();
  await smtp?.close();
});

const watchErrors = (page: Page) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
};

describe.skipIf(!chromiumPath)("inviting a manager in Chromium", () => {
  it("invite in the workspace, accept from the mail with an own password, see the dashboard; revoked, the next request is 401", async () => {
    const consultantContext = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "nl-NL" });
    const consultant = await consultantContext.newPage();
    const consultantErrors = watchErrors(consultant);
    await consultant.goto(`${h.url}/login`);
    expect(await consultant.locator('a[href="/forgot-password"]').count()).toBe(1);
    await consultant.fill("#email", demoLogin(demo, "consultant").email);
    await consultant.fill("#password", demoLogin(demo, "consultant").password);
    await consultant.click("button[type=submit]");
    await consultant.waitForURL(/\/dashboard$/);
    await consultant.goto(`${h.url}/workspace`);
    await consultant.waitForSelector("#managers-organisation option", { state: "attached" });
    await consultant.selectOption("#managers-organisation", { label: "Woonstichting De Linde" });
    // The demo's manager is listed already.
    await expect.poll(() => consultant.locator("#managers-list tr[data-email]").count()).toBeGreaterThan(0);
    await consultant.fill("#invite-email", MANAGER);
    await consultant.fill("#invite-departments", "Klantcontactcentrum");
    await consultant.click("#invite-form button[type=submit]");
    await expect
      .poll(() => consultant.locator("#managers-status").textContent())
      .toBe(`Uitnodiging gemaild naar ${MANAGER}.`);
    const row = consultant.locator(`#managers-list tr[data-email="${MANAGER}"]`);
    await expect.poll(() => row.textContent()).toContain("uitgenodigd, verloopt");
    expect(await row.textContent()).toContain("Klantcontactcentrum");
    expect(await consultant.locator("#invite-link").isHidden()).toBe(true);
    await screenshot(consultant, "workspace-managers");

    const mail = await smtp.waitFor(MANAGER);
    expect(mail.text).toContain("Woonstichting De Linde");
    const link = linkIn(mail, "invitation");

    const managerContext = await h.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "nl-NL" });
    const manager = await managerContext.newPage();
    const managerErrors = watchErrors(manager);
    await manager.goto(link);
    await expect.poll(() => manager.locator("#summary").textContent()).toContain("Woonstichting De Linde");
    expect(manager.url()).not.toContain("#"); // the token leaves the address bar
    expect(await manager.locator("#new-email").inputValue()).toBe(MANAGER);
    await manager.fill("#new-password", "aaaaaaaaaaaa");
    await manager.fill("#new-repeat", "aaaaaaaaaaaa");
    await manager.click("#new-account button[type=submit]");
    // The rule's refusal in the page's language, and said again when the page switches.
    await expect.poll(() => manager.locator("#error").textContent()).toContain("te makkelijk te raden");
    await manager.getByRole("button", { name: "EN", exact: true }).click();
    expect(await manager.locator("#error").textContent()).toContain("too easy to guess");
    expect(await manager.locator("#summary").textContent()).toContain(
      "is invited to the reports of Woonstichting De Linde",
    );
    expect(await manager.locator("h1").textContent()).toBe("Invitation");
    await manager.getByRole("button", { name: "NL", exact: true }).click();
    await manager.fill("#new-password", MANAGER_PASSWORD);
    await manager.fill("#new-repeat", MANAGER_PASSWORD);
    await manager.click("#new-account button[type=submit]");
    await manager.waitForURL(/\/dashboard$/);
    await manager.waitForSelector(".staircase li.start");
    // Scoped to one department: the round as a whole, and of the departments only their own.
    const departments = manager.locator("#heat-department tbody tr");
    const shown = async () => (await departments.allTextContents()).filter((text) => !text.includes("minder dan k"));
    await expect.poll(() => departments.count()).toBeGreaterThan(1);
    await expect.poll(async () => (await shown()).length).toBe(1);
    expect((await shown())[0]).toContain("Klantcontactcentrum");
    expect(await manager.locator("#heat-role tbody tr").count()).toBe(0);
    await screenshot(manager, "manager-after-invitation");
    expect(
      (await manager.evaluate(() => fetch("/api/me").then((r) => r.json()))).organisations.map(
        (o: { name: string }) => o.name,
      ),
    ).toEqual(["Woonstichting De Linde"]);

    await consultant.reload();
    await consultant.selectOption("#managers-organisation", { label: "Woonstichting De Linde" });
    await expect.poll(() => row.textContent()).toContain("manager");
    consultant.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Toegang intrekken" }).click();
    await expect
      .poll(() => consultant.locator("#managers-status").textContent())
      .toBe(`Toegang van ${MANAGER} ingetrokken.`);
    await expect.poll(() => row.count()).toBe(0);

    expect(await manager.evaluate(() => fetch("/api/me").then((r) => r.status))).toBe(401);
    await manager.reload();
    await manager.waitForURL(/\/login$/);
    expect(consultantErrors).toEqual([]);
    expect(managerErrors).toEqual([]);
    await consultantContext.close();
    await managerContext.close();
  });
});
