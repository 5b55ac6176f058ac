/**
 * Real Chromium for browser tests: Debian's package driven by playwright-core (no browser
 * downloads here). Tests skip loudly when it is missing locally; CI installs it and sets CI=true,
 * where a missing browser is an error rather than a skip.
 */
import { existsSync } from "node:fs";

import { type Browser, chromium, type Page } from "playwright-core";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
  Boolean,
) as string[];

export const chromiumPath = CANDIDATES.find((p) => existsSync(p));

if (!chromiumPath) {
  if (process.env.CI) throw new Error("Chromium is required in CI (apt-get install chromium)");
  console.warn("\n*** Chromium not found: browser tests are SKIPPED. Install it with: apt-get install chromium ***\n");
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Logs in on the login page, as staff do, and waits for the dashboard it opens. */
export async function logIn(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill("#email", account.email);
  await page.fill("#password", account.password);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/dashboard$/);
}

/** Whether a canvas has anything drawn on it: a blank canvas (also one of the default 300 × 150) has no opaque pixel. */
export function canvasHasInk(canvas: HTMLCanvasElement): boolean {
  const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
  return false;
}
