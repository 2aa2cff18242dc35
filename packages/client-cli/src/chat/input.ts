/**
 * What the user typed at the interactive prompt, parsed: a message to everyone, or one of
 * the slash commands. Pure, so every rule here is a unit test.
 */
import { HISTORY_PAGE_MAX } from '@charla/protocol';
import { ACTION_PREFIX } from './lines.js';

export type Input =
  | { readonly kind: 'say'; readonly text: string }
  | { readonly kind: 'msg'; readonly to: string; readonly text: string }
  | { readonly kind: 'me'; readonly action: string }
  | { readonly kind: 'history'; readonly limit: number }
  | { readonly kind: 'help' | 'users' | 'clear' | 'quit' }
  /** Not sendable: `message` says why and how to write it. */
  | { readonly kind: 'invalid'; readonly message: string };

/** `/history` without a number. */
export const HISTORY_DEFAULT = 20;

/** The slash commands, in `/help`'s order; Tab completes their names. */
export const COMMANDS = [
  { name: '/help', usage: '/help', about: 'this list' },
  { name: '/users', usage: '/users', about: 'who is online' },
  { name: '/msg', usage: '/msg NAME TEXT', about: 'a private message to NAME' },
  { name: '/me', usage: '/me ACTION', about: 'say what you do: "/me waves" shows "* ana waves"' },
  { name: '/history', usage: '/history [N]', about: `the last N messages again (default ${HISTORY_DEFAULT}, at most ${HISTORY_PAGE_MAX})` },
  { name: '/clear', usage: '/clear', about: 'clear the screen' },
  { name: '/quit', usage: '/quit', about: 'leave (Ctrl+C too)' },
] as const;

/** Parses one submitted line; null when there is nothing to do (a blank line). */
export function parseInput(raw: string): Input | null {
  const line = raw.trim();
  if (line === '') return null;
  // "//text" sends "/text": the escape for a message that starts with a slash.
  if (line.startsWith('//')) return { kind: 'say', text: line.slice(1) };
  if (!line.startsWith('/')) return { kind: 'say', text: raw };
  const [command = '', rest = ''] = splitFirst(line);
  switch (command.toLowerCase()) {
    case '/help':
      return { kind: 'help' };
    case '/users':
      return { kind: 'users' };
    case '/clear':
      return { kind: 'clear' };
    case '/quit':
      return { kind: 'quit' };
    case '/me':
      return rest === '' ? usage('/me') : { kind: 'me', action: rest };
    case '/msg': {
      const [to = '', text = ''] = splitFirst(rest);
      return to === '' || text === '' ? usage('/msg') : { kind: 'msg', to, text };
    }
    case '/history': {
      if (rest === '') return { kind: 'history', limit: HISTORY_DEFAULT };
      const limit = Number(rest);
      return Number.isInteger(limit) && limit >= 1 && limit <= HISTORY_PAGE_MAX ? { kind: 'history', limit } : usage('/history');
    }
    default:
      return { kind: 'invalid', message: `unknown command ${command}: /help lists them (//text sends "/text")` };
  }
}

/** The `contenido` an input would send; null for the commands answered locally. */
export function contentOf(input: Input): string | null {
  switch (input.kind) {
    case 'say':
    case 'msg':
      return input.text;
    case 'me':
      return `${ACTION_PREFIX}${input.action}`;
    default:
      return null;
  }
}

/**
 * How long the message in `raw` is, in code points as the server counts, when that is more
 * than `max` (the server's `contenido_max`); null when it fits, or no limit is known yet.
 */
export function overLimit(raw: string, max: number | undefined): number | null {
  if (max === undefined) return null;
  const input = parseInput(raw);
  const content = input === null ? null : contentOf(input);
  if (content === null) return null;
  const length = [...content].length;
  return length > max ? length : null;
}

/** `/help`'s text. */
export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  const rows = COMMANDS.map((c) => `${c.usage.padEnd(width)}  ${c.about}`);
  return ['Enter sends to everyone. Tab completes names and commands; Up/Down recall what you typed.', ...rows].join('\n');
}

function usage(name: (typeof COMMANDS)[number]['name']): Input {
  const command = COMMANDS.find((c) => c.name === name);
  return { kind: 'invalid', message: `usage: ${command?.usage ?? name}` };
}

/** "a b c" -> ["a", "b c"]: the first word and the rest, trimmed. */
function splitFirst(text: string): [string, string] {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text.trim());
  return match === null ? ['', ''] : [match[1] ?? '', (match[2] ?? '').trim()];
}
