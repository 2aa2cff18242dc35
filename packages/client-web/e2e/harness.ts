/**
 * The browser tests' world: a real server (in process, in memory) serving the built app,
 * and people, each a browser context with its own page, who join and chat through the UI.
 */
import type { Config } from '@charla/server';
import { startServer } from '@charla/server/testing';
import type { RunningServer } from '@charla/server/testing';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';

/** A small content limit makes the counter reachable; a high rate limit lets tests fill the log fast. */
export const SERVER_OPTIONS = { contentMax: 300, messagesPer10s: 1000 } satisfies Partial<Config>;

export function startChat(port = 0): Promise<RunningServer> {
  return startServer({ ...SERVER_OPTIONS, port });
}

export const appUrl = (server: RunningServer) => `http://127.0.0.1:${server.port}/`;

export interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught exceptions in the page: the app must never crash. */
  readonly pageErrors: Error[];
}

export interface OpenOptions extends BrowserContextOptions {
  /** Runs before the page loads, e.g. to route its WebSocket. */
  readonly prepare?: (context: BrowserContext) => Promise<void>;
}

/** Opens the app in a fresh context (English unless told otherwise), recording CSP violations. */
export async function openApp(browser: Browser, url: string, { prepare, ...options }: OpenOptions = {}): Promise<Person> {
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

/** Joins through the form (name, optional address, Enter) and waits until connected. */
export async function join(page: Page, name: string, server?: string): Promise<void> {
  if (server !== undefined) await page.getByLabel('Server address').fill(server);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your name').press('Enter');
  await connected(page, name);
}

export function connected(page: Page, name: string): Promise<void> {
  return page.getByRole('status').filter({ hasText: `Connected as ${name}` }).waitFor();
}

export const messageBox = (page: Page): Locator => page.getByRole('textbox', { name: /^(Message to everyone|Private message to)/ });
export const messageLog = (page: Page): Locator => page.getByRole('log');
/** One line of the log holding this exact text. */
export const line = (page: Page, text: string): Locator => messageLog(page).locator('li').filter({ hasText: text });

/** Types a message and sends it with Enter. */
export async function send(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await messageBox(page).press('Enter');
}

/** Waits until the line is shown, and returns it. */
export async function seen(page: Page, text: string): Promise<Locator> {
  const found = line(page, text);
  await found.first().waitFor();
  return found;
}

/** The status line's text. */
export const statusText = (page: Page): Promise<string> => page.locator('.status-line').innerText();
