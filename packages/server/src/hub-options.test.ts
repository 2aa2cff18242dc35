import { describe, expect, it } from 'vitest';
import { defaultConfig } from './config.js';
import { hubOptions } from './hub-options.js';
import { MemoryStore } from './store/memory-store.js';

describe('hubOptions', () => {
  it("gives the Hub the config's rules and limits, and the parts the app opened", () => {
    const rules = {
      contentMax: 500,
      frameMaxBytes: 2048,
      messagesPer10s: 7,
      identificationMs: 1234,
      pingMs: 4321,
      graceMs: 999,
      historyOnJoin: 3,
      maxConnections: 11,
      maxPerAddress: 2,
      outboundQueueBytes: 65_536,
      joinSecret: 's3creto',
    };
    const store = new MemoryStore(10);
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    expect(hubOptions(defaultConfig(rules), { store, log })).toEqual({
      serverName: 'charla',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      store,
      log,
      ...rules,
      cluster: undefined,
    });
  });
});
