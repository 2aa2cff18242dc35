import { AdminError } from '@charla/sdk/admin';
import { useI18n } from '../i18n/I18nProvider';

/** An error as a sentence in the reader's language, followed by the server's own words. */
export function ErrorText({ error, id }: { error: unknown; id?: string }) {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  const code = error instanceof AdminError ? error.code : 'network';
  const detail = error instanceof AdminError && error.code !== 'unauthorized' && error.code !== 'network' ? error.message : '';
  return (
    <p className="error" role="alert" id={id}>
      {t.errors[code]}
      {detail !== '' && ` ${t.serverSays(detail)}`}
    </p>
  );
}
