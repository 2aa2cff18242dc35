/**
 * `pnpm start` from the repository root, as a user runs it: it builds what the server needs,
 * honours the CHARLA_* variables, serves the built web apps, and a Ctrl-C (SIGINT to the
 * whole process group, as a terminal sends it) stops it cleanly: exit 0 and no failure
 * lines.
 *
 * It runs in a vitest project of its own, after the package's other tests (vitest.config.ts):
 * on a fresh clone the build takes both cores for a while and rewrites public/.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/testing.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** A cold build of the server and both web apps: ~20 s on two idle cores. */
const BUILD_AND_START_MS = 240_000;

describe('pnpm start from the repository root', { timeout: 30_000 }, () => {
  let child: ChildProcess;
  let output = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let port: number;
  let dataDir: string;

  beforeAll(async () => {
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'charla-start-'));
    child = spawn('pnpm', ['start'], {
      cwd: repoRoot,
      env: userEnv({ CHARLA_PORT: String(port), CHARLA_HOST: '127.0.0.1', CHARLA_DATA_DIR: dataDir }),
      // Its own process group, so the test can press Ctrl-C the way a terminal does.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
    // 'close', not 'exit': the last lines may still be in the pipe when the process exits.
    exited = once(child, 'close').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
    await untilHealthy(`http://127.0.0.1:${port}/api/health`, exited, () => output, BUILD_AND_START_MS - 5000);
  }, BUILD_AND_START_MS);

  afterAll(async () => {
    // After a failure: SIGTERM first, which turbo passes on to a build it is running.
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-(child.pid as number), 'SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), delay(5000).then(() => false)]);
      if (!stopped) process.kill(-(child.pid as number), 'SIGKILL');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens on CHARLA_PORT and keeps its data in CHARLA_DATA_DIR', async () => {
    const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    expect(existsSync(join(dataDir, 'charla.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'admin-token'))).toBe(true);
  });

  it('serves both web apps with their favicons, which their CSP allows', async () => {
    const base = `http://127.0.0.1:${port}`;
    for (const { page, icon } of [
      { page: '/', icon: '/favicon.svg' },
      { page: '/dashboard/', icon: '/dashboard/favicon.svg' },
    ]) {
      const html = await fetch(base + page);
      expect(html.status).toBe(200);
      expect(await html.text()).toContain(`<link rel="icon" href="${icon}" type="image/svg+xml"`);
      expect(html.headers.get('content-security-policy')).toMatch(/img-src 'self'/);
      const svg = await fetch(base + icon);
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await svg.text()).toMatch(/^<svg /);
    }
  });

  it('stops on Ctrl-C: exit 0, the store closed, no failure lines', async () => {
    process.kill(-(child.pid as number), 'SIGINT');
    const { code, signal } = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toContain('"signal":"SIGINT","msg":"stopping"');
    // pnpm's ELIFECYCLE / ERR_PNPM lines, or a "failed" from anything on the way.
    expect(output).not.toMatch(/ELIFECYCLE|ERR_PNPM|failed/i);
    // The store was closed (SQLite folds the WAL back into the database on close).
    expect(existsSync(join(dataDir, 'charla.sqlite-wal'))).toBe(false);
  });
});

/** A user's shell: none of what vitest, or the `pnpm test`/turbo run around it, adds. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(NODE_ENV|TEST|VITEST.*|TURBO_.*|npm_.*|pnpm_.*)$/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}


async function untilHealthy(url: string, exited: Promise<unknown>, output: () => string, withinMs: number): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (gone) throw new Error(`pnpm start exited before the server answered:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`no answer from ${url} within ${withinMs} ms:\n${output()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // Not listening yet (building, or starting).
    }
    await delay(250);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
