import { useEffect } from 'react';
import { useChatClient, useChatSnapshot } from '../../app/ChatProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { privatePartners } from './conversations';

interface ConversationListProps {
  /** The open conversation: null for everyone's, else the private partner. */
  readonly active: string | null;
  readonly onSelect: (partner: string | null) => void;
}

/** Everyone's conversation and each private one, with unread counts; the open one is read. */
export function ConversationList({ active, onSelect }: ConversationListProps) {
  const client = useChatClient();
  const { log, nombre, unread } = useChatSnapshot();
  const { t } = useI18n();
  const partners = privatePartners(log, nombre, unread);
  if (active !== null && !partners.includes(active)) partners.push(active);

  // What arrives in the open conversation is read as it arrives.
  const activeUnread = active === null ? 0 : (unread[active] ?? 0);
  useEffect(() => {
    if (active !== null && activeUnread > 0) client.markRead(active);
  }, [client, active, activeUnread]);

  return (
    <nav className="conversations" aria-labelledby="conversations-title">
      <h2 id="conversations-title">{t.conversations.title}</h2>
      <ul>
        <li>
          <button type="button" className="conversation-button" aria-current={active === null ? 'true' : undefined} onClick={() => onSelect(null)}>
            {t.chat.everyone}
          </button>
        </li>
        {partners.map((partner) => {
          const count = unread[partner] ?? 0;
          return (
            <li key={partner}>
              <button type="button" className="conversation-button" aria-current={active === partner ? 'true' : undefined} onClick={() => onSelect(partner)}>
                <span className="conversation-name">{partner}</span>
                {count > 0 && (
                  <span className="badge">
                    <span aria-hidden="true">{count}</span>
                    <span className="sr-only">{t.conversations.unread(count)}</span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
