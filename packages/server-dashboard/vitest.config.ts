// Two projects: `unit` renders components in happy-dom; `e2e` drives Chromium against the
// real server serving the built console (its global setup builds the console first).
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
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One Chromium at a time and one built console: the files share them.
          fileParallelism: false,
        },
      },
    ],
  },
});
