/**
 * Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
 * (never a downloaded browser). Without it the tests skip, loudly; on CI (CI=true) a
 * missing browser fails them instead, so a broken CI image cannot pass silently.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** True when the browser tests can run; warns (locally) or throws (on CI) when they cannot. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const why = `${CHROMIUM} is missing (install it with: apt-get install -y chromium)`;
  if (isCI()) throw new Error(`browser tests cannot run on CI: ${why}`);
  console.warn(`\n⚠️  SKIPPING these browser tests: ${why}.\n`);
  return false;
}

function isCI(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

export function launchChromium(): Promise<Browser> {
  // launch() gives every run a fresh, temporary user data dir.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
