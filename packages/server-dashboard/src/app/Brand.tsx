import { useI18n } from '../i18n/I18nProvider';

/** The app's name with its mark; the page's one <h1>. */
export function Brand() {
  const { t } = useI18n();
  return (
    <h1 className="brand">
      <svg className="brand-mark" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        <path d="M16 18h32a6 6 0 0 1 6 6v14a6 6 0 0 1-6 6H30l-10 8v-8h-4a6 6 0 0 1-6-6V24a6 6 0 0 1 6-6z" />
      </svg>
      charla <span className="brand-sub">{t.console}</span>
    </h1>
  );
}
