/** `charla admin stats`: how the server is doing (GET /api/stats). */
import { Command } from 'commander';
import type { ContextOf } from '../../context.js';
import { renderStats } from '../../ui/admin/stats.js';
import { examples } from '../examples.js';
import { printAnswer } from '../output.js';
import { jsonOption, withAdmin } from './shared.js';

export function statsCommand(context: ContextOf): Command {
  return new Command('stats')
    .description('connections, users, message rates, traffic, refusals, memory, uptime')
    .addOption(jsonOption('GET /api/stats'))
    .addHelpText(
      'after',
      examples(
        ['charla admin stats', 'a summary, one measure a line'],
        ['charla admin stats --json | jq .messagesPerSecond.last60s', 'one number, for a script or a graph'],
      ),
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = context(command);
      await withAdmin(ctx, async (api) => printAnswer(ctx.io, options.json, await api.stats(), (stats) => renderStats(stats, ctx.style)));
    });
}
