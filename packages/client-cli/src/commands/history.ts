/** `charla history`: the newest messages, oldest first. */
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX } from '@charla/protocol';
import { Command } from 'commander';
import { frameToLine } from '../chat/lines.js';
import type { ContextOf } from '../context.js';
import { createClient, runScripted } from '../session.js';
import { renderLine } from '../ui/render-line.js';
import { wholeNumber } from './arguments.js';
import { examples } from './examples.js';
import { printJson, printLine } from './output.js';

export function historyCommand(context: ContextOf): Command {
  return new Command('history')
    // Its one-line description is in i18n/messages.ts, in both languages.
    .option('--limit <n>', `how many (1 to ${HISTORY_PAGE_MAX})`, wholeNumber(1, HISTORY_PAGE_MAX), HISTORY_PAGE_DEFAULT)
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
          else printLine(ctx.io, renderLine(frameToLine(message, aceptado.nombre, now.toISOString()), ctx.style, now, ctx.t));
        }
      });
    });
}
