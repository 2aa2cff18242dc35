#!/usr/bin/env node
/**
 * The `charla-server` process: config from flags and env, listen, stop cleanly on
 * SIGTERM/SIGINT, re-read the TLS certificate on SIGHUP. Exit codes (docs/operations.md): 0
 * clean stop, 1 bad config or usage, 2 runtime or storage failure.
 */
import { buildApp } from './app.js';
import { backupDatabase } from './backup.js';
import { ConfigError, parseCommandLine } from './config.js';
import { StoreOpenError } from './store/sqlite-store.js';
import { VERSION } from './version.js';

/** A stop that hangs (a peer that never closes) must still end the process. */
const STOP_DEADLINE_MS = 5000;

async function main(): Promise<number | undefined> {
  let command;
  try {
    command = parseCommandLine(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`charla-server: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (command.kind === 'help') {
    process.stdout.write(command.text);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command.kind === 'backup') {
    try {
      await backupDatabase(command.config.dataDir, command.file);
    } catch (error) {
      process.stderr.write(`charla-server: backup failed: ${(error as Error).message}\n`);
      return 2;
    }
    process.stdout.write(`backup written to ${command.file}\n`);
    return 0;
  }
  const { config } = command;
  // The handlers come first: installed after listening, they left a window in which a
  // SIGTERM (systemd's, or a test's as soon as the server said it listens) killed the
  // process outright, store open. A signal that comes while starting is answered once the
  // server listens.
  let signalled: string | undefined;
  let stop = (signal: string): void => {
    signalled ??= signal;
  };
  let hangUp = () => stop('SIGHUP');
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => hangUp());
  let app;
  try {
    app = await buildApp(config);
  } catch (error) {
    // Some settings can only be checked by using them (the TLS files): still a bad config.
    if (error instanceof ConfigError) {
      process.stderr.write(`charla-server: ${error.message}\n`);
      return 1;
    }
    if (error instanceof StoreOpenError) {
      process.stderr.write(`charla-server: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  try {
    await app.listen({ port: config.port, host: config.host });
    await app.adminApp?.listen({ port: config.adminPort ?? config.port, host: config.adminHost ?? config.host });
  } catch (error) {
    app.log.error({ err: error }, 'cannot listen');
    await app.close();
    return 2;
  }
  announceAdminToken(app.generatedAdminToken);

  let stopping = false;
  stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    setTimeout(() => {
      app.log.warn('stop deadline passed; exiting');
      process.exit(0);
    }, STOP_DEADLINE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error while stopping');
        process.exit(2);
      },
    );
  };
  // With TLS, SIGHUP re-reads the certificate; without it, a hang-up is a clean stop (its
  // default would end the process with the store open and no goodbye to anyone).
  const { reloadTls } = app;
  if (reloadTls !== null) hangUp = () => reloadTls();
  if (signalled !== undefined) stop(signalled);
  return undefined;
}

/** The generated admin token's file is always named; the token itself only on a terminal. */
function announceAdminToken(generated: { file: string; token: string } | null): void {
  if (generated === null) return;
  process.stdout.write(`charla-server: admin token in ${generated.file}\n`);
  if (process.stdout.isTTY) process.stdout.write(`charla-server: admin token: ${generated.token}\n`);
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`charla-server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
