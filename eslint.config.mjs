// The lint gate (`npm test` runs it): typescript-eslint, React hooks, and every process boundary:
//   - renderer/ (sandboxed page): nothing from main or preload, no Node, Electron, pg, keytar or SQLite,
//     only types from the contract;
//   - preload/ (the bridges): nothing from main or the renderer;
//   - common/ (what every process shares): nothing from main, preload or the renderer, no Node built-ins;
//   - the domain (main/ except main/index.ts and main/electron/) imports nothing from Electron;
//   - the simulator imports none of the app code it stands in for (only its own files and the HTML escaper).
// test/unit/lint-gate.test.ts lints small fixtures that break each boundary, to prove they fail.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Node's built-in modules, by either name (`fs`, `node:fs`). */
const NODE_BUILTINS = {
  group: ['node:*', ...builtinModules.filter((m) => !m.startsWith('_'))],
  message: 'Runs outside Node: no Node built-ins.',
};

/** What no renderer file may import. */
/** The counter's screens take a catalog only through base/catalogs.ts (its languages/ chunks). */
const CATALOGS_FETCHED = {
  regex: 'common/i18n(/index|/en-CA|/fr-CA)?(\\.ts)?$',
  allowTypeImports: true,
  message:
    'The counter’s screens fetch only the language in use: import common/i18n/locales (or translator); renderer/src/base/catalogs.ts loads a catalog.',
};
const RENDERER_IMPORTS = [
  {
    group: ['**/main', '**/main/**'],
    message: 'The renderer imports nothing from main: it talks to main only through window.pos.',
  },
  {
    group: ['**/preload', '**/preload/**'],
    message: 'The renderer imports nothing from the bridges: shared code is in common/.',
  },
  {
    group: ['electron', 'keytar', 'better-sqlite3', 'pg', 'pg-*'],
    message: 'The renderer is sandboxed: no Electron, no keychain, no database.',
  },
  { ...NODE_BUILTINS, message: 'The renderer is sandboxed: no Node.' },
  {
    group: ['**/common/contract', '**/common/contract.ts'],
    allowTypeImports: true,
    message: 'Only types from the contract: its zod schemas belong to preload and main.',
  },
  CATALOGS_FETCHED,
];

/**
 * The renderer's floors, lowest first: base/ (the bridge to main, the language, formats, who is signed
 * in) → shared/ (pieces several features use: manager approval, amount pad, error line) → the
 * features → app/ (the shell that lays the screens out) → the page entries in renderer/src/. A floor
 * imports only from the floors below it; features may use each other's pieces.
 */
export const RENDERER_FEATURES = [
  'sale',
  'receipts',
  'transactions',
  'drawer',
  'reports',
  'staff',
  'helcim',
  'shop',
  'devices',
  'catalog',
  'tax',
  'discounts',
  'mail',
  'customers',
  'backup',
  'health',
];
const folders = (names) => names.flatMap((n) => [`../${n}`, `../${n}/**`]);
const ABOVE = {
  base: [...RENDERER_FEATURES, 'shared', 'app'],
  shared: [...RENDERER_FEATURES, 'app'],
  ...Object.fromEntries(RENDERER_FEATURES.map((f) => [f, ['app']])),
  app: [],
};
/** Only a store (a file named *-store.ts) calls main through pos; components show state. */
const NO_POS = {
  group: ['**/pos', '**/pos.ts'],
  message: 'Only the stores (files named *-store.ts) call main through pos.',
};
/**
 * The import rule with these patterns (and exact paths).
 * @param {object[]} patterns
 * @param {object[]} [paths]
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restricted = (patterns, paths) => ({
  '@typescript-eslint/no-restricted-imports': ['error', paths ? { patterns, paths } : { patterns }],
});
const RENDERER_LAYERS = [
  ...Object.entries(ABOVE).flatMap(([floor, above]) => {
    const up = above.length
      ? [
          {
            group: folders(above),
            message: `renderer/src/${floor}/ imports only from the floors below it (base → shared → features → app).`,
          },
        ]
      : [];
    return [
      {
        files: [`renderer/src/${floor}/**/*.{ts,tsx}`],
        rules: restricted([...RENDERER_IMPORTS, ...up, NO_POS]),
      },
      {
        files: [`renderer/src/${floor}/**/*-store.ts`, 'renderer/src/base/pos.ts'],
        rules: restricted([...RENDERER_IMPORTS, ...up]),
      },
    ];
  }),
  // The page entries (main.tsx, customer.tsx, checkout-host.ts) sit on top and call no operation themselves.
  { files: ['renderer/src/*.{ts,tsx}'], rules: restricted([...RENDERER_IMPORTS, NO_POS]) },
  // A language's own chunk, the one place the counter's screens take a catalog (with FormatJS): fetched
  // by base/catalogs.ts when that language is needed, never part of the first screen (issue 31).
  {
    files: ['renderer/src/base/languages/*.ts'],
    rules: restricted([...RENDERER_IMPORTS.filter((p) => p !== CATALOGS_FETCHED), NO_POS]),
  },
];

/** What no preload (bridge) may import. */
const PRELOAD_IMPORTS = [
  {
    group: ['**/main', '**/main/**'],
    message: 'A preload imports nothing from main: it only forwards to main over IPC.',
  },
  { group: ['**/renderer', '**/renderer/**'], message: 'A preload imports nothing from the renderer.' },
];

/** What no shared file may import: it runs in every process. */
const COMMON_IMPORTS = [
  {
    group: ['**/main', '**/main/**', '**/preload', '**/preload/**', '**/renderer', '**/renderer/**'],
    message: 'common/ is shared by every process: it imports only common/ and plain packages.',
  },
  {
    group: ['electron', 'keytar', 'better-sqlite3', 'pg', 'pg-*'],
    message: 'common/ is shared by every process: no Electron, keychain or database.',
  },
  { ...NODE_BUILTINS, message: 'common/ runs in the sandboxed renderer too: no Node built-ins.' },
];

/** The simulator stands in for Helcim: it may not borrow the app's own code (its encoders, rules, levels). */
const SIMULATOR_IMPORTS = [
  {
    group: ['../*', '!../html', '!../html.ts', '../../**'],
    message: 'The simulator follows HELCIM.md, not the app: only its own files and the HTML escaper.',
  },
];

const NO_ELECTRON = {
  name: 'electron',
  message: 'The domain imports nothing from Electron; only main/index.ts, main/electron/ and the preloads do.',
};

/** Where `electron` may be imported: the shell, and the bridges (preloads) that expose to a page. */
export const ELECTRON_SHELL = ['main/index.ts', 'main/electron/**', 'preload/index.ts', 'preload/customer.ts'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      '.tmp/**',
      'playwright-report/**',
      '.stryker-tmp/**',
    ],
  },
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
  ...RENDERER_LAYERS,
  {
    // The bridges that expose an API to a page take `electron`; their helpers (bridge.ts) do not.
    files: ['preload/**/*.ts'],
    rules: restricted(PRELOAD_IMPORTS, [NO_ELECTRON]),
  },
  {
    files: ELECTRON_SHELL.filter((f) => f.startsWith('preload/')),
    rules: restricted(PRELOAD_IMPORTS),
  },
  {
    files: ['common/**/*.ts'],
    rules: restricted(COMMON_IMPORTS),
  },
  {
    files: ['main/simulator/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: SIMULATOR_IMPORTS,
          paths: [{ name: 'electron', message: 'The simulator imports nothing from Electron.' }],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: [...ELECTRON_SHELL, 'main/simulator/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [NO_ELECTRON] }] },
  },
);
