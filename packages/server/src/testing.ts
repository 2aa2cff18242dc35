/**
 * For other packages' tests (SDK, clients, bench): a real server on an ephemeral loopback
 * port, in memory, silent.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { defaultConfig } from './config.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly port: number;
  /** `ws://127.0.0.1:PORT/ws` (`wss://` when the config has TLS) */
  readonly url: string;
  /** Stops it (clients get `servidor_cerrando`); safe to call twice. */
  close(): Promise<void>;
}

/** The admin token of servers started here, unless a test sets its own. */
export const TEST_ADMIN_TOKEN = 'test-admin-token';

export async function startServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const config = defaultConfig({ host: '127.0.0.1', port: 0, persist: false, adminToken: TEST_ADMIN_TOKEN, ...overrides });
  const app = await buildApp(config, { logger: false });
  await app.listen({ host: config.host, port: config.port });
  const { port } = app.server.address() as AddressInfo;
  // In cluster mode, ready means joined: wait until Redis has answered.
  for (const deadline = Date.now() + 10_000; app.hub.operator.clusterReachable === false; ) {
    if (Date.now() > deadline) throw new Error(`no Redis at ${config.redisUrl ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  let closing: Promise<void> | undefined;
  return {
    app,
    port,
    url: `${config.tlsCert === undefined ? 'ws' : 'wss'}://127.0.0.1:${port}/ws`,
    close: () => (closing ??= app.close()),
  };
}

/** A loopback port with nothing listening on it now (the OS's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
