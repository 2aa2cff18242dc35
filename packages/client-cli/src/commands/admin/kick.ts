/** `charla admin kick NAME`: disconnects a user, optionally banning the name (POST /api/users/:name/kick). */
import { Command } from 'commander';
import type { ContextOf } from '../../context.js';
import { duration } from '../../format.js';
import { sanitize } from '../../sanitize.js';
import { wholeNumber } from '../arguments.js';
import { examples } from '../examples.js';
import { printAnswer } from '../output.js';
import { jsonOption, withAdmin } from './shared.js';

export function kickCommand(context: ContextOf): Command {
  return new Command('kick')
    .description('disconnect a user (they get "expulsado"); with --ban, keep the name out for a while')
    .argument('<name>', 'who (any case)')
    .option('--reason <text>', 'told to the user and kept in the audit log')
    .option('--ban <seconds>', 'also ban the name for this long', wholeNumber(1))
    .addOption(jsonOption('{"kicked": true}'))
    .addHelpText(
      'after',
      examples(
        ['charla admin kick bea --reason "calm down"', 'kick bea; she can come back at once'],
        ['charla admin kick bea --reason spam --ban 86400', 'kick bea and ban the name for a day'],
      ) + '\n\nExit 2 when nobody of that name is connected.',
    )
    .action(async (name: string, options: { reason?: string; ban?: number; json?: boolean }, command: Command) => {
      const ctx = context(command);
      await withAdmin(ctx, async (api) => {
        const answer = await api.kick(name, { reason: options.reason ?? '', banSeconds: options.ban });
        const banned = options.ban === undefined ? '' : `, and banned the name for ${duration(options.ban)} (charla admin bans)`;
        printAnswer(ctx.io, options.json, answer, () => [`kicked ${sanitize(name)}${banned}`]);
      });
    });
}
