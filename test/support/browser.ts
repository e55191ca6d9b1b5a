import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (or another set in SWITCHBOARD_CHROMIUM), driven by playwright-core. */
export const CHROMIUM = process.env.SWITCHBOARD_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Whether the browser tests of `area` must be skipped: only when Chromium is missing and this is not
 * CI (where a missing browser fails the run), with a loud notice.
 */
export function browserMissing(area: string): boolean {
  if (existsSync(CHROMIUM)) return false;
  const message = `chromium not found at ${CHROMIUM}: install Debian's chromium (.ci/run does) to run the browser tests`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n!!! SKIPPING the ${area} browser tests: ${message}\n`);
  return true;
}

/**
 * Headless Chromium as the machine allows it: no sandbox (root), no GPU, and no background networking,
 * whose connections this closed network refuses.
 */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}
