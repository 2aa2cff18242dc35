/**
 * `charla admin messages` as text: the chat's own lines (as `charla history` prints them)
 * after each message's id, which `charla admin delete-message ID` takes.
 */
import type { admin } from '@charla/protocol';
import { frameToLine } from '../../chat/lines.js';
import type { Style } from '../../format.js';
import { renderLine } from '../render-line.js';

export function renderMessages(page: admin.MessagesPage, style: Style, now: Date = new Date()): string[] {
  const [oldest] = page.items;
  if (oldest === undefined) return [style.dim('-- no messages')];
  const width = Math.max(...page.items.map((message) => String(message.id).length)) + 1;
  const lines = page.items.map(
    // null: no message is "ours", an operator is not in the chat.
    (message) => `${style.dim(`#${message.id}`.padEnd(width))} ${renderLine(frameToLine(message, null, now.toISOString()), style, now)}`,
  );
  if (!page.complete) lines.push(style.dim(`-- older ones: --before ${oldest.id}`));
  return lines;
}
