// First: configures zod before the protocol's schemas are built (see noEval.ts).
import './app/noEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { chatClient } from './app/client';
import { ChatProvider } from './app/ChatProvider';
import { I18nProvider } from './i18n/I18nProvider';
import '@charla/web-ui/base.css';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <ChatProvider client={chatClient}>
        <App />
      </ChatProvider>
    </I18nProvider>
  </StrictMode>,
);
