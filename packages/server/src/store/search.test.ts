/**
 * `searchMessages`, the operators' view of history, on both stores with the same cases: the
 * SQLite query and the memory store's loop must agree on which messages `q` may match.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store, StoredMessage } from '../core/ports.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const STORES: [string, () => Store][] = [
  ['memory', () => new MemoryStore(1000)],
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'charla-search-'));
      dirs.push(dir);
      return SqliteStore.open({ dataDir: dir, keep: 1000, maxAgeMs: 0, synchronous: 'normal' });
    },
  ],
];

const at = '2026-11-24T10:00:00.000Z';
const pub = (id: number, contenido: string): StoredMessage => ({
  frame: { tipo: 'mensaje', id, remitente: 'ana', contenido, marca_tiempo: at },
  senderLineage: 'L-ana',
});
const priv = (id: number, contenido: string): StoredMessage => ({
  frame: { tipo: 'privado', id, remitente: 'ana', para: 'bea', contenido, marca_tiempo: at },
  senderLineage: 'L-ana',
  recipientLineage: 'L-bea',
});

describe.each(STORES)('searchMessages (%s store)', (_name, make) => {
  async function filled(): Promise<Store> {
    const store = make();
    stores.push(store);
    await Promise.all([pub(1, 'Hola'), priv(2, 'hola secreta'), pub(3, 'adiós'), priv(4, 'HOLA de nuevo')].map((m) => store.append(m)));
    return store;
  }
  const ids = (page: { messages: StoredMessage[] }) => page.messages.map((m) => m.frame.id);

  it('lists every message, private ones too, when there is no q', async () => {
    const store = await filled();
    expect(ids(store.searchMessages({ limit: 10, searchConfidential: false }))).toEqual([1, 2, 3, 4]);
    expect(ids(store.searchMessages({ q: '', limit: 10, searchConfidential: false }))).toEqual([1, 2, 3, 4]);
  });

  it('never matches the text of private messages unless told it may', async () => {
    const store = await filled();
    expect(ids(store.searchMessages({ q: 'hola', limit: 10, searchConfidential: false }))).toEqual([1]);
    expect(ids(store.searchMessages({ q: 'hola', limit: 10, searchConfidential: true }))).toEqual([1, 2, 4]);
  });

  it('pages over the matching messages only', async () => {
    const store = await filled();
    expect(store.searchMessages({ q: 'hola', limit: 1, searchConfidential: false })).toMatchObject({ more: false });
    expect(ids(store.searchMessages({ q: 'hola', limit: 1, searchConfidential: false }))).toEqual([1]);
    const newest = store.searchMessages({ q: 'hola', limit: 1, searchConfidential: true });
    expect([ids(newest), newest.more]).toEqual([[4], true]);
    expect(ids(store.searchMessages({ q: 'hola', before: 4, limit: 10, searchConfidential: true }))).toEqual([1, 2]);
  });
});
