/**
 * `charla admin accepting [on|off]`: whether new users may join (GET and PUT
 * /api/server/accepting); off with --disconnect-all also sends everyone away (the seed's
 * stop button).
 */
import { Argument, Command } from 'commander';
import type { admin } from '@charla/protocol';
import type { ContextOf } from '../../context.js';
import { usageError } from '../../exit-codes.js';
import { examples } from '../examples.js';
import { printAnswer } from '../output.js';
import { jsonOption, withAdmin } from './shared.js';

interface Options {
  disconnectAll?: boolean;
  reason?: string;
  json?: boolean;
}

const stateText = ({ accepting }: admin.Accepting) => (accepting ? 'accepting new users' : 'not accepting new users: joins are refused (no_aceptando)');

export function acceptingCommand(context: ContextOf): Command {
  return new Command('accepting')
    .description('show whether new users may join; "on" or "off" changes it')
    .addArgument(new Argument('[state]', 'on: let new users join; off: refuse them (who is in stays)').choices(['on', 'off']))
    .option('--disconnect-all', 'with off: also disconnect everyone (they get "servidor_cerrando")')
    .option('--reason <text>', 'with --disconnect-all: what everyone is told')
    .addOption(jsonOption('{accepting}'))
    .addHelpText(
      'after',
      examples(
        ['charla admin accepting', 'is the server letting people in?'],
        ['charla admin accepting off --disconnect-all --reason "maintenance"', 'close the chat: refuse joins, send everyone away'],
        ['charla admin accepting on', 'open it again'],
      ),
    )
    .action(async (state: 'on' | 'off' | undefined, options: Options, command: Command) => {
      const ctx = context(command);
      if (options.disconnectAll && state !== 'off') throw usageError('--disconnect-all goes with "off"');
      if (options.reason !== undefined && !options.disconnectAll) throw usageError('--reason goes with --disconnect-all');
      await withAdmin(ctx, async (api) => {
        const answer = state === undefined
          ? await api.accepting()
          : await api.setAccepting({ accepting: state === 'on', disconnectAll: options.disconnectAll, reason: options.reason });
        const after = options.disconnectAll ? '; everyone was disconnected' : '';
        printAnswer(ctx.io, options.json, answer, () => [`${stateText(answer)}${after}`]);
      });
    });
}
