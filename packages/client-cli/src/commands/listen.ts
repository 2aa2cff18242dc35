/**
 * `charla listen`: the chat as it happens, until Ctrl+C or the reader goes away (exit 0), a
 * kick (2), or the server closing or the network failing (3). Does not reconnect: a script
 * that wants to go on runs it again.
 */
import { SERVER_FRAME_TYPES } from '@charla/protocol';
import type { ServerFrameType } from '@charla/protocol';
import { Command } from 'commander';
import { frameToLine, LINE_FRAME_TYPES } from '../chat/lines.js';
import type { ContextOf } from '../context.js';
import { createClient, runScripted } from '../session.js';
import { renderLine } from '../ui/render-line.js';
import { examples } from './examples.js';
import { printJson, printLine } from './output.js';

/**
 * The server frames that are not news: answers to what this client itself sent (its
 * identification, sends, queries and pings, or a refusal of them) and TCP's last line.
 */
const REPLY_FRAME_TYPES: ReadonlySet<ServerFrameType> = new Set(['aceptado', 'rechazado', 'acuse', 'historial', 'usuarios', 'error', 'pong', 'cierre']);

/** What --json prints: every other frame of the protocol, typing included. */
const JSON_FRAME_TYPES = SERVER_FRAME_TYPES.filter((tipo) => !REPLY_FRAME_TYPES.has(tipo));

export function listenCommand(context: ContextOf): Command {
  return new Command('listen')
    // Its one-line description is in i18n/messages.ts, in both languages.
    .option('--json', 'print every server frame as one JSON line (NDJSON), e.g. for jq')
    .addHelpText(
      'after',
      examples(
        ['charla listen', 'follow the chat'],
        ["charla listen --json | jq -r 'select(.tipo == \"mensaje\") | \"\\(.remitente): \\(.contenido)\"'", 'only the messages, through jq'],
        ['charla listen --json | head -1', 'print the next event, then stop (exit 0)'],
      ) + `\n\nWith --json, each line is one protocol frame (docs/protocol.md), of these types:\n  ${JSON_FRAME_TYPES.join(', ')}`,
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = context(command);
      const client = createClient(false, ctx.url);
      // Subscribed before joining, so no frame slips by between `aceptado` and here.
      if (options.json) {
        for (const tipo of JSON_FRAME_TYPES) client.on(tipo, (frame) => printJson(ctx.io, frame));
      } else {
        for (const tipo of LINE_FRAME_TYPES) {
          client.on(tipo, (frame) => printLine(ctx.io, renderLine(frameToLine(frame, client.getSnapshot().nombre, new Date().toISOString()), ctx.style, undefined, ctx.t)));
        }
      }
      // Listening is the work: it lasts until a stop request or the end of the session.
      await runScripted(ctx, client, () => new Promise<never>(() => undefined));
    });
}
