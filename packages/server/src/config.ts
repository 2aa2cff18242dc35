/**
 * The server's one config: flags win over env, env over defaults (docs/configuration.md),
 * validated with zod. Nothing else in the server reads `process.env` or `process.argv`.
 */
import { z } from 'zod';
import {
  CONTENT_MAX,
  DEFAULT_PORT,
  FRAME_MAX_BYTES,
  GRACE_MS,
  HISTORY_KEEP,
  HISTORY_ON_JOIN,
  IDENTIFICATION_MS,
  MESSAGES_PER_10S,
  OUTBOUND_QUEUE_BYTES,
  PING_MS,
  WIRE,
} from '@charla/protocol';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const text = z.string().min(1);

/** Each setting: its flag, env variable, parser and default. The order is `--help`'s. */
const SETTINGS = {
  port: { flag: 'port', env: 'CHARLA_PORT', schema: int(0, 65535), fallback: DEFAULT_PORT, help: 'port of the chat (WebSocket /ws and line-JSON TCP)' },
  host: { flag: 'host', env: 'CHARLA_HOST', schema: text, fallback: '0.0.0.0', help: 'address to listen on' },
  dataDir: { flag: 'data-dir', env: 'CHARLA_DATA_DIR', schema: text, fallback: './data', help: 'where history and the admin token live' },
  persist: { flag: 'persist', env: 'CHARLA_PERSIST', schema: bool, fallback: true, help: 'keep history on disk (--no-persist: in memory)' },
  tcp: { flag: 'tcp', env: 'CHARLA_TCP', schema: bool, fallback: true, help: 'accept line-JSON TCP clients on the same port' },
  redisUrl: { flag: 'redis', env: 'CHARLA_REDIS_URL', schema: text, fallback: undefined, help: 'redis://HOST:6379 to join a cluster' },
  adminToken: { flag: 'admin-token', env: 'CHARLA_ADMIN_TOKEN', schema: text, fallback: undefined, help: 'admin API token (label "admin")' },
  adminTokens: {
    flag: 'admin-tokens',
    env: 'CHARLA_ADMIN_TOKENS',
    schema: z.string().regex(/^\s*[^:,\s]+:[^:,\s]+(:viewer)?\s*(,\s*[^:,\s]+:[^:,\s]+(:viewer)?\s*)*$/, 'expected label:token[:viewer],...'),
    fallback: undefined,
    help: 'label:token[:viewer],...',
  },
  adminHost: { flag: 'admin-host', env: 'CHARLA_ADMIN_HOST', schema: text, fallback: undefined, help: 'serve the admin API on its own address' },
  adminPort: { flag: 'admin-port', env: 'CHARLA_ADMIN_PORT', schema: int(0, 65535), fallback: undefined, help: 'serve the admin API on its own port' },
  joinSecret: { flag: 'join-secret', env: 'CHARLA_JOIN_SECRET', schema: text, fallback: undefined, help: 'clients must send this "clave" to join' },
  trustProxy: { flag: 'trust-proxy', env: 'CHARLA_TRUST_PROXY', schema: text, fallback: undefined, help: 'CIDR,... whose X-Forwarded-For is believed' },
  tlsCert: { flag: 'tls-cert', env: 'CHARLA_TLS_CERT', schema: text, fallback: undefined, help: 'PEM certificate file (serve wss:/https:)' },
  tlsKey: { flag: 'tls-key', env: 'CHARLA_TLS_KEY', schema: text, fallback: undefined, help: 'PEM key file' },
  logLevel: {
    flag: 'log-level',
    env: 'CHARLA_LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    fallback: 'info',
    help: 'fatal|error|warn|info|debug|trace|silent',
  },
  maxConnections: { flag: 'max-connections', env: 'CHARLA_MAX_CONNECTIONS', schema: int(1, 1_000_000), fallback: 10_000, help: 'connections in total' },
  maxPerAddress: { flag: 'max-per-address', env: 'CHARLA_MAX_PER_ADDRESS', schema: int(1, 1_000_000), fallback: 50, help: 'connections per client address' },
  contentMax: { flag: 'content-max', env: 'CHARLA_CONTENT_MAX', schema: int(1, WIRE.contentChars), fallback: CONTENT_MAX, help: 'message length, in characters' },
  frameMaxBytes: { flag: 'frame-max-bytes', env: 'CHARLA_FRAME_MAX_BYTES', schema: int(1024, WIRE.contentChars), fallback: FRAME_MAX_BYTES, help: 'largest client frame' },
  messagesPer10s: { flag: 'messages-per-10s', env: 'CHARLA_MESSAGES_PER_10S', schema: int(1, 100_000), fallback: MESSAGES_PER_10S, help: 'messages per connection per 10 s' },
  identificationMs: { flag: 'identification-ms', env: 'CHARLA_IDENTIFICATION_MS', schema: int(100, 600_000), fallback: IDENTIFICATION_MS, help: 'time to identify after connecting' },
  pingMs: { flag: 'ping-ms', env: 'CHARLA_PING_MS', schema: int(100, 600_000), fallback: PING_MS, help: 'heartbeat interval' },
  graceMs: { flag: 'grace-ms', env: 'CHARLA_GRACE_MS', schema: int(0, 3_600_000), fallback: GRACE_MS, help: 'a lost user\'s name is held this long for a resume' },
  historyOnJoin: { flag: 'history-on-join', env: 'CHARLA_HISTORY_ON_JOIN', schema: int(0, 10_000), fallback: HISTORY_ON_JOIN, help: 'messages sent on join' },
  historyKeep: { flag: 'history-keep', env: 'CHARLA_HISTORY_KEEP', schema: int(1, 100_000_000), fallback: HISTORY_KEEP, help: 'messages kept' },
  historyMaxAgeDays: {
    flag: 'history-max-age-days',
    env: 'CHARLA_HISTORY_MAX_AGE_DAYS',
    schema: int(0, 36_500),
    fallback: 0,
    help: 'messages older than this are removed (0: kept by count only)',
  },
  synchronous: {
    flag: 'synchronous',
    env: 'CHARLA_SYNCHRONOUS',
    schema: z.enum(['normal', 'full']),
    fallback: 'normal',
    help: 'SQLite durability: normal survives a crash, full also power loss',
  },
  outboundQueueBytes: {
    flag: 'outbound-queue-bytes',
    env: 'CHARLA_OUTBOUND_QUEUE_BYTES',
    schema: int(64 * 1024, 1024 * 1024 * 1024),
    fallback: OUTBOUND_QUEUE_BYTES,
    help: 'a client that falls this far behind is dropped (4004)',
  },
  eventsIncludeContent: { flag: 'events-include-content', env: 'CHARLA_EVENTS_INCLUDE_CONTENT', schema: bool, fallback: false, help: 'admin event stream carries message text' },
  adminReadsPrivate: {
    flag: 'admin-reads-private',
    env: 'CHARLA_ADMIN_READS_PRIVATE',
    schema: bool,
    fallback: false,
    help: 'operators may read private messages (each read is audited; users are told)',
  },
} as const;

type Settings = typeof SETTINGS;
export type Config = {
  -readonly [K in keyof Settings]: z.output<Settings[K]['schema']> | (Settings[K]['fallback'] extends undefined ? undefined : never);
};

export type Command =
  | { kind: 'serve'; config: Config }
  | { kind: 'backup'; file: string; config: Config }
  | { kind: 'help'; text: string }
  | { kind: 'version' };

/** A bad flag or value; main prints `message` (one line) and exits 1. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const BOOLEAN_KEYS = new Set(
  Object.entries(SETTINGS)
    .filter(([, s]) => s.schema === bool)
    .map(([key]) => key as keyof Settings),
);
const BY_FLAG = new Map<string, keyof Settings>(Object.entries(SETTINGS).map(([key, s]) => [s.flag, key as keyof Settings]));

/** Reads flags (`--x value`, `--x=value`, `--x` / `--no-x` for booleans) and env. */
export function parseCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  if (argv[0] === 'backup') {
    const [file, ...rest] = argv.slice(1);
    if (file === undefined || file.startsWith('--')) throw new ConfigError('usage: charla-server backup FILE [--data-dir DIR]');
    const command = parseCommandLine(rest, env);
    return command.kind === 'serve' ? { kind: 'backup', file, config: command.config } : command;
  }
  const raw = new Map<keyof Settings, { value: string; source: string }>();
  for (const [key, s] of Object.entries(SETTINGS) as [keyof Settings, Settings[keyof Settings]][]) {
    const value = env[s.env];
    if (value !== undefined && value !== '') raw.set(key, { value, source: s.env });
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    // `pnpm start -- --port N` hands the `--` on: it ends pnpm's options, not ours.
    if (arg === '--') continue;
    if (arg === '--help' || arg === '-h') return { kind: 'help', text: helpText() };
    if (arg === '--version' || arg === '-v') return { kind: 'version' };
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument "${arg}" (see --help)`);
    const [flagPart, inline] = splitOnce(arg.slice(2), '=');
    const negated = flagPart.startsWith('no-') && BY_FLAG.has(flagPart.slice(3));
    const key = BY_FLAG.get(negated ? flagPart.slice(3) : flagPart);
    if (key === undefined) throw new ConfigError(`unknown flag --${flagPart} (see --help)`);
    const source = `--${flagPart}`;
    if (BOOLEAN_KEYS.has(key)) {
      if (inline !== undefined && negated) throw new ConfigError(`${source} takes no value`);
      raw.set(key, { value: negated ? 'false' : (inline ?? 'true'), source });
      continue;
    }
    if (negated) throw new ConfigError(`--${flagPart} is not a flag: --${flagPart.slice(3)} is not a boolean`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`${source} needs a value`);
    raw.set(key, { value, source });
  }
  const config: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(SETTINGS) as [keyof Settings, Settings[keyof Settings]][]) {
    const given = raw.get(key);
    if (given === undefined) {
      config[key] = s.fallback;
      continue;
    }
    const parsed = s.schema.safeParse(given.value);
    if (!parsed.success) {
      const why = parsed.error.issues[0]?.message ?? 'invalid';
      throw new ConfigError(`${given.source}: "${given.value}" is not valid (${why})`);
    }
    config[key] = parsed.data;
  }
  const result = config as Config;
  if ((result.tlsCert === undefined) !== (result.tlsKey === undefined)) {
    throw new ConfigError('--tls-cert and --tls-key go together');
  }
  return { kind: 'serve', config: result };
}

/** The defaults, as a test or an embedding program starts from. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  const command = parseCommandLine([], {});
  if (command.kind !== 'serve') throw new Error('unreachable');
  return { ...command.config, ...overrides };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** One setting as people read it: in `--help` and in docs/configuration.md (a test keeps them equal). */
export interface SettingReference {
  /** `--port`, or `--[no-]persist` for a boolean. */
  readonly flag: string;
  readonly env: string;
  /** The default as text; undefined when the setting is off unless given. */
  readonly fallback: string | undefined;
  readonly help: string;
  readonly takesValue: boolean;
}

export function settingsReference(): SettingReference[] {
  return Object.values(SETTINGS).map((s) => ({
    flag: s.schema === bool ? `--[no-]${s.flag}` : `--${s.flag}`,
    env: s.env,
    fallback: s.fallback === undefined ? undefined : String(s.fallback),
    help: s.help,
    takesValue: s.schema !== bool,
  }));
}

function helpText(): string {
  const rows = settingsReference().map((s) => {
    const flag = s.takesValue ? `${s.flag} VALUE` : s.flag;
    const fallback = s.fallback === undefined ? '' : ` (default ${s.fallback})`;
    return `  ${flag.padEnd(32)} ${s.help}${fallback}\n  ${''.padEnd(32)} env ${s.env}`;
  });
  return [
    'charla-server: a real-time multi-user chat server',
    '',
    'Usage: charla-server [flags]',
    '       charla-server backup FILE [--data-dir DIR]   an online, consistent copy of the history',
    '',
    'Clients connect to ws://HOST:PORT/ws (the protocol: docs/protocol.md in the charla repository). Flags win over env.',
    '',
    ...rows,
    '  --help, --version',
    '',
    'Exit codes: 0 clean stop, 1 bad config or usage, 2 runtime or storage failure.',
    '',
  ].join('\n');
}
