/**
 * The browser tests' world: a real server (in process, in memory) serving the built app,
 * and people, each a browser context with its own page, who join and chat through the UI.
 */
import type { Config } from '@charla/server';
import { startServer } from '@charla/server/testing';
import type { RunningServer } from '@charla/server/testing';
import { cspViolations, launchChromium, openPage } from '@charla/browser-testing';
import type { OpenedPage, OpenPageOptions } from '@charla/browser-testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** A small content limit makes the counter reachable; a high rate limit lets tests fill the log fast. */
export const SERVER_OPTIONS = { contentMax: 300, messagesPer10s: 1000 } satisfies Partial<Config>;

export function startChat(port = 0): Promise<RunningServer> {
  return startServer({ ...SERVER_OPTIONS, port });
}

export const appUrl = (server: RunningServer) => `http://127.0.0.1:${server.port}/`;

/** A person using the chat: a browser context with its own page. */
export type Person = OpenedPage;
export type OpenOptions = OpenPageOptions;

/** Opens the app in a fresh context (English unless told otherwise), recording CSP violations. */
export const openApp = openPage;

export { cspViolations };

/** What a describe block's browser tests share (see chatInChromium). */
export class ChatWorld {
  /** The server serving the app. A test that restarts it puts the new one here: that one is closed after the tests. */
  server!: RunningServer;
  browser!: Browser;
  /** The people the running test opened. */
  readonly people: Person[] = [];

  /** Opens the app for one more person (English unless told otherwise) and returns their page. */
  readonly person = async (options?: OpenOptions): Promise<Page> => {
    const opened = await openApp(this.browser, appUrl(this.server), options);
    this.people.push(opened);
    return opened.page;
  };
}

/**
 * For a describe block: a chat server and Chromium, started before its tests and closed
 * after them; after each test, its people are checked and closed (checkPeopleAfterEach).
 */
export function chatInChromium(): ChatWorld {
  const world = new ChatWorld();
  beforeAll(async () => {
    [world.server, world.browser] = await Promise.all([startChat(), launchChromium()]);
  });
  checkPeopleAfterEach(world.people);
  afterAll(async () => {
    // Either may be missing if starting them failed.
    await world.browser?.close();
    await world.server?.close();
  });
  return world;
}

/**
 * After each test: no page crashed and the CSP blocked nothing the app needs; then the
 * people's contexts are closed and the list emptied for the next test.
 */
function checkPeopleAfterEach(people: Person[]): void {
  afterEach(async () => {
    const opened = people.splice(0);
    for (const { page, pageErrors } of opened) {
      expect(pageErrors).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    }
    await Promise.all(opened.map(({ context }) => context.close()));
  });
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
