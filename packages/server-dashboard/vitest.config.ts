// Two projects: `unit` renders components in happy-dom; `e2e` drives Chromium against the
// real server serving the built console (its global setup builds the console first).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { browserE2eProject, reactUnitProject, sourceConditions } from '../../vitest.shared.js';

export default defineConfig({
  ...sourceConditions,
  plugins: [react()],
  test: {
    projects: [reactUnitProject, browserE2eProject({ testTimeout: 120_000, hookTimeout: 180_000 })],
  },
});
