import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { ChatClient } from '@charla/sdk';
import { ChatProvider } from '../app/ChatProvider';
import type { Language } from '../i18n/dictionary';
import { I18nProvider } from '../i18n/I18nProvider';
import { storeLanguage } from '@charla/web-i18n';

/** Renders inside the app's providers, in the language given (stored as the reader's choice). */
export function renderApp(ui: ReactElement, { client, language = 'en' }: { client: ChatClient; language?: Language }) {
  storeLanguage(language);
  return render(
    <I18nProvider>
      <ChatProvider client={client}>{ui}</ChatProvider>
    </I18nProvider>,
  );
}
