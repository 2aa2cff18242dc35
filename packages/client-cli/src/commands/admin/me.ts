/** `charla admin me`: who the token is (GET /api/me); a quick check that it works. */
import { Command } from 'commander';
import type { ContextOf } from '../../context.js';
import { oneLine } from '../../ui/table.js';
import { examples } from '../examples.js';
import { printAnswer } from '../output.js';
import { jsonOption, withAdmin } from './shared.js';

const MAY = { admin: 'may read and act', viewer: 'may only read' } as const;

export function meCommand(context: ContextOf): Command {
  return new Command('me')
    .description('who this token is: its label, and whether it may act (admin) or only read (viewer)')
    .addOption(jsonOption('{label, role}'))
    .addHelpText(
      'after',
      examples(
        ['charla admin me', 'check that the token works, and what it may do'],
        ['charla admin me --json | jq -r .role', '"admin" or "viewer", for a script'],
      ),
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = context(command);
      await withAdmin(ctx, async (api) =>
        printAnswer(ctx.io, options.json, await api.me(), ({ label, role }) => [`${oneLine(label)}: ${role} (${MAY[role]})`]),
      );
    });
}
