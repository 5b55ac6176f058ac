/**
 * Script payloads stored as an organisation name, a campaign title, unit names and comments
 * render as inert text in real Chromium — on the survey, the dashboard and the workspace: no
 * dialog opens, no injected element appears, and the text is shown as typed.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { hashPassword } from "../../src/lib/password.js";
import { issueCodes } from "../../src/services/access-codes.js";
import { release } from "../../src/services/release.js";
import { createUser, grantOrganisation } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { chromiumPath } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";
import { postJson, validAnswers } from "../helpers/test-app.js";

const ORG = `<img src=x onerror="window.__pwned='org'">Acme`;
const TITLE = `<script>window.__pwned='title'</script>Round`;
const UNIT = `<svg onload="window.__pwned='unit'">`;
const COMMENT = `<img src=x onerror="window.__pwned='comment'">Fine`;

let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let campaign: Campaign;
/** The same payloads in a round that still runs: its survey page is open. */
let running: Campaign;

beforeAll(async () => {
  if (!chromiumPath) return;
  h = await startBrowserHarness(async (t) => {
    const hash = await hashPassword("payload-password-1");
    const consultant = await createUser(t.db, "c@payload.test", hash, "consultant");
    const manager = await createUser(t.db, "m@payload.test", hash, "manager");
    const organisation = await createOrganisation(t.db, ORG, consultant.id);
    await grantOrganisation(t.db, manager.id, organisation.id);
    // On single-use codes, so the release shows the units (and their names) in its heatmap.
    campaign = await createCampaign(t.db, {
      ...campaignDefaults(t.instrument, [UNIT, "Normaal"]),
      organisationId: organisation.id,
      title: TITLE,
      k: 5,
      kComments: 5,
      requireCode: true,
    });
    const codes = await issueCodes(t.db, campaign, 10);
    for (const [i, unit] of campaign.units.department!.flatMap((u) => Array<string>(5).fill(u.value)).entries()) {
      const res = await postJson(t.app, `/api/s/${campaign.token}/responses`, {
        submissionId: crypto.randomUUID(),
        accessCode: codes[i],
        answers: { ...validAnswers(t.instrument), department: unit, comment: COMMENT },
      });
      expect(res.status).toBe(201);
    }
    // Results exist once a round is closed and released; the survey is shown from a running twin.
    await release(t, campaign, t.clock.now);
    running = await createCampaign(t.db, {
      ...campaignDefaults(t.instrument, [UNIT, "Normaal"]),
      organisationId: organisation.id,
      title: TITLE,
      k: 3,
      kComments: 3,
    });
  });
});
afterAll(() => h?.close());

async function visit(page: Page, path: string, ready: string): Promise<void> {
  await page.goto(`${h.url}${path}`);
  await page.waitForSelector(ready);
}

async function expectInert(page: Page, dialogs: string[]): Promise<void> {
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull();
  expect(await page.locator("main img[src='x'], main svg[onload], header img[src='x']").count()).toBe(0);
}

describe.skipIf(!chromiumPath)("stored script payloads in Chromium", () => {
  it("stay text on the survey, the dashboard and the workspace", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    await visit(page, `/s/${running.token}`, ".sd-question");
    expect(await page.title()).toBe(TITLE);
    await expectInert(page, dialogs);

    await visit(page, "/login", "#email");
    await page.fill("#email", "c@payload.test");
    await page.fill("#password", "payload-password-1");
    await page.click("button[type=submit]");
    await page.waitForURL(/\/dashboard$/);
    // The released round (its running twin shows participation instead).
    await visit(page, `/dashboard?campaign=${campaign.id}`, ".staircase li");
    expect(await page.locator("#organisation option").first().textContent()).toBe(ORG);
    expect(await page.locator("#title").textContent()).toBe(TITLE);
    expect(await page.locator("#heat-department").textContent()).toContain(UNIT);
    expect(await page.locator("#comments li").first().textContent()).toBe(COMMENT);
    await expectInert(page, dialogs);

    await visit(page, "/workspace", "#portfolio .org-row");
    expect(await page.locator("#portfolio .org-row").first().textContent()).toContain(ORG);
    expect(await page.locator("#portfolio").textContent()).toContain(TITLE);
    await expectInert(page, dialogs);
    await context.close();
  });
});
