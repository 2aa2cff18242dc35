import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.js';

const PNPM_START = 'test/start.test.ts';

export default defineConfig({
  ...sourceConditions,
  test: {
    projects: [
      { extends: true, test: { name: 'server', exclude: [PNPM_START, '**/node_modules/**'] } },
      // `pnpm start` from the root builds the server and both web apps: alone, after the
      // rest, so that build neither starves timing-sensitive tests nor rewrites public/ under
      // a running server.
      { extends: true, test: { name: 'pnpm-start', include: [PNPM_START], sequence: { groupOrder: 1 } } },
    ],
  },
});
