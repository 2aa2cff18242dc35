/** The SQLite store on real files in a temporary data dir. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations.js';
import { DATABASE_FILE, SqliteStore, StoreOpenError } from './sqlite-store.js';
import type { StoredMessage } from '../core/ports.js';

let dir: string;
const open: SqliteStore[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'charla-store-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

function store(options: Partial<Parameters<typeof SqliteStore.open>[0]> = {}): SqliteStore {
  const s = SqliteStore.open({ dataDir: join(dir, 'data'), keep: 1000, maxAgeMs: 0, synchronous: 'normal', ...options });
  open.push(s);
  return s;
}

const at = '2026-11-24T10:00:00.000Z';
const pub = (id: number, contenido = `m${id}`, ref?: string): StoredMessage => ({
  frame: { tipo: 'mensaje', id, remitente: 'ana', contenido, marca_tiempo: at },
  senderLineage: 'L-ana',
  ref,
});
const priv = (id: number, from: string, to: string): StoredMessage => ({
  frame: { tipo: 'privado', id, remitente: from, para: to, contenido: `p${id}`, marca_tiempo: at },
  senderLineage: `L-${from}`,
  recipientLineage: `L-${to}`,
});
const ids = (page: { messages: StoredMessage[] }) => page.messages.map((m) => m.frame.id);

describe('SqliteStore', () => {
  it('creates the data dir 0700 and the database 0600', () => {
    store();
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'data', DATABASE_FILE)).mode & 0o777).toBe(0o600);
  });

  it('keeps messages, their order and the last id across a reopen', async () => {
    const first = store();
    await Promise.all([first.append(pub(1, 'uno', 'r1')), first.append(priv(2, 'ana', 'bea')), first.append(pub(3, 'tres'))]);
    await first.close();
    const second = store();
    expect(second.lastId()).toBe(3);
    const page = second.history({ lineage: 'L-bea' }, { upTo: 3, limit: 10 });
    expect(page.messages).toEqual([pub(1, 'uno', 'r1'), priv(2, 'ana', 'bea'), pub(3, 'tres')]);
    expect(page.more).toBe(false);
  });

  it('shows private messages only to the two lineages', async () => {
    const s = store();
    await Promise.all([s.append(pub(1)), s.append(priv(2, 'ana', 'bea')), s.append(pub(3))]);
    expect(ids(s.history({ lineage: 'L-carla' }, { upTo: 3, limit: 10 }))).toEqual([1, 3]);
    expect(ids(s.history({ lineage: 'L-ana' }, { upTo: 3, limit: 10 }))).toEqual([1, 2, 3]);
  });

  it('pages with before, after, upTo and limit', async () => {
    const s = store();
    await Promise.all([1, 2, 3, 4, 5].map((id) => s.append(pub(id))));
    const viewer = { lineage: 'x' };
    expect(s.history(viewer, { upTo: 5, limit: 2 })).toMatchObject({ more: true });
    expect(ids(s.history(viewer, { upTo: 5, limit: 2 }))).toEqual([4, 5]);
    expect(ids(s.history(viewer, { upTo: 5, before: 4, limit: 2 }))).toEqual([2, 3]);
    expect(ids(s.history(viewer, { upTo: 4, after: 2, limit: 10 }))).toEqual([3, 4]);
    expect(s.history(viewer, { upTo: 5, before: 2, limit: 5 })).toMatchObject({ more: false });
  });

  it('writes what arrives together in one group commit', async () => {
    const s = store({ commitWindowMs: 50 });
    const writes = [1, 2, 3].map((id) => s.append(pub(id)));
    // Not durable yet: the commit window is open.
    expect(s.history({ lineage: 'x' }, { upTo: 3, limit: 10 }).messages).toEqual([]);
    await Promise.all(writes);
    expect(ids(s.history({ lineage: 'x' }, { upTo: 3, limit: 10 }))).toEqual([1, 2, 3]);
  });

  it('retains the newest messages by count, ids never going back', async () => {
    const s = store({ keep: 5 });
    for (let id = 1; id <= 120; id++) await s.append(pub(id));
    await s.close();
    const again = store({ keep: 5 });
    expect(again.lastId()).toBe(120);
    const all = again.history({ lineage: 'x' }, { upTo: 120, limit: 200 });
    expect(all.messages.length).toBeLessThanOrEqual(5 + 100);
    expect(all.messages.at(-1)?.frame.id).toBe(120);
    // A resume from before what retention removed is told it is incomplete.
    expect(again.history({ lineage: 'x' }, { upTo: 120, after: 1, limit: 200 }).more).toBe(true);
  });

  it('keeps ids increasing after retention removed older messages', async () => {
    const s = store({ keep: 1 });
    for (let id = 1; id <= 300; id++) await s.append(pub(id));
    await s.close();
    expect(store({ keep: 1 }).lastId()).toBe(300);
  });

  it('restores sessions with their recent refs', async () => {
    const s = store();
    s.saveSession({ lineage: 'L-ana', tokenHash: 'h1', name: 'Ana', since: 1, seenAt: 2, live: true });
    s.saveSession({ lineage: 'L-bea', tokenHash: 'h2', name: 'bea', since: 1, seenAt: 2, live: false });
    s.deleteSession('L-bea');
    await s.append(pub(1, 'uno', 'r1'));
    await s.append(pub(2, 'dos', 'r2'));
    s.touchLiveSessions(99);
    await s.close();
    expect(store().loadSessions()).toEqual([
      { lineage: 'L-ana', tokenHash: 'h1', name: 'Ana', since: 1, seenAt: 99, live: true, refs: [['r2', 2], ['r1', 1]] },
    ]);
  });

  it('migrates a database made by schema version 1', async () => {
    const data = join(dir, 'data');
    rmSync(data, { recursive: true, force: true });
    store({ dataDir: data });
    await open.pop()?.close();
    copyFileSync(new URL('../../test/fixtures/schema-v1.sqlite', import.meta.url), join(data, DATABASE_FILE));
    const s = store({ dataDir: data });
    expect(s.lastId()).toBe(5);
    expect(ids(s.history({ lineage: 'L-bea' }, { upTo: 5, limit: 10 }))).toEqual([1, 2, 5]);
    expect(s.loadSessions()).toEqual([]);
    await s.close();
    const db = new Database(join(data, DATABASE_FILE), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database newer than the code, naming the file and what to do', async () => {
    const s = store();
    await s.close();
    open.pop();
    const file = join(dir, 'data', DATABASE_FILE);
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => store()).toThrow(StoreOpenError);
    expect(() => store()).toThrow(new RegExp(`${file}.*newer.*backup`));
  });

  it('refuses a corrupt file and leaves it untouched', () => {
    const data = join(dir, 'data');
    store({ dataDir: data });
    void open.pop()?.close();
    const file = join(data, DATABASE_FILE);
    rmSync(file);
    const garbage = Buffer.alloc(8192, 0x5a);
    writeFileSync(file, garbage, { mode: 0o600 });
    expect(() => store({ dataDir: data })).toThrow(/cannot open the database .*charla\.sqlite.*(not a database|malformed)/);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('makes a consistent online backup while messages are being written', async () => {
    const s = store();
    for (let id = 1; id <= 50; id++) await s.append(pub(id));
    const writing = Promise.all(Array.from({ length: 200 }, (_, i) => s.append(pub(51 + i))));
    const copy = join(dir, 'backup.sqlite');
    await s.backup(copy);
    await writing;
    const db = new Database(copy, { readonly: true });
    const count = (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
    const last = (db.prepare("SELECT value FROM meta WHERE key = 'last_id'").get() as { value: number }).value;
    db.close();
    expect(count).toBeGreaterThanOrEqual(50);
    expect(last).toBe(count);
  });
});
