// Shared vitest settings: resolve workspace packages from source (the @charla/source export
// condition), so tests never wait for a build.
import { defaultClientConditions, defaultServerConditions } from 'vite';
import type { TestProjectInlineConfiguration, ViteUserConfig } from 'vitest/config';

export const sourceConditions = {
  resolve: { conditions: ['@charla/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@charla/source', ...defaultServerConditions] } },
} satisfies ViteUserConfig;

/**
 * A React app's `unit` project: components rendered in happy-dom. Its tests get longer than
 * Testing Library's 5 s wait (the app's browser tests share the CPU), so a missing element
 * fails with its own message rather than the test's timeout.
 */
export const reactUnitProject = {
  extends: true,
  test: {
    name: 'unit',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 10_000,
  },
} satisfies TestProjectInlineConfiguration;

/**
 * A web app's `e2e` project: Chromium drives the real server serving the built app (the
 * project's global setup builds it first). One file at a time: the files share the built
 * app and one Chromium. Each app gives its own timeouts.
 */
export function browserE2eProject(timeouts: { readonly testTimeout: number; readonly hookTimeout: number }) {
  return {
    extends: true,
    test: {
      name: 'e2e',
      environment: 'node',
      include: ['e2e/**/*.test.ts'],
      globalSetup: ['e2e/global-setup.ts'],
      ...timeouts,
      fileParallelism: false,
    },
  } satisfies TestProjectInlineConfiguration;
}
