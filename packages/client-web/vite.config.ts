// The web chat: bundles the workspace libraries from source (the @charla/source condition),
// emits its CSS as a file (the server's CSP allows only `style-src 'self'`), and in dev
// proxies /ws and /chat-info.json to a local charla-server so the app's same-origin default
// address works (without the second, the help would only know the general rule).
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { exitCleanlyOnCtrlC } from '../../vite.shared.js';

export default defineConfig({
  plugins: [react(), exitCleanlyOnCtrlC],
  resolve: { conditions: ['@charla/source', ...defaultClientConditions] },
  server: {
    port: 5173,
    proxy: {
      '/ws': { target: 'ws://127.0.0.1:55555', ws: true },
      // CHAT_INFO_PATH of @charla/protocol, written out: Node loads this file before any
      // workspace package is built.
      '/chat-info.json': { target: 'http://127.0.0.1:55555' },
    },
  },
});
