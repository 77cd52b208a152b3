// sync-lab.html (the e2e/bench driver of the sync feature) must never ship: the renderer build
// includes it only when CENTRALITA_TEST_PAGES=1, which scripts/test.mjs and scripts/bench.mjs set.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UserConfig } from 'vite';

async function rendererInputs(testPages: string | undefined): Promise<string[]> {
  vi.resetModules();
  if (testPages === undefined) vi.stubEnv('CENTRALITA_TEST_PAGES', '');
  else vi.stubEnv('CENTRALITA_TEST_PAGES', testPages);
  const { default: config } = (await import('../electron.vite.config')) as { default: { renderer: UserConfig } };
  const input = config.renderer.build?.rollupOptions?.input as Record<string, string>;
  return Object.keys(input).sort();
}

describe('renderer build inputs', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('leave the test page out of a normal build (npm start, npm run dist)', async () => {
    expect(await rendererInputs(undefined)).toEqual(['caller', 'index']);
  });

  it('add it for test and bench builds', async () => {
    expect(await rendererInputs('1')).toEqual(['caller', 'index', 'sync-lab']);
  });

  it('empty out/renderer first, so a page from an earlier test build cannot linger into a release', async () => {
    vi.resetModules();
    const { default: config } = (await import('../electron.vite.config')) as { default: { renderer: UserConfig } };
    expect(config.renderer.build?.emptyOutDir).toBe(true);
  });
});

describe('the scripts that build for tests and benchmarks', () => {
  it('set CENTRALITA_TEST_PAGES for their build', async () => {
    const { readFileSync } = await import('node:fs');
    for (const script of ['scripts/test.mjs', 'scripts/bench.mjs']) {
      expect(readFileSync(new URL(`../${script}`, import.meta.url), 'utf8')).toMatch(/CENTRALITA_TEST_PAGES: '1'/);
    }
  });
});
