/**
 * The SQLite schema, as numbered steps. `PRAGMA user_version` holds the step a database is
 * at; opening applies the missing ones, each in its own transaction. Never edit a step that
 * has shipped: add one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: history.
  `CREATE TABLE messages (
     id INTEGER PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('mensaje', 'privado')),
     sender TEXT NOT NULL,
     recipient TEXT,
     content TEXT NOT NULL,
     at TEXT NOT NULL,
     sender_lineage TEXT NOT NULL,
     recipient_lineage TEXT,
     ref TEXT
   );`,
  // 2: ids that never go back (even when retention empties the table), sessions that
  // survive a restart, bans and the audit log.
  `CREATE INDEX messages_by_sender_lineage ON messages (sender_lineage, id);
   CREATE INDEX messages_by_time ON messages (at);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
   INSERT INTO meta (key, value) VALUES
     ('last_id', COALESCE((SELECT MAX(id) FROM messages), 0)),
     ('trimmed_up_to', 0);
   CREATE TABLE sessions (
     lineage TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     since INTEGER NOT NULL,
     seen_at INTEGER NOT NULL,
     live INTEGER NOT NULL
   );
   CREATE TABLE bans (
     id INTEGER PRIMARY KEY,
     name TEXT,
     name_key TEXT,
     address TEXT,
     until INTEGER NOT NULL,
     reason TEXT NOT NULL,
     by TEXT NOT NULL
   );
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     details TEXT NOT NULL,
     address TEXT NOT NULL
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
