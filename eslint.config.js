import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { existsSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Layering from DESIGN.md ("Layout") is enforced here, so a wrong import fails `npm run lint`
 * instead of being caught in review:
 * - src-main/core imports nothing from other project folders, no node:*, electron or db;
 * - `electron` only in src-main/electron and src-main/preload; `better-sqlite3` only in db/;
 * - src-renderer imports src-main/contract as types only, nothing else of src-main, db or
 *   src-server; renderer features do not import each other;
 * - src-server imports only src-main/core and src-main/sync/protocol.
 */

const root = import.meta.dirname;

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const electronOnlyInShell = {
  name: 'electron',
  message: 'Electron is imported only in src-main/electron and src-main/preload (DESIGN.md, Layout).',
};
const sqliteOnlyInDb = {
  name: 'better-sqlite3',
  message: 'better-sqlite3 is imported only in db/ (DESIGN.md, Layout); go through openLedgerDb or a service.',
};

/** `no-restricted-imports` options; later config blocks replace, not merge, so each lists all. */
function restrictedModules({ electron = true, sqlite = true, builtins = false, message = '' } = {}) {
  const paths = [];
  if (electron) paths.push(electronOnlyInShell);
  if (sqlite) paths.push(sqliteOnlyInDb);
  if (builtins) paths.push(...nodeBuiltins.map((name) => ({ name, message })));
  return ['error', { paths }];
}

/** One zone per feature folder: features/<a> may not reach into features/<b>. */
function featureZones() {
  const featuresDir = join(root, 'src-renderer', 'features');
  if (!existsSync(featuresDir)) return [];
  return readdirSync(featuresDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      target: `./src-renderer/features/${entry.name}`,
      from: './src-renderer/features',
      except: [`./${entry.name}`],
      message: 'Features do not import each other; move shared pieces to src-renderer/components or lib.',
    }));
}

const typeScriptFiles = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'dist-web/**',
      'dist-electron/**',
      'release/**',
      'node_modules/**',
      'build/native/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: typeScriptFiles,
    languageOptions: {
      parserOptions: {
        // Both sides' programs: every .ts file belongs to exactly one of them.
        project: ['./tsconfig.node.json', './tsconfig.web.json'],
        tsconfigRootDir: root,
      },
    },
    rules: {
      // An unawaited posting that fails would leave the clerk believing it was saved.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
  },

  // Layering by folder.
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.node'] })],
    },
    rules: {
      'no-restricted-imports': restrictedModules(),
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            {
              target: './src-main/core',
              from: '.',
              except: ['./src-main/core', './node_modules'],
              message: 'src-main/core holds pure rules and imports nothing from other project folders.',
            },
            {
              target: './src-renderer',
              from: './src-main',
              except: ['./contract'],
              message: 'The renderer reaches the Node side only through the API; it may import src-main/contract (as types).',
            },
            {
              target: './src-renderer',
              from: ['./db', './src-server'],
              message: 'The renderer reaches the Node side only through the API.',
            },
            ...featureZones(),
            {
              target: './src-server',
              from: './src-main',
              except: ['./core', './sync/protocol', './sync/protocol.ts'],
              message: 'The head-office server shares only src-main/core and the sync protocol with the app.',
            },
            {
              target: './src-server',
              from: ['./db', './src-renderer'],
              message: 'The head-office server shares only src-main/core and the sync protocol with the app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**'],
    rules: {
      'no-restricted-imports': restrictedModules({
        builtins: true,
        message: 'src-main/core is pure: no Node built-ins (take what you need as a parameter).',
      }),
    },
  },
  {
    files: ['src-main/electron/**', 'src-main/preload/**'],
    rules: { 'no-restricted-imports': restrictedModules({ electron: false }) },
  },
  {
    // Tests open a ledger file with the raw driver to check what the code under test wrote, and
    // the benchmarks' baseline is by definition the driver without our layers.
    files: ['db/**', 'tests/**', 'bench/**'],
    rules: { 'no-restricted-imports': restrictedModules({ sqlite: false }) },
  },
  {
    files: ['src-renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': restrictedModules({
        builtins: true,
        message: 'The renderer runs in the browser sandbox: no Node built-ins.',
      }),
      // The contract's zod schemas belong to the Node side; the renderer only needs its types.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src-main/contract(/|$)',
              allowTypeImports: true,
              message: 'The renderer imports src-main/contract as types only (`import type …`).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/e2e/**'],
    rules: {
      // Playwright reads fixture dependencies from the destructuring pattern, so `({}, use)` is
      // how a fixture without dependencies is written.
      'no-empty-pattern': 'off',
    },
  },
);
