import { defineConfig } from 'vitest/config';
import { sourceConditions } from '../../vitest.shared.js';

export default defineConfig({
  ...sourceConditions,
  // Clock times in expected output are UTC, wherever the tests run.
  test: { env: { TZ: 'UTC' } },
});
