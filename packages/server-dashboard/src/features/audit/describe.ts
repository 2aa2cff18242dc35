/**
 * An audit entry's details (and, for the activity log, the whole entry) as words in the
 * reader's language, per action the server writes (packages/server/src/admin/routes/*);
 * an action this console does not know yet falls back to a compact "key: value" list.
 */
import type { Dictionary, Language } from '../../i18n/dictionary';
import { formatDuration, formatTime } from '../../lib/format';

export interface AuditLike {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly details: Readonly<Record<string, unknown>>;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const compact = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** An IPv4 or IPv6 address (a ban's target is a name or an address). */
export const looksLikeAddress = (target: string): boolean => /^[\d.]+$/.test(target) || (target.includes(':') && /^[\da-f:.]+$/i.test(target));

/** The details as a short line; "" when there is nothing to say. */
export function auditDetails(entry: AuditLike, t: Dictionary, language: Language, inSentence = false): string {
  const d = t.audit.detail;
  const { details } = entry;
  const parts: string[] = [];
  const reason = str(details.reason);
  switch (entry.action) {
    case 'kick': {
      if (reason !== undefined) parts.push(d.reason(reason));
      const ban = num(details.banSeconds);
      if (ban !== undefined) parts.push(d.banned(formatDuration(ban)));
      break;
    }
    case 'ban': {
      if (!inSentence) parts.push(looksLikeAddress(entry.target) ? d.address(entry.target) : d.name(entry.target));
      const seconds = num(details.seconds);
      const at = Date.parse(entry.at);
      if (seconds !== undefined && !Number.isNaN(at)) parts.push(d.until(formatTime(new Date(at + seconds * 1000).toISOString(), language)));
      if (reason !== undefined) parts.push(d.reason(reason));
      break;
    }
    case 'read_private': {
      const ids = Array.isArray(details.ids) ? details.ids.filter((id): id is number => typeof id === 'number') : [];
      parts.push(d.readPrivate(num(details.count) ?? ids.length, ids.map((id) => `#${id}`).join(', ')));
      break;
    }
    case 'accepting': {
      // A sentence already says whether it stopped or started.
      if (!inSentence) parts.push(d.accepting(details.accepting === true));
      if (details.disconnectAll === true) parts.push(d.disconnectAll);
      if (reason !== undefined) parts.push(d.reason(reason));
      break;
    }
    case 'announce': {
      const content = str(details.content);
      if (content !== undefined) parts.push(d.content(content));
      break;
    }
    default:
      for (const [key, value] of Object.entries(details)) parts.push(`${key}: ${compact(value)}`);
  }
  return parts.join(', ');
}

/** The entry as one sentence: who did what to whom, and the details in brackets. */
export function auditSentence(entry: AuditLike, t: Dictionary, language: Language): string {
  const said = (t.audit.sentence as Record<string, ((actor: string, target: string) => string) | undefined>)[entry.action];
  const head =
    entry.action === 'accepting'
      ? t.audit.accepting(entry.actor, entry.details.accepting === true)
      : said !== undefined
        ? said(entry.actor, entry.target)
        : t.audit.sentenceOther(entry.actor, entry.action, entry.target);
  const details = auditDetails(entry, t, language, true);
  return details === '' ? head : `${head} (${details})`;
}
