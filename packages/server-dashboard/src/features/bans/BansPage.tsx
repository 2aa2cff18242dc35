import type { admin } from '@charla/protocol';
import { useCallback, useState } from 'react';
import { useSession } from '../../app/SessionProvider';
import { useAdminChanges } from '../../app/useAdminChanges';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../lib/format';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { ActionsHeader, TableRegion } from '../../ui/Table';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { WriteButton } from '../../ui/WriteButton';
import { BanForm } from './BanForm';

const who = (ban: admin.Ban) => ban.name ?? ban.address ?? '';

/** The bans in force: lift one (after a confirmation), or ban a name or an address. */
export function BansPage() {
  const { t, language } = useI18n();
  const { api } = useSession();
  const changes = useAdminChanges();
  // Reloads whenever an operator acts (a kick with a ban, a ban, a lift).
  const { data, error, reload } = useLoad(useCallback(() => api.bans(), [api, changes]));
  const [lifting, setLifting] = useState<admin.Ban | null>(null);
  const [notice, setNotice] = useState('');
  const bans = data?.items ?? [];

  return (
    <div className="bans">
      <BanForm
        onBanned={(ban) => {
          setNotice(t.bans.added(who(ban)));
          reload();
        }}
      />
      {notice !== '' && (
        <p className="notice ok" role="status">
          {notice}
        </p>
      )}
      <ErrorText error={error} />
      <h3>{t.bans.list}</h3>
      {data !== null && bans.length === 0 ? (
        <p className="muted">{t.bans.empty}</p>
      ) : (
        <TableRegion label={t.bans.list}>
          <thead>
            <tr>
              <th scope="col">{t.bans.who}</th>
              <th scope="col">{t.bans.until}</th>
              <th scope="col">{t.common.reason}</th>
              <th scope="col" className="wide-only">{t.bans.by}</th>
              <ActionsHeader />
            </tr>
          </thead>
          <tbody>
            {bans.map((ban) => (
              <tr key={ban.id}>
                <th scope="row">{who(ban)}</th>
                <td>{formatTime(ban.until, language)}</td>
                <td className="wrap">{ban.reason}</td>
                <td className="wide-only">{ban.by}</td>
                <td className="actions">
                  <WriteButton className="small" onClick={() => setLifting(ban)} aria-label={`${t.bans.liftConfirm}: ${who(ban)}`}>
                    {t.bans.lift}
                  </WriteButton>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {lifting !== null && (
        <LiftDialog
          ban={lifting}
          onClose={() => setLifting(null)}
          onLifted={() => {
            setNotice(t.bans.lifted(who(lifting)));
            setLifting(null);
            reload();
          }}
        />
      )}
    </div>
  );
}

function LiftDialog({ ban, onClose, onLifted }: { ban: admin.Ban; onClose: () => void; onLifted: () => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const lift = useCallback(() => api.unban(ban.id), [api, ban.id]);
  const action = useAction(lift, onLifted);
  return (
    <Dialog title={t.bans.liftTitle(who(ban))} onClose={onClose} onSubmit={() => void action.run()} submitLabel={t.bans.liftConfirm} submitting={action.busy}>
      <p>{t.bans.liftBody}</p>
      <ErrorText error={action.error} />
    </Dialog>
  );
}
