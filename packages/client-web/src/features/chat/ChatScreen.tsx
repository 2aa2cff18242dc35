import { useMemo, useState } from 'react';
import { Brand } from '../../app/Brand';
import { useChatClient, useChatSnapshot } from '../../app/ChatProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { LanguageSelect } from '../../i18n/I18nProvider';
import { ConnectionStatus } from '../connection/ConnectionStatus';
import { HelpPanel } from '../help/HelpPanel';
import { usePrivacy } from '../help/usePrivacy';
import { ConversationList } from '../private/ConversationList';
import { conversationEntries } from '../private/conversations';
import { NotifySetting } from '../notifications/NotifySetting';
import { useNotifySetting, usePrivateNotifications } from '../notifications/privateNotifications';
import { UsersPanel } from '../users/UsersPanel';
import { useTabTitle } from './useTabTitle';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { TypingLine } from './TypingLine';

/**
 * The chat: connection state on top, people, conversations and help beside (behind a button
 * on a phone), the open conversation and the message box. `serverUrl` is the address joined;
 * `onLeave` returns to the join screen.
 */
export function ChatScreen({ serverUrl, onLeave }: { serverUrl: string; onLeave: () => void }) {
  const client = useChatClient();
  const { log, nombre, users, unread, state } = useChatSnapshot();
  const { t } = useI18n();
  const [partner, setPartner] = useState<string | null>(null);
  const [peopleOpen, setPeopleOpen] = useState(false);
  const privacy = usePrivacy(serverUrl);
  useTabTitle(log);
  const notify = useNotifySetting();
  usePrivateNotifications(log, notify.state === 'on', t.notify.title);
  const entries = useMemo(() => conversationEntries(log, partner, nombre), [log, partner, nombre]);
  const ended = state === 'desconectado';
  const unreadTotal = Object.values(unread).reduce((sum, n) => sum + n, 0);
  const title = partner === null ? t.chat.everyone : t.chat.privateWith(partner);

  const open = (next: string | null) => {
    setPartner(next);
    setPeopleOpen(false);
  };
  const leave = () => {
    client.disconnect();
    onLeave();
  };

  return (
    <div className="chat">
      <header className="topbar">
        <Brand />
        <button type="button" className="people-toggle" aria-expanded={peopleOpen} aria-controls="sidebar" onClick={() => setPeopleOpen(!peopleOpen)}>
          {t.chat.people} <span className="count">{users.length}</span>
          {unreadTotal > 0 && (
            <span className="badge">
              <span aria-hidden="true">{unreadTotal}</span>
              <span className="sr-only">{t.conversations.unread(unreadTotal)}</span>
            </span>
          )}
        </button>
        {ended ? (
          <button type="button" className="primary" onClick={onLeave}>
            {t.chat.joinAgain}
          </button>
        ) : (
          <button type="button" onClick={leave}>
            {t.chat.disconnect}
          </button>
        )}
      </header>
      <ConnectionStatus />
      <aside id="sidebar" className={peopleOpen ? 'sidebar open' : 'sidebar'} aria-label={t.chat.sidebar}>
        <ConversationList active={partner} onSelect={open} />
        <UsersPanel onMessage={open} />
        <LanguageSelect />
        <NotifySetting {...notify} />
        <HelpPanel privacy={privacy} />
      </aside>
      <main className="conversation">
        <h2 className="conversation-title">{title}</h2>
        {partner !== null && !users.includes(partner) && <p className="hint">{t.chat.offline(partner)}</p>}
        {/* Said where it matters, not only in the help: this server lets operators read privates. */}
        {partner !== null && privacy === 'readable' && <p className="hint">{t.help.privacy.readable}</p>}
        {/* Each conversation gets its own scroll position and draft: keyed by partner. */}
        <MessageList key={`log:${partner ?? ''}`} entries={entries} label={t.chat.log(title)} emptyText={partner === null ? t.chat.empty : t.chat.emptyPrivate(partner)} />
        <TypingLine />
        <Composer key={`box:${partner ?? ''}`} partner={partner} disabled={ended} />
      </main>
    </div>
  );
}
