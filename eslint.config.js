// Lint rules for Secure Base. The engine must stay pure (no DOM, no Node, no
// I/O) so the browser and the server run exactly the same rules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const XSTATE = { group: ['xstate', 'xstate/*'], message: 'Only the engine imports xstate: play through startPlay.' };

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'data/', 'node_modules/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs', '.ci/**/*.mjs', 'src/cli/**/*.ts', 'src/build/**/*.ts', 'src/server/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    // The machine is the engine's business; everything else plays through startPlay.
    files: ['src/cli/**/*.ts', 'src/build/**/*.ts', 'src/browser/**/*.ts', 'src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [XSTATE] }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/game/**', '**/web/**', '**/browser/**', '**/api/client*'], message: 'The server never imports browser code.' }, XSTATE],
      }],
    },
  },
  {
    files: ['src/web/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['phaser'], message: 'The supervisors\' pages load no Phaser.' },
          { group: ['**/game/**'], message: 'Only the game\'s entry point imports the game.' },
          XSTATE,
        ],
      }],
    },
  },
  {
    files: ['src/browser/**/*.ts', 'src/api/client.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/game/**/*.ts', 'tests/e2e/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      // Phaser's ESM build sets no global, though its types declare one: a missing import would only fail at run time.
      'no-restricted-globals': ['error', { name: 'Phaser', message: "Import it: import Phaser from 'phaser'." }],
    },
  },
  {
    files: ['src/game/**/*.ts'],
    rules: {
      // The request schemas carry zod, some 20 KB the trainee would wait for before the first choice; their types are free.
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/api/schemas*', 'zod'], allowTypeImports: true, message: 'The game takes only types from the schemas; share a pattern through src/api/patterns.ts.' }, XSTATE],
      }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: globals['shared-node-browser'] },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*'], message: 'The engine runs in the browser too: no Node APIs.' },
          { group: ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'process'], message: 'The engine runs in the browser too: no Node APIs.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'The engine runs on the server too: no DOM.' },
        { name: 'document', message: 'The engine runs on the server too: no DOM.' },
        { name: 'localStorage', message: 'The engine does no I/O.' },
        { name: 'indexedDB', message: 'The engine does no I/O.' },
        { name: 'fetch', message: 'The engine does no I/O.' },
        { name: 'process', message: 'The engine runs in the browser too: no Node globals.' },
        { name: 'Buffer', message: 'The engine runs in the browser too: no Node globals.' },
        { name: 'Date', message: 'Scoring is deterministic: no clocks in the engine.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Scoring is deterministic.' }],
    },
  },
);
