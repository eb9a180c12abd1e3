// The layer table of ARCHITECTURE.md, enforced: who may import what.
//   shared/          only shared/ and pure libraries: no node built-ins, electron, react, main, renderer
//   main/ (not electron/)  shared/, node, better-sqlite3: no electron, react, renderer
//   main/electron/   main/ and electron: no renderer
//   renderer/        shared/, react, MUI: no node built-ins, electron, better-sqlite3, main
//   renderer/features/<x>/  other features only through their index.ts; renderer/components/ no feature at all
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { featureBoundaries } from './scripts/eslint/feature-boundaries.js';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];
const nodePatterns = [{ group: ['node:*'], message: 'Node built-ins are not allowed in this layer (ARCHITECTURE.md "Folders and layers").' }];

const restrict = (paths, patterns) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

const named = (names, message) => names.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'test/tooling/fixtures/**', 'resources/native/**', '.native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: restrict(
      [
        ...named(nodeBuiltins, 'shared/ runs on both sides: no Node built-ins (ARCHITECTURE.md "Folders and layers").'),
        ...named(['electron'], 'Only main/electron/ may import electron.'),
        ...named(['react', 'react-dom', 'better-sqlite3', 'better-sqlite3-multiple-ciphers'], 'shared/ holds only pure code: no react, no better-sqlite3.'),
      ],
      [...nodePatterns, { group: ['**/main/**', '**/renderer/**', '../main', '../renderer'], message: 'shared/ may import only shared/.' }],
    ),
  },
  {
    files: ['main/**/*.{ts,tsx}'],
    ignores: ['main/electron/**'],
    rules: restrict(
      [
        ...named(['electron'], 'Only main/electron/ may import electron (ARCHITECTURE.md "Folders and layers").'),
        ...named(['react', 'react-dom'], 'main/ never imports react.'),
      ],
      [
        { group: ['**/renderer/**', '**/renderer'], message: 'main/ never imports the renderer.' },
        { group: ['**/electron/*', './electron/*'], message: 'Plain main/ code does not import main/electron/.' },
      ],
    ),
  },
  {
    files: ['main/electron/**/*.{ts,tsx}'],
    rules: restrict([...named(['react', 'react-dom'], 'main/ never imports react.')], [
      { group: ['**/renderer/**', '**/renderer'], message: 'main/electron/ never imports the renderer.' },
    ]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [
        ...named(nodeBuiltins, 'The renderer is sandboxed: no Node built-ins (ARCHITECTURE.md "Folders and layers").'),
        ...named(['electron'], 'Only main/electron/ may import electron; the renderer talks through window.api.'),
        ...named(['better-sqlite3', 'better-sqlite3-multiple-ciphers'], 'The renderer reaches data only through the contract.'),
      ],
      [...nodePatterns, { group: ['**/main/**', '../main', '../../main'], message: 'The renderer never imports main/; use renderer/api.ts.' }],
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { local: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: { 'local/feature-boundaries': 'error' },
  },
  {
    // Services run per call: their SQL is compiled once per connection (main/db/statements.ts).
    files: ['main/services/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='prepare']",
          message: 'Use cachedStatement(db, sql) from main/db/statements.ts (static SQL only), or selectPage/Where from main/db/paged.ts for lists.',
        },
      ],
    },
  },
);
