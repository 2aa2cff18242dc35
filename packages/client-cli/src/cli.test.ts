/** The program's surface, in-process: help, version, usage errors, settings from flags and env. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../test/helpers.js';
import { DEFAULT_ADMIN_URL } from './admin-client.js';
import { DEFAULT_URL, run, settings } from './cli.js';
import { EXIT } from './exit-codes.js';

const COMMANDS = ['chat', 'send', 'listen', 'users', 'history'];
/** Listed by `charla --help`; its commands have their own options (test/admin.test.ts). */
const GROUPS = ['admin'];
/** Nothing listens on port 1: connecting fails at once. */
const NOWHERE = 'ws://127.0.0.1:1/ws';

describe('charla --help and --version', () => {
  it('lists every command, the exit codes and examples', async () => {
    const { io, stdout } = fakeIo();
    expect(await run(['--help'], io)).toBe(EXIT.ok);
    for (const command of [...COMMANDS, ...GROUPS]) expect(stdout()).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(stdout()).toContain('Exit codes: 0 ok');
    expect(stdout()).toContain('Examples:');
  });

  it.each(COMMANDS)('%s --help has examples and shows the global options', async (command) => {
    const { io, stdout } = fakeIo();
    expect(await run([command, '--help'], io)).toBe(EXIT.ok);
    expect(stdout()).toContain(`Usage: charla ${command}`);
    expect(stdout()).toMatch(/Examples:\n {2}\$ /);
    expect(stdout()).toContain('--url <url>');
    expect(stdout()).toContain('--name <name>');
  });

  it('--version prints the package version', async () => {
    const { io, stdout } = fakeIo();
    const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
    expect(await run(['--version'], io)).toBe(EXIT.ok);
    expect(stdout().trim()).toBe(version);
  });
});

describe('usage errors exit 1', () => {
  it.each([
    [['--bogus'], "unknown option '--bogus'"],
    [['send'], "missing required argument 'text'"],
    [['send', '  '], 'nothing to send'],
    [['history', '--limit', '0'], 'a whole number from 1 to 200'],
    [['history', '--limit', 'ten'], 'a whole number from 1 to 200'],
    [['users', 'extra'], 'too many arguments'],
  ])('charla %j', async (args, message) => {
    const { io, stderr } = fakeIo();
    expect(await run(args, io)).toBe(EXIT.usage);
    expect(stderr()).toContain(message);
  });

  it('a missing name with no terminal to ask on', async () => {
    const { io, stderr } = fakeIo();
    expect(await run([], io)).toBe(EXIT.usage);
    expect(stderr()).toBe('charla: no name given and no terminal to ask for one: pass --name or set CHARLA_NAME\n');
  });

  it('the interactive chat without a terminal, even with a name', async () => {
    const { io, stderr } = fakeIo({ CHARLA_NAME: 'ana' });
    expect(await run(['chat'], io)).toBe(EXIT.usage);
    expect(stderr()).toContain('needs a terminal');
  });
});

describe('the URL a command connects to', () => {
  it('comes from CHARLA_URL, and --url wins over it', async () => {
    const fromEnv = fakeIo({ CHARLA_URL: NOWHERE });
    expect(await run(['users'], fromEnv.io)).toBe(EXIT.network);
    expect(fromEnv.stderr()).toContain(`no connection to ${NOWHERE}`);

    const fromFlag = fakeIo({ CHARLA_URL: 'ws://127.0.0.1:2/ws' });
    expect(await run(['--url', NOWHERE, 'users'], fromFlag.io)).toBe(EXIT.network);
    expect(fromFlag.stderr()).toContain(NOWHERE);
  });
});

describe('settings', () => {
  const of = (options: Parameters<typeof settings>[0], env: Record<string, string> = {}, ttyOut = false) => settings(options, fakeIo(env, { ttyOut }).io);

  it('come from flags, then env, then defaults; an empty value counts as none', () => {
    expect(of({})).toMatchObject({ url: DEFAULT_URL, name: undefined, secret: undefined });
    const env = { CHARLA_URL: 'ws://env/ws', CHARLA_NAME: 'envname', CHARLA_JOIN_SECRET: 's3' };
    expect(of({}, env)).toMatchObject({ url: 'ws://env/ws', name: 'envname', secret: 's3' });
    expect(of({ url: 'ws://flag/ws', name: 'flagname', secret: 'f' }, env)).toMatchObject({ url: 'ws://flag/ws', name: 'flagname', secret: 'f' });
    expect(of({ name: '' }, { CHARLA_NAME: '' })).toMatchObject({ name: undefined });
  });

  it('for the admin API too: --admin-url, --token, --token-file and --data-dir, then their CHARLA_ variables', () => {
    expect(of({})).toMatchObject({ adminUrl: DEFAULT_ADMIN_URL, adminToken: undefined, adminTokenFile: undefined, dataDir: undefined });
    const env = { CHARLA_ADMIN_URL: 'http://env:1', CHARLA_ADMIN_TOKEN: 'from-env', CHARLA_ADMIN_TOKEN_FILE: 'env.token', CHARLA_DATA_DIR: 'env-data' };
    expect(of({}, env)).toMatchObject({ adminUrl: 'http://env:1', adminToken: 'from-env', adminTokenFile: 'env.token', dataDir: 'env-data' });
    expect(of({ adminUrl: 'http://flag:2', token: 'from-flag', tokenFile: 'flag.token', dataDir: 'flag-data' }, env)).toMatchObject({
      adminUrl: 'http://flag:2',
      adminToken: 'from-flag',
      adminTokenFile: 'flag.token',
      dataDir: 'flag-data',
    });
  });

  it('colour stdout only when it is a terminal and NO_COLOR is not set', () => {
    expect(of({}, {}, true).style.isColorSupported).toBe(true);
    expect(of({}, {}, false).style.isColorSupported).toBe(false);
    expect(of({}, { NO_COLOR: '1' }, true).style.isColorSupported).toBe(false);
    expect(of({}, { TERM: 'dumb' }, true).style.isColorSupported).toBe(false);
  });
});
