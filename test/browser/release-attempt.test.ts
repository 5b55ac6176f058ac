/**
 * A due round whose release attempt made none, on the dashboard in Chromium: instead of figures or
 * "this round is still running", the consultant reads that the results are not released yet, why,
 * and what to do — in the page's language.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { campaignDefaults } from "../../src/domain/campaign.js";
import { ATTEMPT_ADVICE } from "../../src/domain/release-attempts.js";
import { hashPassword } from "../../src/lib/password.js";
import { releaseDue } from "../../src/services/release.js";
import { createUser } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { chromiumPath } from "../helpers/browser.js";
import { startBrowserHarness } from "../helpers/server.js";

const EMAIL = "c@attempt.test";
const PASSWORD = "attempt-password-kievit";
let h: Awaited<ReturnType<typeof startBrowserHarness>>;
let campaignId = "";

beforeAll(async () => {
  if (chromiumPath)
    h = await startBrowserHarness(async (t) => {
      const consultant = await createUser(t.db, EMAIL, await hashPassword(PASSWORD), "consultant");
      const organisation = await createOrganisation(t.db, "Pogingen", consultant.id);
      // A closed round pinned to a version this server does not have: its release cannot be made.
      const campaign = await createCampaign(t.db, {
        ...campaignDefaults(t.instrument, ["Sales"]),
        organisationId: organisation.id,
        title: "Ronde zonder vragenlijst",
        status: "closed",
        instrumentVersion: 99,
      });
      campaignId = campaign.id;
      const { failed } = await releaseDue({ db: t.db, instruments: t.instruments }, t.clock.now);
      expect(failed.map((f) => f.campaignId)).toEqual([campaign.id]);
    });
});
afterAll(() => h?.close());

describe.skipIf(!chromiumPath)("the dashboard of a round whose release attempt failed", () => {
  it("says the results are not released yet, why and what to do, in Dutch and in English", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "nl-NL" });
    const page = await context.newPage();
    await page.goto(`${h.url}/login`);
    await page.fill("#email", EMAIL);
    await page.fill("#password", PASSWORD);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/(dashboard|workspace)/);
    await page.goto(`${h.url}/dashboard?campaign=${campaignId}`);
    const panel = page.locator("#participation");
    await expect.poll(() => panel.textContent()).toContain("De resultaten zijn nog niet vrijgegeven");
    expect(await panel.textContent()).toContain(ATTEMPT_ADVICE.instrument_missing.nl);
    await page.click("[data-lang=en]");
    await expect.poll(() => panel.textContent()).toContain(ATTEMPT_ADVICE.instrument_missing.en);
    await context.close();
  });
});
