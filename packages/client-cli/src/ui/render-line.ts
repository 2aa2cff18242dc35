/**
 * A Line as one piece of terminal text: the interactive scrollback and the scripting
 * commands print exactly this. Every string in a Line may come from the network, so each one
 * is sanitized here, at the last step before the terminal.
 */
import type { Line } from '../chat/lines.js';
import { clock, colourName } from '../format.js';
import type { Style } from '../format.js';
import { en, withDetail } from '../i18n/index.js';
import type { Messages } from '../i18n/index.js';
import { sanitize } from '../sanitize.js';

/** Continuation lines of a multi-line text start under the text, not at the margin. */
const CONTINUATION = '\n      ';

const text = (value: string) => sanitize(value).replaceAll('\n', CONTINUATION);

export function renderLine(line: Line, style: Style, now: Date = new Date(), t: Messages = en): string {
  const name = (value: string) => colourName(style, sanitize(value));
  const time = (iso: string) => `${style.dim(clock(iso, now))} `;
  switch (line.kind) {
    case 'message':
      return `${time(line.at)}${ownMark(line.own, style)}${name(line.author)}: ${text(line.text)}`;
    case 'action':
      return `${time(line.at)}${ownMark(line.own, style)}* ${name(line.author)} ${style.italic(text(line.text))}`;
    case 'private':
      return `${time(line.at)}${ownMark(line.own, style)}${style.magenta('[private]')} ${name(line.from)} → ${name(line.to)}: ${text(line.text)}`;
    case 'join':
      return `${time(line.at)}${style.green(`→ ${sanitize(line.name)} joined`)}`;
    case 'leave':
      return `${time(line.at)}${style.yellow(`← ${sanitize(line.name)} ${t.leave[line.reason]}`)}`;
    case 'system':
      return `${time(line.at)}${style.bold(style.cyan('[announcement]'))} ${text(line.text)}`;
    case 'deleted': {
      const which = line.original === undefined
        ? `message #${line.id}`
        : `${sanitize(line.original.author)}'s message of ${clock(line.original.at, now)}`;
      return `${time(line.at)}${style.dim(`[deleted] ${which} was removed by an operator`)}`;
    }
    case 'closing':
      return `${time(line.at)}${style.bold(style.yellow(t.lines.closing))} ${text(line.reason)}`;
    case 'kicked':
      return `${time(line.at)}${style.bold(style.red(t.lines.kicked))} ${text(line.reason)}`;
    case 'paused': {
      const why = line.reason === undefined ? '' : `: ${text(line.reason)}`;
      return `${time(line.at)}${style.yellow(`[paused] the chat is paused${why}; messages wait`)}`;
    }
    case 'available':
      return `${time(line.at)}${style.green('[resumed] the chat is available again')}`;
    case 'info':
      return style.dim(`-- ${sanitize(line.text).replaceAll('\n', '\n   ')}`);
    case 'error':
      return withDetail(style.red(`!! ${sanitize(line.text).replaceAll('\n', '\n   ')}`), line.detail === undefined ? undefined : text(line.detail), style.dim);
  }
}

function ownMark(own: boolean, style: Style): string {
  return own ? `${style.bold('»')} ` : '';
}
