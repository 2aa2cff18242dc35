// One lint config for the whole workspace; each package runs `eslint .` against it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/public/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**', '**/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...tseslint.configs.stylistic,
  {
    // Plain Node scripts (build helpers) are not type-checked; name the globals they use.
    files: ['**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
  {
    // The server's core imports @charla/protocol and itself, nothing else: the store, the
    // cluster, transports and the process reach it through its ports (core/ports.ts), so the
    // arrows point into the core. One exception, node:crypto: resume tokens are random and
    // kept as hashes, and the join secret is compared in constant time (core/tokens.ts,
    // core/admission.ts). Tests beside the code may import their doubles and stores.
    files: ['packages/server/src/core/**/*.ts'],
    ignores: ['packages/server/src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@charla/protocol$|node:crypto$|\\./(?!.*\\.\\./))',
              message: 'core/ imports only @charla/protocol, node:crypto and its own modules (./x.js); reach anything else through core/ports.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
);
