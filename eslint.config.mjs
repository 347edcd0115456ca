// The lint gate (`npm test` runs it): typescript-eslint, React hooks, and the rooms' boundaries.
//   - the renderer imports nothing from main, and only types from the shared contract;
//   - the domain imports nothing from Electron: only main/index.ts and main/electron/ may.
// test/unit/lint-gate.test.ts lints small fixtures that break each boundary, to prove they fail.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** What no renderer file may import. */
const RENDERER_IMPORTS = [
  { group: ['**/main', '**/main/**'], message: 'The renderer imports nothing from main: it talks to main only through window.pos.' },
  { group: ['electron', 'keytar', 'better-sqlite3', 'node:*'], message: 'The renderer is sandboxed: no Electron, no Node.' },
  {
    group: ['**/preload/contract', '**/preload/contract.ts'],
    allowTypeImports: true,
    message: 'Only types from the contract: its zod schemas belong to preload and main.',
  },
];

/** Where `electron` may be imported: the shell, and the one-file preload that exposes window.pos. */
export const ELECTRON_SHELL = ['main/index.ts', 'main/electron/**', 'preload/index.ts', 'preload/customer.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', '.tmp/**', 'playwright-report/**', '.stryker-tmp/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: RENDERER_IMPORTS,
        },
      ],
    },
  },
  {
    // Components show state; only the stores (renderer/src/store/) talk to main.
    files: ['renderer/src/components/**/*.tsx', 'renderer/src/App.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [...RENDERER_IMPORTS, { group: ['**/pos', '**/pos.ts'], message: 'Only the stores (renderer/src/store/) call main through pos.' }] },
      ],
    },
  },
  {
    files: ['main/**/*.ts', 'preload/**/*.ts'],
    ignores: ELECTRON_SHELL,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The domain imports nothing from Electron; only main/index.ts and main/electron/ do.' }] },
      ],
    },
  },
);
