import type { admin } from '@charla/protocol';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * A message's text as written; or, for a private message whose text the server withholds
 * from operators (it runs without --admin-reads-private), a mark that says so, so a hidden
 * text never looks like an empty one.
 */
export function MessageText({ message }: { message: admin.MessageItem }) {
  const { t } = useI18n();
  return message.contenido === null ? <em className="content-hidden">{t.messages.hidden}</em> : <>{message.contenido}</>;
}
