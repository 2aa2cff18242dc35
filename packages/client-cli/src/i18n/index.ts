/**
 * The user's language, from the environment as POSIX orders it (LC_ALL, then LC_MESSAGES,
 * then LANG): Spanish for es*, English for anything else. And the one way a code the
 * server sent becomes text: the words for the code in that language, with the server's
 * Spanish `detalle` after them, in parentheses, as secondary detail.
 */
import type { ChatErrorCode } from '@charla/sdk';
import { clock } from '../format.js';
import { en, es } from './messages.js';
import type { Lang, Messages } from './messages.js';

export type { CommandName, HelpTitle, Lang, Messages } from './messages.js';
export { en, es } from './messages.js';

export function detectLang(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value !== undefined && value !== '') ?? '';
  return /^es([_.@-]|$)/iu.test(locale) ? 'es' : 'en';
}

export function messages(lang: Lang): Messages {
  return lang === 'es' ? es : en;
}

/** A code in words; codes this CLI does not know (a newer server) as themselves. */
export function codeText(t: Messages, code: string): string {
  return (t.codes as Record<string, string | undefined>)[code as ChatErrorCode] ?? code;
}

/**
 * "words (detalle)": the server's detail second, and only when it says something. Times in
 * it ("vetado hasta 2026-12-02T01:00:00.000Z") are shown in local time, never as ISO.
 */
export function withDetail(text: string, detail: string | undefined, dim: (s: string) => string = (s) => s, now: Date = new Date()): string {
  return detail === undefined || detail === '' ? text : `${text} ${dim(`(${localTimes(detail, now)})`)}`;
}

const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)/gu;

/** Every ISO 8601 timestamp in `text` as local time (format.ts's clock). */
export function localTimes(text: string, now: Date = new Date()): string {
  return text.replace(ISO_TIME, (iso) => clock(iso, now));
}
