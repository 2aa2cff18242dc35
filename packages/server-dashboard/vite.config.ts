// The operator console: served by the server at /dashboard/ (hence `base`), bundles the
// workspace libraries from source (the @charla/source condition), emits its CSS as one file
// (the server's CSP allows only `style-src 'self'`), and in dev proxies the admin API (and
// its event WebSocket) to a local charla-server so the app's same-origin requests work.
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { exitCleanlyOnCtrlC } from '../../vite.shared.js';

export default defineConfig({
  base: '/dashboard/',
  plugins: [react(), exitCleanlyOnCtrlC],
  resolve: { conditions: ['@charla/source', ...defaultClientConditions] },
  server: {
    port: 5174,
    proxy: { '/api': { target: 'http://127.0.0.1:55555', ws: true } },
  },
});
