/**
 * Playwright `_electron` smoke suite. It needs a real Electron binary, which cannot be
 * downloaded on every machine: without one, global setup prints one line saying why and the
 * spec marks its tests skipped (never passed).
 */
import { defineConfig } from '@playwright/test';
import { RUNNER_DEFAULTS } from '../playwright.config';

export default defineConfig({
  ...RUNNER_DEFAULTS,
  testDir: '.',
  globalSetup: './global-setup.ts',
  outputDir: '../../test-results/e2e-electron',
});
