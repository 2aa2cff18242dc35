/**
 * What the SDK's end reasons and the server's refusal details carry as data, said in the
 * interface's language: the close code behind a `red` ending, and a ban's end time, read
 * back out of the server's `vetado hasta <ISO>: <reason>` (version 1's `rechazado` has no
 * field for it).
 */
import { CloseCode } from '@charla/protocol';
import type { EndReason } from '@charla/sdk';
import type { Dictionary } from '../../i18n/dictionary';

/** A close code as a sentence in the interface's language (never the number alone). */
export function closeSentence(code: number | null, t: Dictionary): string {
  switch (code) {
    case null:
    case CloseCode.abnormal:
      return t.closed.unreachable;
    case CloseCode.shuttingDown:
      return t.closed.shuttingDown;
    case CloseCode.identificationTimeout:
      return t.closed.identificationTimeout;
    case CloseCode.tooSlow:
      return t.closed.tooSlow;
    case CloseCode.sessionRevoked:
      return t.closed.sessionRevoked;
    case CloseCode.tooBig:
    case CloseCode.binaryFrame:
    case CloseCode.invalidUtf8:
    case CloseCode.policy:
      return t.closed.protocol;
    default:
      return t.closed.other(code);
  }
}

export interface Ban {
  /** When the ban ends; null when the detail gave no readable time. */
  readonly until: Date | null;
  /** The operator's reason, as written (empty: none given). */
  readonly reason: string;
}

/** The end time and reason in a `vetado` refusal's detail. */
export function banOf(detalle: string): Ban {
  const match = /hasta (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))(?::\s*([\s\S]*))?$/.exec(detalle.trim());
  if (match === null) return { until: null, reason: detalle.trim() };
  const until = new Date(match[1] ?? '');
  return { until: Number.isNaN(until.getTime()) ? null : until, reason: (match[2] ?? '').trim() };
}

/** A date and time in the reader's language and time zone. */
export function formatDateTime(date: Date, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', ...(timeZone !== undefined && { timeZone }) }).format(date);
}

export interface EndText {
  readonly message: string;
  /** Secondary: the server's or operator's own words, marked as theirs; null when none. */
  readonly detail: string | null;
}

/** How a session's end reads in the interface's language; null for a plain disconnect by us. */
export function endText(ended: EndReason | null, t: Dictionary, language: string, timeZone?: string): EndText | null {
  switch (ended?.kind) {
    case undefined:
    case 'desconexion':
      return null;
    case 'rechazado': {
      if (ended.motivo === 'vetado') {
        const ban = banOf(ended.detalle);
        return {
          message: ban.until === null ? t.refusal.vetado : t.join.bannedUntil(formatDateTime(ban.until, language, timeZone)),
          detail: ban.reason === '' ? null : t.join.serverSays(ban.reason),
        };
      }
      return { message: t.refusal[ended.motivo], detail: ended.detalle.trim() === '' ? null : t.join.serverSays(ended.detalle) };
    }
    case 'expulsado':
      return { message: t.status.kicked, detail: ended.motivo.trim() === '' ? null : t.join.serverSays(ended.motivo) };
    case 'reemplazado':
      return { message: t.status.replaced, detail: null };
    case 'red':
      return { message: closeSentence(ended.codigo ?? null, t), detail: null };
  }
}
