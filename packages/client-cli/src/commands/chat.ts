/**
 * `charla` / `charla chat`: the interactive chat in the terminal. Reconnects and resumes by
 * itself, and waits for a server that is not up yet (retrying with a countdown); ends with
 * Ctrl+C or /quit (exit 0), or a kick or ban (2).
 */
import { Command } from 'commander';
import { Transcript } from '../chat/transcript.js';
import type { ContextOf } from '../context.js';
import { usageError } from '../exit-codes.js';
import type { CliFailure } from '../exit-codes.js';
import { createClient, join } from '../session.js';
import { SIGNALS } from '../stop.js';
import { examples } from './examples.js';

export function chatCommand(context: ContextOf): Command {
  return new Command('chat')
    // Its one-line description is in i18n/messages.ts, in both languages.
    .addHelpText(
      'after',
      examples(
        ['charla', 'join ws://localhost:55555/ws; asks for your name'],
        ['charla --url wss://chat.example.org/ws --name ana', 'join another server as ana'],
        ['CHARLA_URL=ws://10.0.0.5:55555/ws CHARLA_NAME=ana charla', 'the same, from the environment'],
      ) + '\n\nIn the chat: Enter sends; /help lists the commands (/users, /msg NAME TEXT, /me ACTION, /history [N], /clear, /quit).',
    )
    .action(async (_options: unknown, command: Command) => {
      const ctx = context(command);
      if (!ctx.io.stdin.isTTY) {
        throw usageError(
          ctx.name === undefined
            ? 'no name given and no terminal to ask for one: pass --name or set CHARLA_NAME'
            : 'the interactive chat needs a terminal; for scripts use charla send, listen, users or history',
        );
      }
      // Loaded here: the scripting commands start faster without ink and React.
      const [{ render }, { createElement }, { ChatApp }] = await Promise.all([import('ink'), import('react'), import('../ui/chat-app.js')]);
      const client = createClient(true, ctx.url);
      let ended: { failure: CliFailure | null } | undefined;
      // The first reason to end wins; a join that fails while we leave is not news.
      const exit = (failure: CliFailure | null) => {
        if (ended !== undefined) return;
        ended = { failure };
        app.unmount();
      };
      const app = render(
        createElement(ChatApp, {
          client,
          transcript: new Transcript(client),
          style: ctx.style,
          url: ctx.url,
          name: ctx.name,
          join: (nombre: string) => join(client, ctx, nombre),
          onExit: exit,
          t: ctx.t,
        }),
        { stdin: ctx.io.stdin, stdout: ctx.io.stdout, stderr: ctx.io.stderr, exitOnCtrlC: false, patchConsole: false },
      );
      // Ctrl+C is a key in raw mode; signals from outside leave just as cleanly.
      const leave = () => exit(null);
      for (const signal of SIGNALS) process.on(signal, leave);
      try {
        await app.waitUntilExit();
      } finally {
        for (const signal of SIGNALS) process.off(signal, leave);
        client.disconnect();
      }
      if (ended?.failure) throw ended.failure;
    });
}
