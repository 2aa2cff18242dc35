/** `charla admin audit`: every admin write, newest first (GET /api/audit). */
import { HISTORY_PAGE_MAX } from '@charla/protocol';
import { Command } from 'commander';
import type { ContextOf } from '../../context.js';
import { renderAudit } from '../../ui/admin/audit.js';
import { parseId, wholeNumber } from '../arguments.js';
import { examples } from '../examples.js';
import { printAnswer } from '../output.js';
import { jsonOption, withAdmin } from './shared.js';

export function auditCommand(context: ContextOf): Command {
  return new Command('audit')
    .description('the audit log: who (token label) did what, to whom, when and from where; newest first')
    .option('--before <id>', 'only entries older than this id (the next page)', parseId)
    .option('--limit <n>', `how many (1 to ${HISTORY_PAGE_MAX}; the server's default is 50)`, wholeNumber(1, HISTORY_PAGE_MAX))
    .addOption(jsonOption('GET /api/audit: {items}'))
    .addHelpText(
      'after',
      examples(
        ['charla admin audit --limit 10', 'the last ten actions'],
        ["charla admin audit --json --limit 200 | jq -r '.items[] | select(.action == \"kick\") | .target'", 'who was kicked lately'],
      ),
    )
    .action(async (options: { before?: number; limit?: number; json?: boolean }, command: Command) => {
      const ctx = context(command);
      await withAdmin(ctx, async (api) => {
        const page = await api.audit({ before: options.before, limit: options.limit });
        printAnswer(ctx.io, options.json, page, (answer) => renderAudit(answer, ctx.style));
      });
    });
}
