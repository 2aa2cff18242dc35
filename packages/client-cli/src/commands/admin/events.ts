/**
 * `charla admin events`: the server's live event stream (GET /api/events), one line per
 * event, until Ctrl+C or the reader goes away (exit 0), a wrong token (2), or the stream
 * ends (3). Viewer tokens may listen.
 */
import { Command } from 'commander';
import type { ContextOf } from '../../context.js';
import { renderEvent } from '../../ui/admin/events.js';
import { examples } from '../examples.js';
import { printJson, printLine } from '../output.js';
import { withAdmin } from './shared.js';

export function eventsCommand(context: ContextOf): Command {
  return new Command('events')
    .description('follow what happens on the server as it happens, until Ctrl+C')
    .option('--stats', 'include the "stats" event the server sends every second')
    .option('--json', 'print each event as the server sent it, one JSON line (NDJSON)')
    .addHelpText(
      'after',
      examples(
        ['charla admin events', 'connections, joins, leaves, messages (no content unless the server sends it), refusals, admin actions'],
        ['charla admin events --json | jq -r \'select(.type == "refused") | .address\' | sort | uniq -c', 'who keeps being refused'],
        ['charla admin events --json --stats | head -1', 'the next event (within a second), then stop (exit 0)'],
      ) +
        '\n\nEvent types: connection, disconnection, join, leave, message, private, refused, admin, node, stats.' +
        '\nIt starts from now: the recent events a server replays to a new listener are left out.',
    )
    .action(async (options: { stats?: boolean; json?: boolean }, command: Command) => {
      const ctx = context(command);
      await withAdmin(ctx, (api) =>
        api.follow((event) => {
          // The server first replays its recent past, then says `ready`: this command follows
          // what happens from now on, so a script reading it never sees an event twice.
          if (event.type === 'ready' || event.replay === true) return;
          if (event.type === 'stats' && !options.stats) return;
          if (options.json) printJson(ctx.io, event);
          else printLine(ctx.io, renderEvent(event, ctx.style));
        }),
      );
    });
}
