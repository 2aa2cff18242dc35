import { useI18n } from '../i18n/I18nProvider';

interface OlderPagesProps {
  readonly loading: boolean;
  /** How many items the list shows. */
  readonly shown: number;
  /** The last page came back short: there is nothing older. */
  readonly complete: boolean;
  readonly onOlder: () => void;
}

/** Under a list loaded a page at a time, newest first: "Loading…", the end, or a button for the older ones. */
export function OlderPages({ loading, shown, complete, onOlder }: OlderPagesProps) {
  const { t } = useI18n();
  if (loading) return <p className="muted">{t.common.loading}</p>;
  if (shown === 0) return null;
  return complete ? (
    <p className="muted">{t.common.end}</p>
  ) : (
    <button type="button" onClick={onOlder}>
      {t.common.loadOlder}
    </button>
  );
}
