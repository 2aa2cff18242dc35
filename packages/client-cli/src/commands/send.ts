/**
 * `charla send TEXT...` sends one message; `charla send -` one message per stdin line. Exits
 * once every message was acked (stored by the server), so a script can rely on it.
 */
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import type { ContextOf } from '../context.js';
import { CliFailure, usageError } from '../exit-codes.js';
import { LineFailure, sendLines } from '../pace.js';
import { callFailure, createClient, runScripted } from '../session.js';
import { examples } from './examples.js';

/** The server's rate window (docs/protocol.md: `mensajes_por_10s`). */
const RATE_WINDOW_MS = 10_000;

async function* one(text: string): AsyncIterable<string> {
  yield text;
}

/** stdin's lines, until its end or `signal` (the command is over: release stdin). */
function stdinLines(stdin: NodeJS.ReadStream, signal: AbortSignal): AsyncIterable<string> {
  const reader = createInterface({ input: stdin, crlfDelay: Infinity });
  signal.addEventListener('abort', () => reader.close(), { once: true });
  return reader;
}

export function sendCommand(context: ContextOf): Command {
  return new Command('send')
    // Its one-line description is in i18n/messages.ts, in both languages.
    .argument('<text...>', 'the message (words are joined by spaces), or "-" to read stdin')
    .addHelpText(
      'after',
      examples(
        ['charla send --name deploy-bot "v2.3 is live"', 'one message, as deploy-bot'],
        ['tail -n 0 -F app.log | grep --line-buffered ERROR | charla send --name alerts -', 'one message per matching log line'],
        ['fortune | charla send -', 'a message per line (blank lines are skipped)'],
      ),
    )
    .action(async (words: string[], _options: unknown, command: Command) => {
      const ctx = context(command);
      const fromStdin = words.length === 1 && words[0] === '-';
      const text = words.join(' ');
      if (!fromStdin && text.trim() === '') throw usageError('nothing to send: give the text, or "-" to read it from stdin');
      const client = createClient(false, ctx.url);
      await runScripted(ctx, client, async (aceptado, signal) => {
        const rate = { limit: aceptado.limites.mensajes_por_10s, windowMs: RATE_WINDOW_MS };
        const lines = fromStdin ? stdinLines(ctx.io.stdin, signal) : one(text);
        try {
          await sendLines(lines, (line) => client.send(line), rate);
        } catch (error) {
          if (!(error instanceof LineFailure)) throw error;
          const failure = callFailure(error.cause, client, ctx.url, undefined, ctx.t);
          throw new CliFailure(failure.exitCode, fromStdin ? `line ${error.line}: ${failure.message}` : failure.message);
        }
      });
    });
}
