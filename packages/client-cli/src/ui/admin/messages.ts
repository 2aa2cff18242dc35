/**
 * `charla admin messages` as text: the chat's own lines (as `charla history` prints them)
 * after each message's id, which `charla admin delete-message ID` takes.
 */
import type { admin } from '@charla/protocol';
import { frameToLine } from '../../chat/lines.js';
import type { Style } from '../../format.js';
import { renderLine } from '../render-line.js';

/** Where a private message's text would be when the server withholds it from operators. */
const HIDDEN = '[content hidden]';

export function renderMessages(page: admin.MessagesPage, style: Style, now: Date = new Date()): string[] {
  const [oldest] = page.items;
  if (oldest === undefined) return [style.dim('-- no messages')];
  const width = Math.max(...page.items.map((message) => String(message.id).length)) + 1;
  const lines = page.items.map((message) => `${style.dim(`#${message.id}`.padEnd(width))} ${renderMessage(message, style, now)}`);
  if (!page.complete) lines.push(style.dim(`-- older ones: --before ${oldest.id}`));
  return lines;
}

function renderMessage(message: admin.MessageItem, style: Style, now: Date): string {
  // null: no message is "ours", an operator is not in the chat.
  const line = renderLine(frameToLine({ ...message, contenido: message.contenido ?? '' }, null, now.toISOString()), style, now);
  // Without --admin-reads-private the server withholds a private text: the line says so,
  // dimmed, where the text would be (styled apart from any message that merely says it).
  return message.contenido === null ? `${line}${style.dim(HIDDEN)}` : line;
}
