import { useChatSnapshot } from '../../app/ChatProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { Avatar } from '../avatar/Avatar';

/** Who is online and who is typing; choosing someone opens a private conversation with them. */
export function UsersPanel({ onMessage }: { onMessage: (name: string) => void }) {
  const { users, typing, nombre, state } = useChatSnapshot();
  const { t } = useI18n();
  // Away from the server, the list is only what we last heard: say so, and no green dots.
  const stale = state !== 'conectado';
  return (
    <section className={stale ? 'users stale' : 'users'} aria-labelledby="users-title" aria-describedby={stale ? 'users-stale' : undefined}>
      <h2 id="users-title">{t.users.title(users.length)}</h2>
      {stale && (
        <p id="users-stale" className="hint users-stale">
          {t.users.stale}
        </p>
      )}
      <ul>
        {users.map((name) => {
          const typingNote = typing.includes(name) && <span className="typing-note"> {t.users.typing}</span>;
          return (
            <li key={name}>
              {name === nombre ? (
                <span className="user user-self">
                  <span className={stale ? 'status-dot presence-dot presence-stale' : 'status-dot presence-dot'} aria-hidden="true" />
                  <Avatar name={name} />
                  {name} <span className="you">({t.chat.you})</span>
                </span>
              ) : (
                <button type="button" className="user" onClick={() => onMessage(name)}>
                  <span className={stale ? 'status-dot presence-dot presence-stale' : 'status-dot presence-dot'} aria-hidden="true" />
                  <Avatar name={name} />
                  {name}
                  {typingNote}
                  <span className="sr-only">: {t.users.messagePrivately}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
