import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/** A fresh browser context with the app open in it. */
export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught exceptions in the page: an app must never crash. */
  readonly pageErrors: Error[];
}

export interface OpenPageOptions extends BrowserContextOptions {
  /** Runs before the page loads, e.g. to route its WebSocket. */
  readonly prepare?: (context: BrowserContext) => Promise<void>;
}

/** Opens `url` in a fresh context (English, 1280×800 unless told otherwise), recording CSP violations and page errors. */
export async function openPage(browser: Browser, url: string, { prepare, ...options }: OpenPageOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 }, ...options });
  await prepare?.(context);
  await context.addInitScript(() => {
    const violations: string[] = [];
    Object.assign(window, { cspViolations: violations });
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(url);
  return { context, page, pageErrors };
}

/** What the Content-Security-Policy blocked in this page so far. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}
