/**
 * Before a web app's browser tests: build it for production and put it where the server
 * serves it (what `pnpm build` does), so the tests run the built app on the server's port,
 * under its real Content-Security-Policy, even on a fresh clone that was never built.
 */
import { cpSync, rmSync } from 'node:fs';
import { build } from 'vite';

export async function buildAndServe(app: { packageDir: string; distDir: string; servedDir: string }): Promise<void> {
  await productionBuild(app.packageDir);
  rmSync(app.servedDir, { recursive: true, force: true });
  cpSync(app.distDir, app.servedDir, { recursive: true });
}

/** Vite takes a NODE_ENV already set as given, and vitest sets "test": that would bundle React's development build. */
async function productionBuild(root: string): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
