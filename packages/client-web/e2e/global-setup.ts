/**
 * Before the browser tests: build the app for production and put it where the server
 * serves it (what `pnpm build` does), so the tests run the built app on the server's port,
 * under its real Content-Security-Policy, even on a fresh clone that was never built.
 */
import { cpSync, rmSync } from 'node:fs';
import { build } from 'vite';
import { DIST_DIR, PACKAGE_DIR, SERVED_DIR } from './paths';

export default async function setup(): Promise<void> {
  await productionBuild();
  rmSync(SERVED_DIR, { recursive: true, force: true });
  cpSync(DIST_DIR, SERVED_DIR, { recursive: true });
}

/** Vite takes a NODE_ENV already set as given, and vitest sets "test": that would bundle React's development build. */
async function productionBuild(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: PACKAGE_DIR, mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
