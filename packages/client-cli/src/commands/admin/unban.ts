/** `charla admin unban ID`: lifts a ban (DELETE /api/bans/:id). */
import { Command } from 'commander';
import type { ContextOf } from '../../context.js';
import { parseId } from '../arguments.js';
import { examples } from '../examples.js';
import { printLine } from '../output.js';
import { withAdmin } from './shared.js';

export function unbanCommand(context: ContextOf): Command {
  return new Command('unban')
    .description('lift a ban')
    .argument('<id>', 'the ban\'s id (charla admin bans)', parseId)
    .addHelpText(
      'after',
      examples(['charla admin unban 3', 'lift ban 3']) + '\n\nExit 2 when there is no such ban.',
    )
    .action(async (id: number, _options: unknown, command: Command) => {
      const ctx = context(command);
      await withAdmin(ctx, async (api) => {
        await api.unban(id);
        printLine(ctx.io, `ban ${id} lifted`);
      });
    });
}
