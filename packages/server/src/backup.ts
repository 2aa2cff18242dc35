import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from './store/sqlite-store.js';

/**
 * `charla-server backup FILE`: a consistent copy of the history database, made with SQLite's
 * online backup API, so it can run while the server is writing.
 */
export async function backupDatabase(dataDir: string, file: string): Promise<void> {
  const source = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
}
