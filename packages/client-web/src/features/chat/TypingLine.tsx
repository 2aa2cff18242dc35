import { useChatSnapshot } from '../../app/ChatProvider';
import { useI18n } from '../../i18n/I18nProvider';

/** "bea is typing…" under the log; the line keeps its height so the box below never jumps. */
export function TypingLine() {
  const { typing } = useChatSnapshot();
  const { t } = useI18n();
  return <p className="typing-line">{typing.length > 0 ? t.chat.typing(typing) : ' '}</p>;
}
