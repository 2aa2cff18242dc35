/**
 * The Hub's options from the config: the chat's rules and limits as configured, plus what
 * the app opened for it (the store, the logger, the cluster when `--redis` is set).
 */
import type { Config } from './config.js';
import type { HubOptions } from './core/hub.js';
import type { ClusterPort, Logger, Store } from './core/ports.js';
import { VERSION } from './version.js';

export interface HubParts {
  readonly store: Store;
  readonly log: Logger;
  readonly cluster?: ClusterPort | undefined;
}

export function hubOptions(config: Config, { store, log, cluster }: HubParts): HubOptions {
  return {
    serverName: 'charla',
    version: VERSION,
    store,
    log,
    contentMax: config.contentMax,
    frameMaxBytes: config.frameMaxBytes,
    messagesPer10s: config.messagesPer10s,
    identificationMs: config.identificationMs,
    pingMs: config.pingMs,
    graceMs: config.graceMs,
    historyOnJoin: config.historyOnJoin,
    maxConnections: config.maxConnections,
    maxPerAddress: config.maxPerAddress,
    outboundQueueBytes: config.outboundQueueBytes,
    joinSecret: config.joinSecret,
    cluster,
  };
}
