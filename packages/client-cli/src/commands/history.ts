/** `charla history`: the newest messages, oldest first. */
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX } from '@charla/protocol';
import { Command, InvalidArgumentError } from 'commander';
import { frameToLine } from '../chat/lines.js';
import type { ContextOf } from '../context.js';
import { createClient, runScripted } from '../session.js';
import { renderLine } from '../ui/render-line.js';
import { examples } from './examples.js';
import { printJson, printLine } from './output.js';

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > HISTORY_PAGE_MAX) throw new InvalidArgumentError(`a whole number from 1 to ${HISTORY_PAGE_MAX}`);
  return limit;
}

export function historyCommand(context: ContextOf): Command {
  return new Command('history')
    .description('print the newest messages, oldest first')
    .option('--limit <n>', `how many (1 to ${HISTORY_PAGE_MAX})`, parseLimit, HISTORY_PAGE_DEFAULT)
    .option('--json', 'one message frame per line (NDJSON)')
    .addHelpText(
      'after',
      examples(
        ['charla history --limit 10', 'the last ten messages'],
        ['charla history --limit 200 --json | jq -r .remitente | sort | uniq -c | sort -rn', 'who talked most lately'],
      ),
    )
    .action(async (options: { limit: number; json?: boolean }, command: Command) => {
      const ctx = context(command);
      const client = createClient(false, ctx.url);
      await runScripted(ctx, client, async (aceptado) => {
        const page = await client.history({ limite: options.limit });
        const now = new Date();
        for (const message of page.mensajes) {
          if (options.json) printJson(ctx.io, message);
          else printLine(ctx.io, renderLine(frameToLine(message, aceptado.nombre, now.toISOString()), ctx.style, now));
        }
      });
    });
}
