import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, parseCommandLine, settingsReference } from './config.js';

const serve = (argv: string[], env: Record<string, string> = {}) => {
  const command = parseCommandLine(argv, env);
  if (command.kind !== 'serve') throw new Error(`expected serve, got ${command.kind}`);
  return command.config;
};

describe('config', () => {
  it('has the documented defaults (docs/configuration.md)', () => {
    expect(defaultConfig()).toMatchObject({
      port: 55555,
      host: '0.0.0.0',
      dataDir: './data',
      persist: true,
      tcp: true,
      logLevel: 'info',
      maxConnections: 10_000,
      maxPerAddress: 50,
      contentMax: 4000,
      frameMaxBytes: 65_536,
      messagesPer10s: 30,
      identificationMs: 10_000,
      pingMs: 25_000,
      graceMs: 15_000,
      historyOnJoin: 100,
      historyKeep: 10_000,
      outboundQueueBytes: 1_048_576,
      eventsIncludeContent: false,
      adminReadsPrivate: false,
    });
    expect(defaultConfig().redisUrl).toBeUndefined();
  });

  it('reads env, and flags win over env', () => {
    expect(serve([], { CHARLA_PORT: '4000' }).port).toBe(4000);
    expect(serve(['--port', '5000'], { CHARLA_PORT: '4000' }).port).toBe(5000);
    expect(serve(['--port=6000']).port).toBe(6000);
    expect(serve(['--grace-ms', '0']).graceMs).toBe(0);
    expect(serve([], { CHARLA_JOIN_SECRET: 's3cret' }).joinSecret).toBe('s3cret');
  });

  it('takes booleans as --x / --no-x and env true/false', () => {
    expect(serve(['--no-persist']).persist).toBe(false);
    expect(serve(['--persist'], { CHARLA_PERSIST: 'false' }).persist).toBe(true);
    expect(serve([], { CHARLA_TCP: 'false' }).tcp).toBe(false);
    expect(serve(['--events-include-content']).eventsIncludeContent).toBe(true);
  });

  it('keeps private messages from operators unless --admin-reads-private (or its env) says otherwise', () => {
    expect(serve([]).adminReadsPrivate).toBe(false);
    expect(serve(['--admin-reads-private']).adminReadsPrivate).toBe(true);
    expect(serve([], { CHARLA_ADMIN_READS_PRIVATE: 'true' }).adminReadsPrivate).toBe(true);
    expect(serve(['--no-admin-reads-private'], { CHARLA_ADMIN_READS_PRIVATE: 'true' }).adminReadsPrivate).toBe(false);
    expect(() => serve([], { CHARLA_ADMIN_READS_PRIVATE: 'yes' })).toThrow(/^CHARLA_ADMIN_READS_PRIVATE: "yes" is not valid/);
  });

  it('names the setting in one line when a value is bad', () => {
    expect(() => serve(['--port', 'abc'])).toThrow(/^--port: "abc" is not valid/);
    expect(() => serve([], { CHARLA_PORT: '70000' })).toThrow(/^CHARLA_PORT: "70000"/);
    expect(() => serve([], { CHARLA_PERSIST: 'yes' })).toThrow(/CHARLA_PERSIST/);
    expect(() => serve(['--log-level', 'loud'])).toThrow(/--log-level/);
    expect(() => serve(['--max-connections', '0'])).toThrow(/--max-connections/);
  });

  it('passes over a lone -- (pnpm start -- --port N)', () => {
    expect(serve(['--', '--port', '56000']).port).toBe(56_000);
  });

  it('refuses unknown flags, missing values and stray arguments', () => {
    expect(() => serve(['--prot', '1'])).toThrow(ConfigError);
    expect(() => serve(['--port'])).toThrow(/needs a value/);
    expect(() => serve(['serve'])).toThrow(/unexpected argument/);
    expect(() => serve(['--no-port'])).toThrow(ConfigError);
    expect(() => serve(['--tls-cert', 'a.pem'])).toThrow(/go together/);
  });

  it('answers --help and --version', () => {
    const help = parseCommandLine(['--help'], {});
    expect(help.kind).toBe('help');
    if (help.kind === 'help') {
      for (const flag of ['--port', '--[no-]persist', 'CHARLA_OUTBOUND_QUEUE_BYTES', '--[no-]admin-reads-private', 'CHARLA_ADMIN_READS_PRIVATE', 'Exit codes']) {
        expect(help.text).toContain(flag);
      }
    }
    expect(parseCommandLine(['--version'], {}).kind).toBe('version');
  });
});

describe('docs/configuration.md', () => {
  const page = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
  /** The table's rows: flag, env, default, what it does. */
  const rows = page
    .split('\n')
    .filter((line) => line.startsWith('| `--'))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/ \|$/, '')));

  it('lists every setting with its flag, env variable and default, in --help order', () => {
    const expected = settingsReference().map((s) => [`\`${s.flag}\``, `\`${s.env}\``, s.fallback === undefined ? 'none' : `\`${s.fallback}\``]);
    expect(rows.map((row) => row.slice(0, 3))).toEqual(expected);
  });

  it('says what each setting does', () => {
    for (const row of rows) expect(row[3]?.length ?? 0, row[0]).toBeGreaterThan(20);
  });
});
