/** `charla admin bans`: the bans in force (GET /api/bans). */
import { Command } from 'commander';
import type { ContextOf } from '../../context.js';
import { renderBans } from '../../ui/admin/bans.js';
import { examples } from '../examples.js';
import { printAnswer } from '../output.js';
import { jsonOption, withAdmin } from './shared.js';

export function bansCommand(context: ContextOf): Command {
  return new Command('bans')
    .description('list the bans in force: id, name or address, until when, by whom, why')
    .addOption(jsonOption('GET /api/bans: {items}'))
    .addHelpText(
      'after',
      examples(
        ['charla admin bans', 'a table; the ID is what unban takes'],
        ["charla admin bans --json | jq -r '.items[] | select(.by == \"ops\") | .id' | xargs -n1 charla admin unban", 'lift every ban made with the "ops" token'],
      ),
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = context(command);
      await withAdmin(ctx, async (api) => printAnswer(ctx.io, options.json, await api.bans(), (list) => renderBans(list, ctx.style)));
    });
}
