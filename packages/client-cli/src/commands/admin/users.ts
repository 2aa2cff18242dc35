/** `charla admin users [Q]`: who is connected, searched and paged by the server (GET /api/users). */
import { admin } from '@charla/protocol';
import { Command } from 'commander';
import type { ContextOf } from '../../context.js';
import { renderUsers } from '../../ui/admin/users.js';
import { wholeNumber } from '../arguments.js';
import { examples } from '../examples.js';
import { printAnswer } from '../output.js';
import { jsonOption, withAdmin } from './shared.js';

export function usersCommand(context: ContextOf): Command {
  return new Command('users')
    .description('list the connected users: address, transport, since when, messages sent')
    .argument('[q]', 'only names that contain this (any case)')
    .option('--limit <n>', `how many (1 to ${admin.USERS_PAGE_MAX}; the server's default is 100)`, wholeNumber(1, admin.USERS_PAGE_MAX))
    .option('--offset <n>', 'skip this many first (names are in order)', wholeNumber(0), 0)
    .addOption(jsonOption('GET /api/users: {total, items}'))
    .addHelpText(
      'after',
      examples(
        ['charla admin users', 'everyone (the first 100)'],
        ['charla admin users ana', 'names containing "ana"'],
        ["charla admin users --json --limit 500 | jq -r '.items[] | select(.transport == \"tcp\") | .name'", 'who came in over raw TCP'],
      ),
    )
    .action(async (q: string | undefined, options: { limit?: number; offset: number; json?: boolean }, command: Command) => {
      const ctx = context(command);
      await withAdmin(ctx, async (api) => {
        const page = await api.users({ q, limit: options.limit, offset: options.offset });
        printAnswer(ctx.io, options.json, page, (answer) => renderUsers(answer, options.offset, ctx.style));
      });
    });
}
