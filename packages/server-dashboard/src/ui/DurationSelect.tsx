import { useI18n } from '../i18n/I18nProvider';

const DURATIONS = ['600', '3600', '86400', '604800'] as const;

/** A ban's length in seconds, from a few round choices; `none` adds a 0 ("no ban") choice. */
export function DurationSelect({ id, value, onChange, none }: { id: string; value: number; onChange: (seconds: number) => void; none?: string }) {
  const { t } = useI18n();
  return (
    <select id={id} value={value} onChange={(event) => onChange(Number(event.currentTarget.value))}>
      {none !== undefined && <option value={0}>{none}</option>}
      {DURATIONS.map((seconds) => (
        <option key={seconds} value={seconds}>
          {t.durations[seconds]}
        </option>
      ))}
    </select>
  );
}
