/**
 * Playwright e2e in Debian's Chromium (never `playwright install`). The orchestrator runs this
 * under xvfb-run, so DISPLAY is set and screenshots come from a real X display; without a
 * display the browser runs headless. Every spec starts the services it needs on free ports.
 */
import { defineConfig } from '@playwright/test';

const jsonReport = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Runner settings every suite shares (this one and e2e/electron): one worker, no retries, JSON for the orchestrator. */
export const RUNNER_DEFAULTS = {
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [['list'], ...(jsonReport ? [['json', { outputFile: jsonReport }] as const] : [])],
} satisfies Parameters<typeof defineConfig>[0];

export default defineConfig({
  ...RUNNER_DEFAULTS,
  testDir: '.',
  testIgnore: ['electron/**'],
  outputDir: '../test-results/e2e',
  use: {
    browserName: 'chromium',
    headless: !process.env.DISPLAY,
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
});
