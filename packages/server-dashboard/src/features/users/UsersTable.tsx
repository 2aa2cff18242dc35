import type { admin } from '@charla/protocol';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { Language } from '../../i18n/dictionary';
import { formatNumber, formatTime } from '../../lib/format';
import { ActionsHeader, TableRegion } from '../../ui/Table';
import { WriteButton } from '../../ui/WriteButton';
import { rowAt } from './pager';
import type { PagerSnapshot, UsersPager } from './pager';

/** Every row is this tall (styles.css agrees): the virtualizer needs no measuring. */
const ROW_HEIGHT = 44;
const COLUMNS = 7;

interface UsersTableProps {
  readonly pager: UsersPager;
  readonly snapshot: PagerSnapshot;
  readonly onDetails: (name: string) => void;
  readonly onKick: (name: string) => void;
}

/**
 * A table of any length: only the rows in view (and a few around) are in the DOM, spacer
 * rows stand for the rest, and the pages under the rows in view are fetched as they come
 * into view. Rows not loaded yet show "Loading…".
 */
export function UsersTable({ pager, snapshot, onDetails, onKick }: UsersTableProps) {
  const { t, language } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const count = snapshot.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Until the element is measured (and in tests, where nothing has a size).
    initialRect: { width: 1000, height: 600 },
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows.at(-1)?.index ?? 0;

  useEffect(() => pager.want(first, last), [pager, first, last, snapshot.query]);
  // A new search starts at the top.
  useEffect(() => virtualizer.scrollToOffset(0), [virtualizer, snapshot.query]);

  const before = rows[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0);
  return (
    <TableRegion label={t.users.table} regionClassName="users-scroll" regionRef={scroller} className="users-table" aria-rowcount={count + 1}>
      <thead>
        <tr aria-rowindex={1}>
          <th scope="col">{t.users.name}</th>
          <th scope="col" className="wide-only">{t.users.since}</th>
          <th scope="col" className="wide-only">{t.users.address}</th>
          <th scope="col" className="wide-only">{t.users.transport}</th>
          <th scope="col" className="num wide-only">{t.users.messagesSent}</th>
          <th scope="col" className="wide-only">{t.users.lastActivity}</th>
          <ActionsHeader />
        </tr>
      </thead>
      <tbody>
        {before > 0 && <Spacer height={before} />}
        {rows.map((row) => {
          const user = rowAt(snapshot, row.index);
          return user === undefined ? (
            <tr key={row.key} className="loading-row" aria-rowindex={row.index + 2}>
              <td colSpan={COLUMNS}>{t.users.loadingRow}</td>
            </tr>
          ) : (
            <UserRow key={row.key} index={row.index} user={user} language={language} onDetails={onDetails} onKick={onKick} />
          );
        })}
        {after > 0 && <Spacer height={after} />}
      </tbody>
    </TableRegion>
  );
}

function Spacer({ height }: { height: number }) {
  return (
    <tr className="spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMNS} />
    </tr>
  );
}

interface UserRowProps {
  readonly index: number;
  readonly user: admin.UserItem;
  readonly language: Language;
  readonly onDetails: (name: string) => void;
  readonly onKick: (name: string) => void;
}

// Rows re-render only when their user changes: scrolling re-renders a few rows, not all.
const UserRow = memo(function UserRow({ index, user, language, onDetails, onKick }: UserRowProps) {
  const { t } = useI18n();
  return (
    <tr aria-rowindex={index + 2}>
      <th scope="row">
        <button type="button" className="link-button" onClick={() => onDetails(user.name)} aria-label={t.users.details(user.name)}>
          {user.name}
        </button>
      </th>
      <td className="wide-only">{formatTime(user.since, language)}</td>
      <td className="wide-only">{user.address}</td>
      <td className="wide-only">{user.transport}</td>
      <td className="num wide-only">{formatNumber(user.messagesSent, language)}</td>
      <td className="wide-only">{formatTime(user.lastActivity, language)}</td>
      <td className="actions">
        <WriteButton className="small" onClick={() => onKick(user.name)} aria-label={t.users.kickName(user.name)}>
          {t.users.kick}
        </WriteButton>
      </td>
    </tr>
  );
});
