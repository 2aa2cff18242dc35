/**
 * What every command gets from cli.ts: the streams it talks through and the settings read
 * once from flags and env.
 */
import type { Command } from 'commander';
import type { Style } from './format.js';
import type { Messages } from './i18n/index.js';

export interface Io {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Context {
  readonly io: Io;
  /** `ws://host:55555/ws`: --url, CHARLA_URL, or the default. */
  readonly url: string;
  /** --name or CHARLA_NAME; undefined when neither is given. */
  readonly name: string | undefined;
  /** The server's join secret: --secret or CHARLA_JOIN_SECRET. */
  readonly secret: string | undefined;
  /** `http://host:55555`, where the admin API lives: --admin-url, CHARLA_ADMIN_URL, or the default. */
  readonly adminUrl: string;
  /** --token or CHARLA_ADMIN_TOKEN; undefined when neither is given. Never printed. */
  readonly adminToken: string | undefined;
  /** --token-file or CHARLA_ADMIN_TOKEN_FILE: a file holding the token (admin-token.ts). */
  readonly adminTokenFile: string | undefined;
  /** --data-dir or CHARLA_DATA_DIR: a local server's data dir, whose admin-token to use. */
  readonly dataDir: string | undefined;
  /** Colours for stdout: on a terminal without NO_COLOR, plain otherwise. */
  readonly style: Style;
  /** What to say, in the user's language (LC_ALL, LC_MESSAGES, LANG). */
  readonly t: Messages;
}

/** Builds the context for a command from its parsed options (global ones included). */
export type ContextOf = (command: Command) => Context;
