/**
 * `charla admin ...`: operating a server through its admin API (docs/admin-api.md), one file per
 * command. The group holds what they share: where the API is, and the token.
 */
import { Command, Option } from 'commander';
import { DEFAULT_ADMIN_URL } from '../../admin-client.js';
import type { ContextOf } from '../../context.js';
import { examples } from '../examples.js';
import { acceptingCommand } from './accepting.js';
import { announceCommand } from './announce.js';
import { auditCommand } from './audit.js';
import { banCommand } from './ban.js';
import { bansCommand } from './bans.js';
import { deleteMessageCommand } from './delete-message.js';
import { eventsCommand } from './events.js';
import { kickCommand } from './kick.js';
import { meCommand } from './me.js';
import { messagesCommand } from './messages.js';
import { statsCommand } from './stats.js';
import { unbanCommand } from './unban.js';
import { usersCommand } from './users.js';

const COMMANDS = [
  statsCommand,
  usersCommand,
  kickCommand,
  bansCommand,
  banCommand,
  unbanCommand,
  announceCommand,
  acceptingCommand,
  messagesCommand,
  deleteMessageCommand,
  auditCommand,
  eventsCommand,
  meCommand,
];

export function adminCommand(context: ContextOf): Command {
  const group: Command = new Command('admin')
    // Its one-line description is in i18n/messages.ts, in both languages.
    .addOption(new Option('--admin-url <url>', `the admin API's address (env CHARLA_ADMIN_URL; default ${DEFAULT_ADMIN_URL})`))
    .addOption(new Option('--token <token>', 'an admin token (env CHARLA_ADMIN_TOKEN); a viewer token may only read'))
    .addOption(new Option('--token-file <file>', 'read the token from this file (env CHARLA_ADMIN_TOKEN_FILE)'))
    .addOption(new Option('--data-dir <dir>', "use the token a server with this --data-dir generated, <dir>/admin-token (env CHARLA_DATA_DIR)"))
    // The chat's options (--url, --name, --secret) mean nothing here: the commands list the group's.
    .configureHelp({ visibleGlobalOptions: (command) => (command === group ? [] : [...group.options]) })
    .addHelpText(
      'after',
      [
        '',
        'The token: one of the server\'s --admin-token/--admin-tokens, or the one it generated in',
        '<data-dir>/admin-token. With no --token or --token-file, charla reads that file itself:',
        '--data-dir\'s, or else ./data/admin-token, or else ./packages/server/data/admin-token (where',
        '`pnpm start` at the repository\'s root keeps it), and says on stderr which file it used.',
        'Exit codes: 0 ok (Ctrl+C and a closed pipe too), 1 usage or a request the server found invalid,',
        '            2 refused (no token found, a wrong or viewer token, no such user, ban or message),',
        '            3 network failure or server error.',
        examples(
          ['charla admin me', 'which token is in use (and the file it came from), and what it may do'],
          ['charla admin stats', 'how the server is doing'],
          ['charla admin kick bea --reason spam --ban 3600', 'kick bea and keep her out for an hour'],
          ['charla admin events --json | jq -c \'select(.type == "join")\'', 'follow the joins'],
        ),
      ].join('\n'),
    );
  for (const make of COMMANDS) group.addCommand(make(context));
  return group;
}
