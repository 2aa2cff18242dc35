/** `charla users`: who is online now (this command's own connection left out). */
import { Command } from 'commander';
import type { ContextOf } from '../context.js';
import { createClient, runScripted } from '../session.js';
import { renderUsers } from '../ui/users.js';
import { examples } from './examples.js';
import { printJson, printLine } from './output.js';

export function usersCommand(context: ContextOf): Command {
  return new Command('users')
    // Its one-line description is in i18n/messages.ts, in both languages.
    .option('--json', 'one JSON object per user and line (NDJSON): {"nombre", "desde"}')
    .addHelpText(
      'after',
      examples(
        ['charla users', 'names, and since when they are online'],
        ['charla users --json | jq -r .nombre', 'just the names'],
        ['charla users --json | wc -l', 'how many are online'],
      ),
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = context(command);
      const client = createClient(false, ctx.url);
      await runScripted(ctx, client, async (aceptado) => {
        const users = (await client.users()).filter((user) => user.nombre !== aceptado.nombre);
        if (options.json) for (const user of users) printJson(ctx.io, user);
        else for (const line of renderUsers(users, ctx.style)) printLine(ctx.io, line);
      });
    });
}
