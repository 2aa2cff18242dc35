/**
 * History in an SQLite file (better-sqlite3), the default store. Messages are written in
 * group commits: what arrives within a few milliseconds goes in one transaction, and only
 * then are their promises resolved (so broadcast and ack follow durability). WAL with
 * `synchronous=NORMAL` survives a process crash; `FULL` also survives power loss.
 * (Over 300 lines because it implements the whole Store port against one database: every
 * method is a prepared statement or two; the schema steps are in migrations.ts.)
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { HistoryEntry } from '@charla/protocol';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import type {
  AuditRecord,
  BanRecord,
  HistoryPage,
  HistoryQuery,
  MessageSearch,
  RestoredSession,
  SessionRecord,
  Store,
  StoredMessage,
  Viewer,
} from '../core/ports.js';

export const DATABASE_FILE = 'charla.sqlite';

export interface SqliteStoreOptions {
  readonly dataDir: string;
  /** Messages kept; older ones are removed. */
  readonly keep: number;
  /** Messages older than this are removed too (0: no age limit). */
  readonly maxAgeMs: number;
  readonly synchronous: 'normal' | 'full';
  /** How long a group commit waits for more messages. */
  readonly commitWindowMs?: number;
}

/** The store cannot be opened; main prints the message and exits 2. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/** `confidential()` of visibility.ts in SQL: keep the two saying the same (search.test.ts runs both stores). */
const CONFIDENTIAL_SQL = "kind = 'privado'";

/** Refs per lineage restored after a restart (as many as the Hub remembers). */
const REFS_RESTORED = 1024;
const BATCH_MAX = 512;
const AGE_SWEEP_MS = 60_000;

interface Row {
  id: number;
  kind: 'mensaje' | 'privado';
  sender: string;
  recipient: string | null;
  content: string;
  at: string;
  sender_lineage: string;
  recipient_lineage: string | null;
  ref: string | null;
}

interface Waiting {
  readonly message: StoredMessage;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class SqliteStore implements Store {
  private batch: Waiting[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly ageTimer: NodeJS.Timeout | undefined;
  private maxId: number;
  private trimmedUpTo: number;
  private readonly statements;
  /** One transaction: insert the batch, advance last_id, apply retention. */
  private readonly writeBatch: (messages: StoredMessage[]) => void;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: SqliteStoreOptions,
  ) {
    const meta = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: number }[];
    const get = (key: string) => meta.find((m) => m.key === key)?.value ?? 0;
    this.maxId = get('last_id');
    this.trimmedUpTo = get('trimmed_up_to');
    this.statements = {
      insert: db.prepare(
        `INSERT INTO messages (id, kind, sender, recipient, content, at, sender_lineage, recipient_lineage, ref)
         VALUES (@id, @kind, @sender, @recipient, @content, @at, @sender_lineage, @recipient_lineage, @ref)`,
      ),
      setMeta: db.prepare('UPDATE meta SET value = ? WHERE key = ?'),
      history: db.prepare(
        `SELECT * FROM messages
         WHERE id <= @newest AND id > @after
           AND (recipient_lineage IS NULL OR sender_lineage = @lineage OR recipient_lineage = @lineage)
         ORDER BY id DESC LIMIT @limit`,
      ),
      keepFrom: db.prepare('SELECT id FROM messages ORDER BY id DESC LIMIT 1 OFFSET ?'),
      trimBelow: db.prepare('DELETE FROM messages WHERE id < ?'),
      trimOlder: db.prepare('DELETE FROM messages WHERE at < ? RETURNING id'),
      saveSession: db.prepare(
        `INSERT OR REPLACE INTO sessions (lineage, token_hash, name, since, seen_at, live)
         VALUES (@lineage, @tokenHash, @name, @since, @seenAt, @live)`,
      ),
      deleteSession: db.prepare('DELETE FROM sessions WHERE lineage = ?'),
      touchLive: db.prepare('UPDATE sessions SET seen_at = ? WHERE live = 1'),
      sessions: db.prepare('SELECT * FROM sessions'),
      deleteMessage: db.prepare('DELETE FROM messages WHERE id = ?'),
      search: db.prepare(
        `SELECT * FROM messages
         WHERE id < @before
           AND (@q IS NULL OR (instr(lower(content), @q) > 0 AND (@searchConfidential = 1 OR NOT (${CONFIDENTIAL_SQL}))))
         ORDER BY id DESC LIMIT @limit`,
      ),
      activeBans: db.prepare('SELECT * FROM bans WHERE until > ? ORDER BY id'),
      addBan: db.prepare(
        'INSERT INTO bans (name, name_key, address, until, reason, by) VALUES (@name, @nameKey, @address, @until, @reason, @by)',
      ),
      deleteBan: db.prepare('DELETE FROM bans WHERE id = ?'),
      appendAudit: db.prepare(
        'INSERT INTO audit (at, actor, action, target, details, address) VALUES (@at, @actor, @action, @target, @details, @address)',
      ),
      listAudit: db.prepare('SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?'),
      refs: db.prepare(
        `SELECT ref, id FROM messages WHERE sender_lineage = ? AND ref IS NOT NULL ORDER BY id DESC LIMIT ${REFS_RESTORED}`,
      ),
    };
    this.writeBatch = db.transaction((messages: StoredMessage[]) => {
      for (const message of messages) this.statements.insert.run(toRow(message));
      const last = messages.reduce((max, m) => Math.max(max, m.frame.id), this.maxId);
      this.statements.setMeta.run(last, 'last_id');
      this.maxId = last;
      this.trimByCount();
    });
    if (options.maxAgeMs > 0) {
      this.ageTimer = setInterval(() => this.trimByAge(), AGE_SWEEP_MS);
      this.ageTimer.unref();
    }
  }

  /**
   * Opens (or creates) the database in `dataDir`: the folder 0700, the file 0600. A database
   * that is corrupt, unreadable or newer than this code is refused, never started over.
   */
  static open(options: SqliteStoreOptions): SqliteStore {
    const file = join(options.dataDir, DATABASE_FILE);
    let db: Database.Database | undefined;
    try {
      mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      chmodSync(options.dataDir, 0o700);
      // SQLite gives its -wal and -shm files the database file's mode: create it 0600 first.
      if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
      chmodSync(file, 0o600);
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      db.pragma('busy_timeout = 5000');
      migrate(db, file);
      return new SqliteStore(db, options);
    } catch (error) {
      db?.close();
      if (error instanceof StoreOpenError) throw error;
      throw new StoreOpenError(
        `cannot open the database ${file}: ${(error as Error).message}. ` +
          'Restore it from a backup (charla-server backup FILE makes one), or move it away to start with an empty history.',
      );
    }
  }

  lastId(): number {
    return this.maxId;
  }

  append(message: StoredMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      this.batch.push({ message, resolve, reject });
      if (this.batch.length >= BATCH_MAX) this.flush();
      else this.flushTimer ??= setTimeout(() => this.flush(), this.options.commitWindowMs ?? 2);
    });
  }

  history(viewer: Viewer, query: HistoryQuery): HistoryPage {
    const rows = this.statements.history.all({
      newest: Math.min(query.upTo, (query.before ?? Number.MAX_SAFE_INTEGER) - 1),
      after: query.after ?? 0,
      lineage: viewer.lineage,
      limit: query.limit + 1,
    }) as Row[];
    const more = rows.length > query.limit || (query.after !== undefined && query.after < this.trimmedUpTo);
    return { messages: rows.slice(0, query.limit).reverse().map(fromRow), more };
  }

  saveSession(record: SessionRecord): void {
    this.statements.saveSession.run({ ...record, live: record.live ? 1 : 0 });
  }

  deleteSession(lineage: string): void {
    this.statements.deleteSession.run(lineage);
  }

  touchLiveSessions(now: number): void {
    this.statements.touchLive.run(now);
  }

  loadSessions(): RestoredSession[] {
    const rows = this.statements.sessions.all() as {
      lineage: string;
      token_hash: string;
      name: string;
      since: number;
      seen_at: number;
      live: number;
    }[];
    return rows.map((row) => ({
      lineage: row.lineage,
      tokenHash: row.token_hash,
      name: row.name,
      since: row.since,
      seenAt: row.seen_at,
      live: row.live === 1,
      refs: (this.statements.refs.all(row.lineage) as { ref: string; id: number }[]).map((r) => [r.ref, r.id] as const),
    }));
  }

  deleteMessage(id: number): boolean {
    return this.statements.deleteMessage.run(id).changes > 0;
  }

  searchMessages(search: MessageSearch): HistoryPage {
    const rows = this.statements.search.all({
      before: search.before ?? Number.MAX_SAFE_INTEGER,
      q: search.q === undefined || search.q === '' ? null : search.q.toLowerCase(),
      searchConfidential: search.searchConfidential ? 1 : 0,
      limit: search.limit + 1,
    }) as Row[];
    return { messages: rows.slice(0, search.limit).reverse().map(fromRow), more: rows.length > search.limit };
  }

  activeBans(now: number): BanRecord[] {
    const rows = this.statements.activeBans.all(now) as {
      id: number;
      name: string | null;
      name_key: string | null;
      address: string | null;
      until: number;
      reason: string;
      by: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      ...(r.name !== null && { name: r.name }),
      ...(r.name_key !== null && { nameKey: r.name_key }),
      ...(r.address !== null && { address: r.address }),
      until: r.until,
      reason: r.reason,
      by: r.by,
    }));
  }

  addBan(ban: Omit<BanRecord, 'id'>): BanRecord {
    const { lastInsertRowid } = this.statements.addBan.run({
      name: ban.name ?? null,
      nameKey: ban.nameKey ?? null,
      address: ban.address ?? null,
      until: ban.until,
      reason: ban.reason,
      by: ban.by,
    });
    return { ...ban, id: Number(lastInsertRowid) };
  }

  deleteBan(id: number): boolean {
    return this.statements.deleteBan.run(id).changes > 0;
  }

  appendAudit(entry: Omit<AuditRecord, 'id'>): AuditRecord {
    const { lastInsertRowid } = this.statements.appendAudit.run({ ...entry, details: JSON.stringify(entry.details) });
    return { ...entry, id: Number(lastInsertRowid) };
  }

  listAudit(before: number | undefined, limit: number): AuditRecord[] {
    const rows = this.statements.listAudit.all(before ?? Number.MAX_SAFE_INTEGER, limit) as (Omit<AuditRecord, 'details'> & {
      details: string;
    })[];
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
  }

  /** An online, consistent copy of the database (SQLite's backup API). */
  backup(file: string): Promise<unknown> {
    return this.db.backup(file);
  }

  async close(): Promise<void> {
    clearInterval(this.ageTimer);
    this.flush();
    this.db.close();
  }

  /** Writes the waiting messages in one transaction, then settles their promises. */
  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    try {
      this.writeBatch(batch.map((w) => w.message));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    for (const waiting of batch) waiting.resolve();
  }

  /** Keeps the newest `keep` messages; runs inside the commit, in chunks of a tenth. */
  private trimByCount(): void {
    if (this.maxId - this.trimmedUpTo <= this.options.keep + Math.max(100, this.options.keep / 10)) return;
    const oldestKept = this.statements.keepFrom.get(this.options.keep - 1) as { id: number } | undefined;
    if (oldestKept === undefined) return;
    this.statements.trimBelow.run(oldestKept.id);
    this.setTrimmed(oldestKept.id - 1);
  }

  private trimByAge(): void {
    const removed = this.statements.trimOlder.all(new Date(Date.now() - this.options.maxAgeMs).toISOString()) as { id: number }[];
    const highest = removed.reduce((max, r) => Math.max(max, r.id), 0);
    if (highest > this.trimmedUpTo) this.setTrimmed(highest);
  }

  private setTrimmed(id: number): void {
    this.trimmedUpTo = id;
    this.statements.setMeta.run(id, 'trimmed_up_to');
  }
}

function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new StoreOpenError(
      `the database ${file} has schema version ${version}, newer than this server understands (${SCHEMA_VERSION}). ` +
        'Run the newer charla-server that wrote it, or restore a backup made by this version.',
    );
  }
  for (let step = version; step < SCHEMA_VERSION; step++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[step] as string);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}

function toRow(message: StoredMessage): Row {
  const { frame } = message;
  return {
    id: frame.id,
    kind: frame.tipo,
    sender: frame.remitente,
    recipient: frame.tipo === 'privado' ? frame.para : null,
    content: frame.contenido,
    at: frame.marca_tiempo,
    sender_lineage: message.senderLineage,
    recipient_lineage: message.recipientLineage ?? null,
    ref: message.ref ?? null,
  };
}

function fromRow(row: Row): StoredMessage {
  const common = { id: row.id, remitente: row.sender, contenido: row.content, marca_tiempo: row.at };
  const frame: HistoryEntry =
    row.kind === 'privado' ? { tipo: 'privado', ...common, para: row.recipient ?? '' } : { tipo: 'mensaje', ...common };
  return {
    frame,
    senderLineage: row.sender_lineage,
    ...(row.ref !== null && { ref: row.ref }),
    ...(row.recipient_lineage !== null && { recipientLineage: row.recipient_lineage }),
  };
}
