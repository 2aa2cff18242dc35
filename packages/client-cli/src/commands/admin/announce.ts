/** `charla admin announce TEXT...`: a notice to everyone in the chat (POST /api/announcements). */
import { CONTENT_MAX } from '@charla/protocol';
import { Command } from 'commander';
import type { ContextOf } from '../../context.js';
import { usageError } from '../../exit-codes.js';
import { clock } from '../../format.js';
import { examples } from '../examples.js';
import { printAnswer } from '../output.js';
import { jsonOption, withAdmin } from './shared.js';

export function announceCommand(context: ContextOf): Command {
  return new Command('announce')
    .description('send an announcement to everyone in the chat (they see it as "sistema")')
    .argument('<text...>', `the announcement, up to ${CONTENT_MAX} characters (words are joined by spaces)`)
    .addOption(jsonOption('{at}'))
    .addHelpText(
      'after',
      examples(
        ['charla admin announce "maintenance at 20:00, back in 5 minutes"', 'everyone sees it at once'],
        ['charla admin announce "$(cat notice.txt)"', 'the text of a file'],
      ),
    )
    .action(async (words: string[], options: { json?: boolean }, command: Command) => {
      const ctx = context(command);
      const content = words.join(' ');
      if (content.trim() === '') throw usageError('nothing to announce: give the text');
      await withAdmin(ctx, async (api) => {
        const answer = await api.announce({ content });
        printAnswer(ctx.io, options.json, answer, ({ at }) => [`announced at ${clock(at)}`]);
      });
    });
}
