import type { LiveEventType, LoggedEvent } from '../../api/events';
import type { Dictionary, Language } from '../../i18n/dictionary';
import { describeEvent } from './describe';

export interface ActivityFilter {
  /** null: every type. */
  readonly type: LiveEventType | null;
  /** Matched, case-insensitively, against the event's sentence and its type's name. */
  readonly text: string;
}

export interface ActivityRow {
  readonly seq: number;
  readonly at: string;
  readonly type: LiveEventType;
  readonly text: string;
}

/** The log's rows that pass the filter, newest first. */
export function filterActivity(log: readonly LoggedEvent[], filter: ActivityFilter, t: Dictionary, language: Language): ActivityRow[] {
  const needle = filter.text.trim().toLowerCase();
  const rows: ActivityRow[] = [];
  for (let i = log.length - 1; i >= 0; i--) {
    const { seq, event } = log[i] as LoggedEvent;
    if (filter.type !== null && event.type !== filter.type) continue;
    const text = describeEvent(event, t, language);
    if (needle !== '' && !`${t.activity.types[event.type]} ${text}`.toLowerCase().includes(needle)) continue;
    rows.push({ seq, at: event.at, type: event.type, text });
  }
  return rows;
}
