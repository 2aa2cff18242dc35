// Two projects: `unit` renders components in happy-dom; `e2e` drives Chromium against the
// built server serving the built app (its global setup builds the app first).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { reactUnitProject, sourceConditions } from '../../vitest.shared.js';

export default defineConfig({
  ...sourceConditions,
  plugins: [react()],
  test: {
    projects: [
      reactUnitProject,
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One server port and one Chromium at a time: the files share the built app.
          fileParallelism: false,
        },
      },
    ],
  },
});
