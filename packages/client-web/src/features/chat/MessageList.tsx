import type { LogEntry } from '@charla/sdk';
import { useI18n } from '../../i18n/I18nProvider';
import { LogLine } from './LogLine';
import { useFollowLog } from './useFollowLog';

interface MessageListProps {
  readonly entries: readonly LogEntry[];
  /** Names the log for screen readers ("Messages: Everyone"). */
  readonly label: string;
  readonly emptyText: string;
}

/**
 * The conversation's lines in a polite live region, so incoming messages are read out.
 * It follows new lines unless the reader scrolled up; then a pill counts what is below.
 */
export function MessageList({ entries, label, emptyText }: MessageListProps) {
  const { t } = useI18n();
  const { scroller, unseen, onScroll, jump } = useFollowLog(entries);
  return (
    <div className="log-frame">
      {/* Focusable so keyboard users can scroll it. */}
      <div ref={scroller} className="log" role="log" aria-live="polite" aria-relevant="additions" aria-label={label} tabIndex={0} onScroll={onScroll}>
        {entries.length === 0 ? (
          <p className="log-empty">{emptyText}</p>
        ) : (
          <ol className="log-lines">
            {entries.map((entry) => (
              <LogLine key={entry.key} entry={entry} />
            ))}
          </ol>
        )}
      </div>
      {unseen > 0 && (
        <button type="button" className="pill" onClick={jump}>
          {t.chat.newMessages(unseen)} <span aria-hidden="true">↓</span>
        </button>
      )}
    </div>
  );
}
