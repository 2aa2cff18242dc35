/**
 * `charla admin messages`: stored messages with their ids (GET /api/messages). Private ones
 * come without their text unless the server runs with --admin-reads-private.
 */
import { HISTORY_PAGE_MAX } from '@charla/protocol';
import { Command } from 'commander';
import type { ContextOf } from '../../context.js';
import { renderMessages } from '../../ui/admin/messages.js';
import { parseId, wholeNumber } from '../arguments.js';
import { examples } from '../examples.js';
import { printAnswer } from '../output.js';
import { jsonOption, withAdmin } from './shared.js';

export function messagesCommand(context: ContextOf): Command {
  return new Command('messages')
    .description('list stored messages, oldest first, with the ids delete-message takes')
    .option('--q <text>', 'only messages that contain this (any case)')
    .option('--before <id>', 'only messages older than this id (the next page)', parseId)
    .option('--limit <n>', `how many (1 to ${HISTORY_PAGE_MAX}; the server's default is 50)`, wholeNumber(1, HISTORY_PAGE_MAX))
    .addOption(jsonOption("GET /api/messages: {items, complete}; items are mensaje and privado frames (a privado's contenido is null unless the server runs with --admin-reads-private)"))
    .addHelpText(
      'after',
      examples(
        ['charla admin messages --q "buy now"', 'find the spam'],
        ["charla admin messages --q \"buy now\" --json | jq '.items[].id' | xargs -n1 charla admin delete-message", 'and delete it'],
      ),
    )
    .action(async (options: { q?: string; before?: number; limit?: number; json?: boolean }, command: Command) => {
      const ctx = context(command);
      await withAdmin(ctx, async (api) => {
        const page = await api.messages({ q: options.q, before: options.before, limit: options.limit });
        printAnswer(ctx.io, options.json, page, (answer) => renderMessages(answer, ctx.style));
      });
    });
}
