/**
 * `buildApp(config)`: the whole server as a Fastify app that has not listened yet. main.ts
 * listens; tests listen on port 0 or use `app.inject()`.
 */
import websocket from '@fastify/websocket';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { hostname } from 'node:os';
import type { Server as TlsServer } from 'node:tls';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { AdminTokens, registerAdmin } from './admin/index.js';
import { registerChatInfo } from './chat-info.js';
import { RedisCluster } from './cluster/redis-cluster.js';
import type { Config } from './config.js';
import { Hub } from './core/hub.js';
import { hubOptions } from './hub-options.js';
import { MemoryStore } from './store/memory-store.js';
import { SqliteStore } from './store/sqlite-store.js';
import type { Store } from './core/ports.js';
import { shareWithTcp } from './transport/tcp.js';
import { readTlsCredentials, reloadTls } from './transport/tls.js';
import { registerWebSocketTransport } from './transport/websocket.js';
import { VERSION } from './version.js';
import { registerWebApps } from './web-apps.js';

declare module 'fastify' {
  interface FastifyInstance {
    hub: Hub;
    /** The admin API's own app when `--admin-host`/`--admin-port` set it apart; main listens it too. */
    adminApp: FastifyInstance | null;
    /** Where the generated admin token is, when none was configured. */
    generatedAdminToken: { file: string; token: string } | null;
    /**
     * With `--tls-cert`/`--tls-key`: reads them again into every listener (main calls it on
     * SIGHUP). False, with the error logged, when the files are bad and the old ones stay.
     */
    reloadTls: (() => boolean) | null;
  }
}

/**
 * A stop says goodbye to every client (servidor_cerrando, a close frame, a `cierre` line);
 * those that have not closed this long after are cut off, so one that never answers holds
 * the stop for this long rather than for the stop deadline.
 */
const STOP_GRACE_MS = 500;

export interface BuildOptions {
  /** Defaults to the store the config asks for. */
  readonly store?: Store;
  /** Pino options or false; defaults to JSON lines at the config's level. */
  readonly logger?: boolean | { level: string };
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const tlsFiles = config.tlsCert !== undefined && config.tlsKey !== undefined ? { cert: config.tlsCert, key: config.tlsKey } : undefined;
  // Read before anything is opened (store, Redis): a bad file is a bad config (ConfigError).
  const credentials = tlsFiles === undefined ? undefined : readTlsCredentials(tlsFiles);
  const fastifyOptions = {
    logger: options.logger ?? { level: config.logLevel },
    // Clients identify within seconds; nothing here needs long-lived idle HTTP.
    forceCloseConnections: true,
    // Whose X-Forwarded-For is believed, so caps, bans and the audit see real addresses.
    ...(config.trustProxy !== undefined && { trustProxy: config.trustProxy.split(',').map((cidr) => cidr.trim()) }),
    // An https server when TLS is configured. Its handshake gets the time a client has to
    // identify, not Node's 120 s: a silent connection lasts no longer here than on plain TCP.
    https: credentials === undefined ? null : { ...credentials, handshakeTimeout: config.identificationMs },
  };
  // Typed as the plain-HTTP app either way: an https server is an HTTP server to everything
  // here (its 'request' and 'upgrade' events, closeAllConnections); only tcp.ts looks closer.
  const createApp = () => Fastify(fastifyOptions) as unknown as FastifyInstance;
  const app = createApp();
  const store = options.store ?? openStore(config);
  const cluster =
    config.redisUrl === undefined
      ? undefined
      : new RedisCluster({ url: config.redisUrl, address: () => `${publicHost(config.host)}:${listeningPort(app) ?? config.port}`, logLength: config.historyKeep, messagesPer10s: config.messagesPer10s, log: app.log });
  const hub = new Hub(hubOptions(config, { store, log: app.log, cluster }));
  app.decorate('hub', hub);
  if (cluster !== undefined) app.addHook('onClose', async () => cluster.stop());
  const websocketOptions = {
    options: { maxPayload: config.frameMaxBytes, perMessageDeflate: false },
    // The Hub has already said goodbye to every connection (servidor_cerrando, 1001).
    preClose: () => undefined,
  };
  await app.register(websocket, websocketOptions);
  registerWebSocketTransport(app, hub, { pingMs: config.pingMs, maxPayload: config.frameMaxBytes, trustProxy: config.trustProxy });
  const tcp = config.tcp
    ? shareWithTcp(app.server, hub, {
        frameMaxBytes: config.frameMaxBytes,
        identificationMs: config.identificationMs,
        pingMs: config.pingMs,
      })
    : undefined;

  const { tokens, generated } = AdminTokens.load(config.adminToken, config.adminTokens, config.dataDir);
  app.decorate('generatedAdminToken', generated ?? null);
  const apart = config.adminHost !== undefined || config.adminPort !== undefined;
  // Apart, the admin API gets the chat's TLS too (same certificate): operators' bearer
  // tokens and the event stream must not cross the network in the clear once the operator
  // asked for TLS, and no setting says the admin port may be plain. Whoever wants TLS at a
  // proxy instead sets neither file and terminates it there, for both ports.
  const adminApp = apart ? createApp() : app;
  if (apart) await adminApp.register(websocket, websocketOptions);
  registerAdmin(adminApp, {
    hub,
    store,
    tokens,
    version: VERSION,
    eventsIncludeContent: config.eventsIncludeContent,
    adminReadsPrivate: config.adminReadsPrivate,
  });
  app.decorate('adminApp', apart ? adminApp : null);
  const tlsServers = () => (apart ? [app.server, adminApp.server] : [app.server]) as unknown as TlsServer[];
  app.decorate('reloadTls', tlsFiles === undefined ? null : () => reloadTls(tlsServers(), tlsFiles, app.log));
  // The admin app stops with the chat's (preClose below), so its listeners' goodbyes get
  // the same grace.
  let adminClosed: Promise<void> | undefined;
  if (apart) app.addHook('onClose', async () => adminClosed);
  const open = openSockets(apart ? [app.server, adminApp.server] : [app.server]);

  // Users' clients tell them what operators here can read (the web client's help).
  registerChatInfo(app, { privateMessagesReadableByOperators: config.adminReadsPrivate });

  // The operator console goes where the admin API is.
  const webApps = [
    ...(await registerWebApps(app, apart ? ['chat'] : ['chat', 'dashboard'])),
    ...(apart ? await registerWebApps(adminApp, ['dashboard']) : []),
  ];
  if (!webApps.includes('chat')) {
    app.get('/', async () => ({
      name: 'charla',
      version: VERSION,
      chat: 'connect a WebSocket to /ws and send {"tipo":"identificacion","nombre":"..."}',
      web: 'not built: run `pnpm build` to serve the web chat here',
    }));
  }

  app.addHook('preClose', async () => {
    hub.shutdown('el servidor se está cerrando');
    // Connections that never said a word have nobody to say goodbye to, and only the
    // sniffer knows them (forceCloseConnections reaches what HTTP parsed).
    tcp?.close();
    if (apart) adminClosed = adminApp.close();
    setTimeout(() => {
      for (const socket of open) socket.destroy();
    }, STOP_GRACE_MS).unref();
  });
  app.addHook('onClose', async () => {
    await store.close();
  });
  return app;
}

/**
 * Every socket the servers accepted that is still open, upgraded ones included. Call after
 * shareWithTcp, which takes over the servers' 'connection' listeners.
 */
function openSockets(servers: readonly Server[]): ReadonlySet<Socket> {
  const open = new Set<Socket>();
  // One listener for all sockets (no closure per connection); 'close' comes once.
  function forget(this: Socket) {
    open.delete(this);
  }
  for (const server of servers) {
    server.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.on('close', forget);
    });
  }
  return open;
}

/** How other nodes and operators name this one: its host name unless it listens on one address. */
function publicHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? hostname() : host;
}

function listeningPort(app: FastifyInstance): number | undefined {
  const address = app.server.address();
  return typeof address === 'object' && address !== null ? address.port : undefined;
}

/** SQLite in the data dir by default; memory with `--no-persist`. Throws StoreOpenError. */
function openStore(config: Config): Store {
  if (!config.persist) return new MemoryStore(config.historyKeep);
  return SqliteStore.open({
    dataDir: config.dataDir,
    keep: config.historyKeep,
    maxAgeMs: config.historyMaxAgeDays * 86_400_000,
    synchronous: config.synchronous,
  });
}
