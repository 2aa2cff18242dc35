/**
 * The browser tests' world: a real server (in process, in memory) serving the built
 * console at /dashboard/, operators (each a browser context with its own page), and chat
 * users connected through @charla/sdk over real WebSockets.
 */
import type { Config } from '@charla/server';
import { startServer, TEST_ADMIN_TOKEN } from '@charla/server/testing';
import type { RunningServer } from '@charla/server/testing';
import { ChatClient } from '@charla/sdk';
import type { ChatSnapshot } from '@charla/sdk';
import { cspViolations, openPage } from '@charla/browser-testing';
import type { OpenedPage } from '@charla/browser-testing';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import WebSocket from 'ws';

export const ADMIN_TOKEN = TEST_ADMIN_TOKEN;
export const VIEWER_TOKEN = 'LOOK-but-do-not-touch';

/** A server with an admin token and a viewer token. */
export function startConsoleServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  return startServer({ adminTokens: `watch:${VIEWER_TOKEN}:viewer`, ...overrides });
}

export const consoleUrl = (server: RunningServer, hash = '') => `http://127.0.0.1:${server.port}/dashboard/${hash}`;

/** An operator: a browser context with the console open (page errors recorded). */
export type Operator = OpenedPage;

/** Opens the console in a fresh context (English unless told otherwise), recording CSP violations. */
export function openConsole(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<Operator> {
  return openPage(browser, url, options);
}

export { cspViolations };

/** Signs in with the token and waits until the event stream is live. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('Admin token').fill(token);
  await page.getByLabel('Admin token').press('Enter');
  await live(page);
}

export const live = (page: Page) => page.locator('.connection').filter({ hasText: /^Live$/ }).waitFor();

/** Follows a section link in the navigation and waits for its title. */
export async function goTo(page: Page, section: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section }).click();
  await page.getByRole('heading', { level: 2, name: section }).waitFor();
}

/** The card's value on the overview, e.g. card(page, 'Users'). */
export const card = (page: Page, label: string) => page.locator('.card').filter({ has: page.locator('dt', { hasText: label }) }).locator('.card-value');

/** Chat users through the SDK; all of them are disconnected by closeAll(). */
export class ChatUsers {
  private readonly clients: ChatClient[] = [];

  constructor(private readonly server: () => RunningServer) {}

  /** A client that has not joined yet (never reconnecting by itself, so a refusal is final). */
  client(): ChatClient {
    const client = new ChatClient({ WebSocket, reconnect: false });
    this.clients.push(client);
    return client;
  }

  async join(nombre: string): Promise<ChatClient> {
    const client = this.client();
    await client.connect({ url: this.server().url, nombre });
    return client;
  }

  closeAll(): void {
    for (const client of this.clients.splice(0)) client.disconnect();
  }
}

/** Resolves once the client's snapshot satisfies `predicate` (no polling, no sleeps). */
export function until(client: ChatClient, predicate: (snapshot: ChatSnapshot) => boolean): Promise<ChatSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const snapshot = client.getSnapshot();
      if (!predicate(snapshot)) return false;
      unsubscribe();
      resolve(snapshot);
      return true;
    };
    const unsubscribe = client.subscribe(() => void check());
    check();
  });
}

/** From a user's details dialog: Kick…, a reason, Kick; waits for the confirmation. */
export async function kickFromDetails(page: Page, details: Locator, name: string, reason: string): Promise<void> {
  await details.getByRole('button', { name: 'Kick…' }).click();
  const kick = page.getByRole('dialog', { name: `Kick ${name}` });
  await kick.getByLabel('Reason').fill(reason);
  await kick.getByRole('button', { name: 'Kick', exact: true }).click();
  await page.getByText(`${name} was kicked.`).waitFor();
}
