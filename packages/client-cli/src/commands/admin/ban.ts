/** `charla admin ban --name N | --address A --seconds S`: bans, kicking whoever matches now (POST /api/bans). */
import { Command, Option } from 'commander';
import type { ContextOf } from '../../context.js';
import { usageError } from '../../exit-codes.js';
import { renderBan } from '../../ui/admin/bans.js';
import { wholeNumber } from '../arguments.js';
import { examples } from '../examples.js';
import { printAnswer } from '../output.js';
import { jsonOption, withAdmin } from './shared.js';

export function banCommand(context: ContextOf): Command {
  return new Command('ban')
    .description('ban a name or an address for a while; whoever matches is kicked now')
    // Listed for --help only: --name is also the chat's global option, which the program
    // parses before this command does, wherever it stands. The action reads it from there.
    .addOption(new Option('--name <name>', 'the name to ban (any case, and names that look like it)'))
    .addOption(new Option('--address <ip>', 'the address to ban, as `charla admin users` shows it'))
    .requiredOption('--seconds <n>', 'for how long (required)', wholeNumber(1))
    .option('--reason <text>', 'told to whoever is kicked and kept with the ban')
    .addOption(jsonOption('the ban: {id, name|address, until, reason, by}'))
    .addHelpText(
      'after',
      examples(
        ['charla admin ban --name bea --seconds 3600 --reason spam', 'bea stays out for an hour'],
        ['charla admin ban --address 203.0.113.9 --seconds 86400 --json | jq .id', 'ban an address for a day; print the ban\'s id'],
      ),
    )
    .action(async (options: { address?: string; seconds: number; reason?: string; json?: boolean }, command: Command) => {
      const ctx = context(command);
      // The flag only: ctx.name would fall back to CHARLA_NAME, the chat name.
      const { name } = command.optsWithGlobals<{ name?: string }>();
      if ((name === undefined) === (options.address === undefined)) throw usageError('give one of --name or --address');
      await withAdmin(ctx, async (api) => {
        const ban = await api.ban({ name, address: options.address, seconds: options.seconds, reason: options.reason ?? '' });
        printAnswer(ctx.io, options.json, ban, renderBan);
      });
    });
}
