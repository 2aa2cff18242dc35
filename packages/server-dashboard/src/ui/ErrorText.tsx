import { AdminError } from '@charla/sdk/admin';
import { useI18n } from '../i18n/I18nProvider';

/**
 * An error as a sentence in the reader's language, chosen by its code (the SDK's AdminError);
 * the server's own words (its `message`, when it sent one) follow as secondary detail, never
 * in place of it. The SDK's own messages (a network failure, an unexpected body) are English
 * for developers and are not shown.
 */
export function ErrorText({ error, id }: { error: unknown; id?: string }) {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  const code = error instanceof AdminError ? error.code : 'network';
  const said = error instanceof AdminError && error.code !== 'unauthorized' ? (error.answer?.message ?? '') : '';
  // A server that only repeats its code says nothing more.
  const detail = said === code ? '' : said;
  return (
    <p className="error" role="alert" id={id}>
      {t.errors[code]}
      {detail !== '' && (
        <>
          {' '}
          <span className="error-detail">{t.serverSays(detail)}</span>
        </>
      )}
    </p>
  );
}
