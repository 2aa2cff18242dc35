import type { admin } from '@charla/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../app/SessionProvider';
import { useAdminChanges } from '../../app/useAdminChanges';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../lib/format';
import { auditDetails } from './describe';
import { ErrorText } from '../../ui/ErrorText';
import { OlderPages } from '../../ui/OlderPages';
import { TableRegion } from '../../ui/Table';

const PAGE = 50;

/** The operators' action log (`GET /api/audit`), newest first; new actions appear as they happen. */
export function AuditPage() {
  const { t } = useI18n();
  const { api } = useSession();
  const changes = useAdminChanges();
  const [items, setItems] = useState<readonly admin.AuditEntry[]>([]);
  const [complete, setComplete] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    async (before: number | undefined, kept: readonly admin.AuditEntry[]) => {
      setLoading(true);
      try {
        const page = await api.audit({ limit: PAGE, ...(before !== undefined && { before }) });
        setItems([...kept, ...page.items]);
        setComplete(page.items.length < PAGE);
        setError(null);
      } catch (caught) {
        setError(caught);
      } finally {
        setLoading(false);
      }
    },
    [api],
  );

  // The newest page again whenever an operator acts (older pages are loaded on demand).
  useEffect(() => void load(undefined, []), [load, changes]);

  return (
    <div className="audit">
      <ErrorText error={error} />
      {items.length === 0 && !loading ? (
        <p className="muted">{t.audit.empty}</p>
      ) : (
        <TableRegion label={t.audit.list}>
          <thead>
            <tr>
              <th scope="col">{t.audit.at}</th>
              <th scope="col">{t.audit.actor}</th>
              <th scope="col">{t.audit.action}</th>
              <th scope="col">{t.audit.target}</th>
              <th scope="col" className="wide-only">{t.audit.details}</th>
              <th scope="col" className="wide-only">{t.audit.address}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <Entry key={entry.id} entry={entry} />
            ))}
          </tbody>
        </TableRegion>
      )}
      <OlderPages loading={loading} shown={items.length} complete={complete} onOlder={() => void load(items.at(-1)?.id, items)} />
    </div>
  );
}

/** One action; on a narrow screen (no Details column) its details follow the target. */
function Entry({ entry }: { entry: admin.AuditEntry }) {
  const { t, language } = useI18n();
  const details = auditDetails(entry, t, language);
  return (
    <tr>
      <td>
        <time dateTime={entry.at}>{formatTime(entry.at, language)}</time>
      </td>
      <td>{entry.actor}</td>
      <td>{t.audit.actions[entry.action] ?? entry.action}</td>
      <td className="wrap">
        {entry.target}
        {details !== '' && <span className="narrow-only details-inline">{details}</span>}
      </td>
      <td className="wide-only details-cell">{details || t.common.none}</td>
      <td className="wide-only">{entry.address}</td>
    </tr>
  );
}
