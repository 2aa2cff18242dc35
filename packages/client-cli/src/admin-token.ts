/**
 * Where `charla admin` gets its token when none is given, so an operator on the server's
 * machine needs no copy-paste. The first of these wins:
 *
 *   --token / CHARLA_ADMIN_TOKEN               the token itself
 *   --token-file / CHARLA_ADMIN_TOKEN_FILE     a file holding it (one you name must be there: exit 1)
 *   --data-dir / CHARLA_DATA_DIR               the admin-token a server with that data dir generated
 *   data/admin-token                           the server's default data dir, started from here
 *   packages/server/data/admin-token           `pnpm start` at the repository's root runs the server
 *                                              in packages/server, so its data dir is there
 *
 * A token read from a file is announced (its path, never the token) by the caller; nothing
 * found is unauthorized (exit 2), with the places looked in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Context } from './context.js';
import { CliFailure, EXIT } from './exit-codes.js';

/** The file name the server writes its generated token to, in its data dir. */
export const TOKEN_FILE = 'admin-token';
/** Data dirs tried, relative to the working directory, when none is given. */
export const DATA_DIRS = ['data', join('packages', 'server', 'data')] as const;

export interface AdminToken {
  readonly token: string;
  /** The file it was read from (absolute), or undefined when it was given as is. */
  readonly file?: string;
}

export function findAdminToken(settings: Pick<Context, 'adminToken' | 'adminTokenFile' | 'dataDir'>, cwd: string): AdminToken {
  if (settings.adminToken !== undefined) return { token: settings.adminToken };
  if (settings.adminTokenFile !== undefined) return read(resolve(cwd, settings.adminTokenFile), EXIT.usage);
  const candidates = (settings.dataDir !== undefined ? [settings.dataDir] : DATA_DIRS).map((dir) => resolve(cwd, dir, TOKEN_FILE));
  const found = candidates.find((file) => existsSync(file));
  if (found !== undefined) return read(found, EXIT.refused);
  throw new CliFailure(
    EXIT.refused,
    `no admin token: pass --token (CHARLA_ADMIN_TOKEN) or --token-file (CHARLA_ADMIN_TOKEN_FILE), or the server's --data-dir (CHARLA_DATA_DIR); no ${candidates.join(' or ')}`,
  );
}

/** A token file's content, trimmed; `exitCode` when it cannot be used. */
function read(file: string, exitCode: typeof EXIT.usage | typeof EXIT.refused): AdminToken {
  let token: string;
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliFailure(exitCode, `cannot read the admin token file ${file} (${why})`);
  }
  if (token === '') throw new CliFailure(exitCode, `the admin token file ${file} is empty`);
  return { token, file };
}
