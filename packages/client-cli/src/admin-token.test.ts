/** Where `charla admin` finds its token (admin-token.ts), in a scratch directory. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAdminToken } from './admin-token.js';
import { EXIT } from './exit-codes.js';

let cwd: string;
beforeEach(() => void (cwd = mkdtempSync(join(tmpdir(), 'charla-token-'))));
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const none = { adminToken: undefined, adminTokenFile: undefined, dataDir: undefined };
function tokenFile(dir: string, token: string): string {
  mkdirSync(join(cwd, dir), { recursive: true });
  const file = join(cwd, dir, 'admin-token');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return file;
}
const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not fail');
};

describe('findAdminToken', () => {
  it('takes a given token as is, before any file', () => {
    tokenFile('data', 'from-file');
    expect(findAdminToken({ ...none, adminToken: 'given', adminTokenFile: 'x' }, cwd)).toEqual({ token: 'given' });
  });

  it('reads --token-file (trimmed), relative to the working directory, and says which file', () => {
    const file = tokenFile('elsewhere', '  secret  ');
    tokenFile('data', 'not-this-one');
    expect(findAdminToken({ ...none, adminTokenFile: 'elsewhere/admin-token' }, cwd)).toEqual({ token: 'secret', file });
  });

  it('a --token-file that is not there is a usage error (1)', () => {
    expect(failure(() => findAdminToken({ ...none, adminTokenFile: 'nope' }, cwd))).toMatchObject({
      exitCode: EXIT.usage,
      message: `cannot read the admin token file ${join(cwd, 'nope')} (ENOENT)`,
    });
  });

  it('reads the admin-token of --data-dir, and only that one', () => {
    const file = tokenFile('srv', 'dir-token');
    tokenFile('data', 'default-token');
    expect(findAdminToken({ ...none, dataDir: 'srv' }, cwd)).toEqual({ token: 'dir-token', file });
    expect(failure(() => findAdminToken({ ...none, dataDir: 'empty-dir' }, cwd))).toMatchObject({ exitCode: EXIT.refused, message: expect.stringContaining(`no ${join(cwd, 'empty-dir', 'admin-token')}`) });
  });

  it('without settings: data/admin-token, then packages/server/data/admin-token (where `pnpm start` at the root puts it)', () => {
    const server = tokenFile('packages/server/data', 'pnpm-start-token');
    expect(findAdminToken(none, cwd)).toEqual({ token: 'pnpm-start-token', file: server });
    const here = tokenFile('data', 'here-token');
    expect(findAdminToken(none, cwd)).toEqual({ token: 'here-token', file: here });
  });

  it('nothing found is unauthorized (2), naming every place looked in', () => {
    expect(failure(() => findAdminToken(none, cwd))).toMatchObject({
      exitCode: EXIT.refused,
      message: `no admin token: pass --token (CHARLA_ADMIN_TOKEN) or --token-file (CHARLA_ADMIN_TOKEN_FILE), or the server's --data-dir (CHARLA_DATA_DIR); no ${join(cwd, 'data/admin-token')} or ${join(cwd, 'packages/server/data/admin-token')}`,
    });
  });

  it('a found file that cannot be used is unauthorized (2), with why', () => {
    const file = tokenFile('data', '');
    expect(failure(() => findAdminToken(none, cwd))).toMatchObject({ exitCode: EXIT.refused, message: `the admin token file ${file} is empty` });
    chmodSync(file, 0o000);
    // root reads it anyway; anyone else is told why not.
    if (process.getuid?.() !== 0) expect(failure(() => findAdminToken(none, cwd))).toMatchObject({ exitCode: EXIT.refused, message: `cannot read the admin token file ${file} (EACCES)` });
  });
});
