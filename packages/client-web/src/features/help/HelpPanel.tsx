import { useI18n } from '../../i18n/I18nProvider';
import type { Privacy } from './usePrivacy';

/**
 * How the chat works, folded away until asked for: sending, private conversations, and who
 * can read those (what this server says about its operators, or the general rule).
 */
export function HelpPanel({ privacy }: { privacy: Privacy }) {
  const { t } = useI18n();
  return (
    <details className="help" aria-labelledby="help-title">
      <summary id="help-title">{t.help.title}</summary>
      <ul>
        <li>{t.help.sending}</li>
        <li>{t.help.privateConversations}</li>
        <li>{t.help.privacy[privacy]}</li>
      </ul>
    </details>
  );
}
