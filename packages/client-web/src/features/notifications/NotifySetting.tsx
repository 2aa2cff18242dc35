import { useI18n } from '../../i18n/I18nProvider';
import type { NotifyState } from './privateNotifications';

/** The switch for private-message notifications, with why it cannot be on when it cannot. */
export function NotifySetting({ state, turnOn, turnOff }: { state: NotifyState; turnOn: () => Promise<void>; turnOff: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notify-setting">
      <label>
        <input
          type="checkbox"
          checked={state === 'on'}
          disabled={state === 'unsupported'}
          onChange={(event) => (event.currentTarget.checked ? void turnOn() : turnOff())}
        />{' '}
        {t.notify.label}
      </label>
      {(state === 'denied' || state === 'unsupported') && <p className="hint">{t.notify[state]}</p>}
    </div>
  );
}
