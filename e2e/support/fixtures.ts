/**
 * Shared Playwright fixtures: one real backend per worker (serving the built browser edition),
 * `baseURL` pointing at it, and helpers for axe scans and screenshots.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startBackend, type RunningBackend } from './backend';

export const DEMO_PASSWORD = 'centralita';
export const artifactsDir = join(repoRoot, 'e2e', 'artifacts');

export const test = base.extend<object, { backend: RunningBackend }>({
  backend: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const backend = await startBackend();
      try {
        await use(backend);
      } finally {
        await backend.stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ backend }, use) => use(backend.url),
});

export { expect };

/** axe-core violations a person would actually be blocked by. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Saves a full-page screenshot to e2e/artifacts/<name>.png for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
}
