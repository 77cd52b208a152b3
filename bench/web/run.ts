/**
 * Browser edition start-up: initial JS size (gzip) and time to interactive (the sign-in
 * username field ready for typing), each beside a bare React page built and served the same
 * way in the same run.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../e2e/playwright.config';
import { repoRoot, startBackend } from '../../e2e/support/backend';
import { percentile, report } from '../support/stats';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 15);

/** Gzip size of the JS and CSS an HTML page loads before anything else. */
function initialAssetBytes(webRoot: string, page: string): { js: number; css: number } {
  const html = readFileSync(join(webRoot, page), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  let js = 0;
  let css = 0;
  for (const ref of new Set(refs)) {
    const bytes = gzipSync(readFileSync(join(webRoot, ref.replace(/^\.?\//, ''))), { level: 9 }).length;
    if (ref.endsWith('.js')) js += bytes;
    else css += bytes;
  }
  return { js, css };
}

/** A bare React page with one input: the floor any React app pays. */
async function buildBaseline(outDir: string): Promise<void> {
  const src = mkdtempSync(join(tmpdir(), 'centralita-bench-baseline-'));
  writeFileSync(join(src, 'index.html'), '<!doctype html><html lang="en"><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>');
  writeFileSync(join(src, 'main.js'), "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(createElement('input', { name: 'username' }));\n");
  await build({
    root: src, base: './', logLevel: 'error', configFile: false,
    resolve: { alias: { react: join(repoRoot, 'node_modules/react'), 'react-dom': join(repoRoot, 'node_modules/react-dom') } },
    build: { outDir, emptyOutDir: true },
  });
  rmSync(src, { recursive: true, force: true });
}

/** Milliseconds from navigation start until the sign-in username field accepts typing, in a fresh context. */
async function timeToInteractive(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const ready = await page.waitForFunction(() => {
      const field = document.querySelector<HTMLInputElement>('input[name="username"]');
      return field && !field.disabled ? performance.now() : false;
    }, null, { polling: 'raf', timeout: 30_000 });
    return Number(await ready.jsonValue());
  } finally {
    await context.close();
  }
}

const webRoot = mkdtempSync(join(tmpdir(), 'centralita-bench-web-'));
cpSync(join(repoRoot, 'out', 'renderer'), webRoot, { recursive: true });
await buildBaseline(join(webRoot, 'baseline'));
const appSize = initialAssetBytes(webRoot, 'index.html');
const baselineSize = initialAssetBytes(join(webRoot, 'baseline'), 'index.html');

const backend = await startBackend({ env: { WEB_ROOT: webRoot } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const appUrl = `${backend.url}/`;
const baselineUrl = `${backend.url}/baseline/index.html`;
try {
  // One warm-up each (disk cache of the browser binary), then alternate so load drift hits both alike.
  await timeToInteractive(browser, appUrl);
  await timeToInteractive(browser, baselineUrl);
  const app: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    app.push(await timeToInteractive(browser, appUrl));
    baseline.push(await timeToInteractive(browser, baselineUrl));
  }
  report('web', [
    { name: 'initial JS (gzip)', value: appSize.js / 1024, unit: 'KiB', baseline: { name: 'bare React page', value: baselineSize.js / 1024 } },
    { name: 'initial CSS (gzip)', value: appSize.css / 1024, unit: 'KiB' },
    { name: 'time to interactive p50', value: percentile(app, 50), unit: 'ms', baseline: { name: 'bare React page', value: percentile(baseline, 50) } },
    { name: 'time to interactive p95', value: percentile(app, 95), unit: 'ms', baseline: { name: 'bare React page', value: percentile(baseline, 95) } },
  ], { runs: RUNS, cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version });
} finally {
  await browser.close();
  await backend.stop();
  rmSync(webRoot, { recursive: true, force: true });
}
