/**
 * Inviting staff by e-mail in the workspace, in real Chromium with a real SMTP server: the consultant
 * pastes a list for a running round, the mails carry working personal links, two answer, and the
 * reminder reaches exactly the others — at 1366 px in Dutch and at 360 px in English, with axe
 * finding no serious or critical violation in the panel.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DemoResult, seedDemo } from "../../src/demo/seed.js";
import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { smtpMailer } from "../../src/node/smtp-mailer.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { chromiumPath, logIn } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { startSmtpServer } from "../helpers/smtp.js";
import { screenshot } from "../helpers/survey.js";
import { demoLogin, validAnswers } from "../helpers/test-app.js";

let demo: DemoResult;
let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: ReturnType<typeof smtpMailer>;
const rounds: Record<"nl" | "en", Campaign> = {} as never;

beforeAll(async () => {
  if (!chromiumPath) return;
  smtp = await startSmtpServer();
  mailer = smtpMailer(smtp.url, "Klantgericht <noreply@klantgericht.test>");
  h = await startBrowserHarness(
    async (t) => {
      demo = await seedDemo(t.db, t.instruments, t.clock.now);
      const consultantId = String(
        (
          await t.client.execute({
            sql: "select id from users where email = ?",
            args: [demoLogin(demo, "consultant").email],
          })
        ).rows[0]!.id,
      );
      const org = await createOrganisation(t.db, "Uitnodigtest", consultantId);
      for (const lang of ["nl", "en"] as const) {
        rounds[lang] = await createCampaign(t.db, {
          ...campaignDefaults(t.instrument, ["Sales", "Service"]),
          organisationId: org.id,
          title: `Ronde e-mail ${lang}`,
          closesOn: "2026-03-31",
        });
      }
    },
    { mailer },
  );
});
afterAll(async () => {
  await h?.close();
  mailer?.close();
  await smtp?.close();
});

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include("#staff-invitations").analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function answer(campaign: Campaign, code: string): Promise<number> {
  const res = await fetch(`${h.url}/api/s/${campaign.token}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      submissionId: crypto.randomUUID(),
      answers: validAnswers(h.t.instrument),
      accessCode: code,
    }),
  });
  return res.status;
}

describe.skipIf(!chromiumPath)("inviting staff in the workspace", () => {
  for (const [lang, width, locale, sent, reminded] of [
    ["nl", 1366, "nl-NL", "Verstuurd: 6.", "Verstuurd: 4."],
    ["en", 360, "en-GB", "Sent: 6.", "Sent: 4."],
  ] as const) {
    it(`sends, answers through the links and reminds the rest (${lang}, ${width} px)`, async () => {
      const context = await h.browser.newContext({ viewport: { width, height: 900 }, locale });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await logIn(page, h.url, demoLogin(demo, "consultant"));
      await page.goto(`${h.url}/workspace`);
      await page.waitForSelector("#staff-round option", { state: "attached" });
      const round = rounds[lang];
      await page.selectOption("#staff-round", round.id);
      await expect.poll(() => page.locator("#staff-send").isDisabled()).toBe(false);
      const addresses = Array.from({ length: 6 }, (_, i) => `${lang}.staff${i}@uitnodig.test`);
      await page.fill("#staff-list", [...addresses, "geen-adres"].join("\n"));
      await page.check(`input[name=staff-lang][value=${lang}]`);
      expect(await serious(page)).toEqual([]);
      await page.click("#staff-send");
      await expect.poll(() => page.locator("#staff-status").textContent(), { timeout: 15_000 }).toContain(sent);
      expect(await page.locator("#staff-status").textContent()).toContain(
        lang === "nl" ? "Ongeldige regels: 7" : "Invalid lines: 7",
      );
      // The mode is fixed now.
      await expect.poll(() => page.locator("input[name=staff-mode][value=no_tracking]").isDisabled()).toBe(true);

      const codes: string[] = [];
      for (const a of addresses) {
        const mail = await smtp.waitFor(a);
        const match = mail.text.match(new RegExp(`/s/${round.token}#code=([0-9A-Z-]+)`));
        expect(match).not.toBeNull();
        codes.push(decodeURIComponent(match![1]!));
      }
      // The first link opens the survey with its code already filled in from the fragment.
      const survey = await context.newPage();
      await survey.goto(`${h.url}/s/${round.token}#code=${codes[0]}`);
      await survey.waitForLoadState("networkidle");
      expect(await answer(round, codes[0]!)).toBe(201);
      expect(await answer(round, codes[1]!)).toBe(201);

      await page.click("#staff-remind");
      await expect.poll(() => page.locator("#staff-status").textContent(), { timeout: 15_000 }).toContain(reminded);
      for (const a of addresses.slice(2)) await smtp.waitFor(a, 2);
      expect(smtp.mails.filter((m) => m.to.includes(addresses[0]!)).length).toBe(1);
      expect(smtp.mails.filter((m) => m.to.includes(addresses[1]!)).length).toBe(1);
      expect(await serious(page)).toEqual([]);
      // Nothing wider than the screen.
      const wide = await page.evaluate(
        (w) =>
          [...document.querySelectorAll("#staff-invitations, #staff-invitations *")]
            .filter((n) => n.getBoundingClientRect().right > w)
            .map((n) => `${n.tagName}#${n.id}.${n.className} ${Math.round(n.getBoundingClientRect().right)}`),
        width,
      );
      expect(wide).toEqual([]);
      await page.locator("#staff-invitations").scrollIntoViewIfNeeded();
      await screenshot(page, `staff-invitations-${lang}-${width}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
