/**
 * The `charla` program: global options, the commands, and the one place flags and env are
 * read. `run` returns the exit code (exit-codes.ts) instead of exiting, so tests call it.
 * Commands live one per file in commands/; the `admin` group's in commands/admin/.
 */
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_ADMIN_URL } from './admin-client.js';
import { adminCommand } from './commands/admin/index.js';
import { chatCommand } from './commands/chat.js';
import { examplesTitled } from './commands/examples.js';
import { historyCommand } from './commands/history.js';
import { listenCommand } from './commands/listen.js';
import { sendCommand } from './commands/send.js';
import { usersCommand } from './commands/users.js';
import type { Context, ContextOf, Io } from './context.js';
import { CliFailure, EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import { createStyle } from './format.js';
import { detectLang, messages } from './i18n/index.js';
import type { CommandName, HelpTitle } from './i18n/index.js';
import { sanitize } from './sanitize.js';
import { tolerateClosedOutput } from './stop.js';
import { VERSION } from './version.js';

export const DEFAULT_URL = 'ws://localhost:55555/ws';

export interface GlobalOptions {
  url?: string;
  name?: string;
  secret?: string;
  /** The `admin` group's options (commands/admin/index.ts). */
  adminUrl?: string;
  token?: string;
  tokenFile?: string;
  dataDir?: string;
}

/** Flags win over env, env over defaults; an empty value counts as not given. */
export function settings(options: GlobalOptions, io: Io): Context {
  const given = (...values: (string | undefined)[]) => values.find((v) => v !== undefined && v !== '');
  const env = io.env;
  // NO_COLOR (no-color.org): any non-empty value. Colour only on a terminal that has it.
  const color = io.stdout.isTTY === true && given(env['NO_COLOR']) === undefined && env['TERM'] !== 'dumb';
  return {
    io,
    url: given(options.url, env['CHARLA_URL']) ?? DEFAULT_URL,
    name: given(options.name, env['CHARLA_NAME']),
    secret: given(options.secret, env['CHARLA_JOIN_SECRET']),
    adminUrl: given(options.adminUrl, env['CHARLA_ADMIN_URL']) ?? DEFAULT_ADMIN_URL,
    adminToken: given(options.token, env['CHARLA_ADMIN_TOKEN']),
    adminTokenFile: given(options.tokenFile, env['CHARLA_ADMIN_TOKEN_FILE']),
    dataDir: given(options.dataDir, env['CHARLA_DATA_DIR']),
    style: createStyle(color),
    t: messages(detectLang(env)),
  };
}

function program(io: Io): Command {
  const context: ContextOf = (command) => settings(command.optsWithGlobals<GlobalOptions>(), io);
  const t = messages(detectLang(io.env)).help;
  const root = new Command('charla')
    .description(t.description)
    .usage(t.usage)
    .version(VERSION, '-V, --version', t.version)
    .helpOption('-h, --help', t.help)
    .helpCommand('help [command]', t.helpCommand)
    .addOption(new Option('--url <url>', t.url(DEFAULT_URL)))
    .addOption(new Option('--name <name>', t.name))
    .addOption(new Option('--secret <secret>', t.secret))
    // Commander's own headings ("Usage:", "Options:"...) in the user's language.
    .configureHelp({ showGlobalOptions: true, styleTitle: (title) => t.titles[title as HelpTitle] ?? title })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError(t.afterError)
    .exitOverride();
  for (const make of [chatCommand, sendCommand, listenCommand, usersCommand, historyCommand, adminCommand]) {
    const command = make(context);
    command.description(t.commands[command.name() as CommandName]);
    root.addCommand(inherit(command, root), make === chatCommand ? { isDefault: true } : {});
  }
  root.addHelpText('after', ['', ...t.exitCodes, examplesTitled(t.examplesTitle, t.examples)].join('\n'));
  return root;
}

/**
 * addCommand, unlike command(), does not pass the settings above on by itself: copies them
 * down a command and its subcommands. Help settings a command made itself win.
 */
function inherit(command: Command, parent: Command): Command {
  const ownHelp = command.configureHelp();
  command.copyInheritedSettings(parent).configureHelp({ ...parent.configureHelp(), ...ownHelp });
  for (const sub of command.commands) inherit(sub, command);
  return command;
}

export async function run(argv: readonly string[], io: Io): Promise<ExitCode> {
  tolerateClosedOutput(io);
  try {
    await program(io).parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander has printed its message already (usage errors, --help, --version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliFailure) {
      io.stderr.write(`charla: ${sanitize(error.message)}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
