/** `charla admin delete-message ID`: removes a message from history and every screen (DELETE /api/messages/:id). */
import { Command } from 'commander';
import type { ContextOf } from '../../context.js';
import { parseId } from '../arguments.js';
import { examples } from '../examples.js';
import { printLine } from '../output.js';
import { withAdmin } from './shared.js';

export function deleteMessageCommand(context: ContextOf): Command {
  return new Command('delete-message')
    .description('delete a message: gone from history, and clients hide it (mensaje_borrado)')
    .argument('<id>', 'the message\'s id (charla admin messages)', parseId)
    .addHelpText('after', examples(['charla admin delete-message 1234', 'delete message 1234']) + '\n\nExit 2 when there is no such message.')
    .action(async (id: number, _options: unknown, command: Command) => {
      const ctx = context(command);
      await withAdmin(ctx, async (api) => {
        await api.deleteMessage(id);
        printLine(ctx.io, `message ${id} deleted`);
      });
    });
}
