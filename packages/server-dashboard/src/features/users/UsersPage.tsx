import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useEventsSelector, useSession } from '../../app/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../lib/format';
import { ErrorText } from '../../ui/ErrorText';
import { KickDialog } from './KickDialog';
import { UsersPager } from './pager';
import { UserDetails } from './UserDetails';
import { UsersTable } from './UsersTable';

type Open = { kind: 'details' | 'kick'; name: string } | null;

/** Who is connected: server-side search, a virtualized table fed page by page, details, kick. */
export function UsersPage() {
  const { t, language } = useI18n();
  const { api } = useSession();
  const [pager] = useState(() => new UsersPager((query, signal) => api.users(query, { signal })));
  const snapshot = useSyncExternalStore(pager.subscribe, pager.getSnapshot);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState('');

  // Every keystroke searches: the server answers a search of 10,000 names in a few ms, and
  // each new search cancels the one before.
  useEffect(() => pager.setQuery(query.trim()), [pager, query]);
  useEffect(() => () => pager.dispose(), [pager]);

  // Users came or went: read the rows in view again (not on the first render: setQuery loads).
  const membership = useEventsSelector((events) => events.membership);
  const seen = useRef(membership);
  useEffect(() => {
    if (seen.current === membership) return;
    seen.current = membership;
    void pager.refresh();
  }, [pager, membership]);

  const details = useCallback((name: string) => setOpen({ kind: 'details', name }), []);
  const kick = useCallback((name: string) => setOpen({ kind: 'kick', name }), []);
  const close = useCallback(() => setOpen(null), []);
  const kicked = useCallback(
    (name: string) => {
      setOpen(null);
      setNotice(t.users.kicked(name));
      void pager.refresh();
    },
    [pager, t],
  );

  const { total } = snapshot;
  return (
    <div className="users">
      <div className="toolbar">
        <div className="field grow">
          <label htmlFor="users-search">{t.users.search}</label>
          <input id="users-search" type="search" value={query} maxLength={64} autoComplete="off" onChange={(event) => setQuery(event.currentTarget.value)} />
        </div>
        <p className="count" role="status" aria-live="polite">
          {total === null ? t.common.loading : t.users.count(snapshot.query, total, formatNumber(total, language))}
        </p>
      </div>
      {notice !== '' && (
        <p className="notice ok" role="status">
          {notice}
        </p>
      )}
      <ErrorText error={snapshot.error} />
      {total === 0 ? <p className="muted">{snapshot.query === '' ? t.users.empty : t.users.noMatch}</p> : <UsersTable pager={pager} snapshot={snapshot} onDetails={details} onKick={kick} />}
      {open?.kind === 'details' && <UserDetails name={open.name} onClose={close} onKick={kick} />}
      {open?.kind === 'kick' && <KickDialog name={open.name} onClose={close} onKicked={kicked} />}
    </div>
  );
}
