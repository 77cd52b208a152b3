// Lint rules that keep the architecture honest: the renderer and the contract run in plain
// Chromium (no Electron, no Node), and renderer features talk only through public entries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'process', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib'];

const noNativeImports = {
  paths: [
    { name: 'electron', message: 'The renderer and the contract run in plain Chromium: use DesktopApi (window.desktop).' },
    ...NODE_BUILTINS.map((name) => ({ name, message: 'No Node built-ins in the renderer or the contract.' })),
  ],
  patterns: [{ group: ['node:*'], message: 'No Node built-ins in the renderer or the contract.' }],
};

/** A feature may import another feature only through its public entry (`@features/<name>`). */
const featureBoundary = (depth) => ({
  files: [`renderer/src/features/*/${'*/'.repeat(depth)}*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': ['error', {
      ...noNativeImports,
      patterns: [
        ...noNativeImports.patterns,
        { regex: '^@features/[^/]+/.+', message: 'Import another feature only through its public entry: @features/<name>.' },
        { regex: `^${'\\.\\./'.repeat(depth + 1)}(?!\\.\\./)`, message: 'Do not reach into another feature by a relative path: use @features/<name>.' },
      ],
    }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'e2e/artifacts/', 'bench/results/', '.centralita-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'contract/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', noNativeImports] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  featureBoundary(0),
  featureBoundary(1),
  featureBoundary(2),
  featureBoundary(3),
);
