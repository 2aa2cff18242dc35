// Two projects: `unit` renders components in happy-dom; `e2e` drives Chromium against the
// built server serving the built app (its global setup builds the app first).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { browserE2eProject, reactUnitProject, sourceConditions } from '../../vitest.shared.js';

export default defineConfig({
  ...sourceConditions,
  plugins: [react()],
  test: {
    projects: [reactUnitProject, browserE2eProject({ testTimeout: 60_000, hookTimeout: 120_000 })],
  },
});
