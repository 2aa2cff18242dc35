// Shared vitest settings: resolve workspace packages from source (the @charla/source export
// condition), so tests never wait for a build.
import { defaultClientConditions, defaultServerConditions } from 'vite';
import type { ViteUserConfig } from 'vitest/config';

export const sourceConditions = {
  resolve: { conditions: ['@charla/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@charla/source', ...defaultServerConditions] } },
} satisfies ViteUserConfig;
