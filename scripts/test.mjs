// `npm test`: installs what the suite needs, then runs lint, typecheck, build, unit and
// e2e suites, and ends with one line `N passed, N failed[, N skipped]`.
// As root it runs the suites in a fresh network namespace that has only loopback, so every
// service the tests start (PostgreSQL, Kamailio, the backend, Chromium) talks over 127.0.0.1 alone
// and WebRTC cannot pick another interface.
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, ensureDebianPackages, ensureNodeDeps, isRoot, log, root, run } from './lib.mjs';
import { TEST_PACKAGES } from './test-packages.mjs';


const reportDir = join(root, 'test-results', 'reports');

async function prepare() {
  await ensureNodeDeps();
  const missing = await ensureDebianPackages(TEST_PACKAGES);
  if (missing.length > 0) log(`continuing without: ${missing.join(' ')} (tests that need them will fail and say why)`);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Counts from vitest's JSON reporter (jest-compatible shape). */
function vitestCounts(path) {
  const report = readJson(path);
  if (!report) return null;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Counts from Playwright's JSON reporter. */
function playwrightCounts(path) {
  const report = readJson(path);
  if (!report?.stats) return null;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  return { passed: expected + flaky, failed: unexpected + (report.errors?.length ?? 0), skipped };
}

async function stage(name, command, args, { counts, env } = {}) {
  log(`── ${name}`);
  const started = Date.now();
  const code = await run(command, args, { env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const tally = counts?.() ?? null;
  // A stage without per-test counts (lint, typecheck, build) counts as one check.
  const result = tally ?? { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
  if (code !== 0 && result.failed === 0) result.failed = 1; // crashed before reporting
  log(`── ${name}: exit ${code} in ${seconds}s (${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped)`);
  return { name, code, ...result };
}

async function suites() {
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  const vitestJson = join(reportDir, 'vitest.json');
  const webJson = join(reportDir, 'e2e-web.json');
  const electronJson = join(reportDir, 'e2e-electron.json');
  const display = process.env.DISPLAY || !commandExists('xvfb-run') ? [] : ['xvfb-run', '-a', '-s', '-screen 0 1440x900x24'];
  const withDisplay = (command, args) => (display.length ? [display[0], [...display.slice(1), command, ...args]] : [command, args]);

  const results = [];
  results.push(await stage('lint', bin('eslint'), ['.', '--max-warnings=0']));
  results.push(await stage('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']));
  results.push(await stage('typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']));
  results.push(await stage('typecheck (e2e, bench)', bin('tsc'), ['-p', 'tsconfig.e2e.json', '--noEmit']));
  // CENTRALITA_TEST_PAGES adds the test-only pages (sync-lab.html) that e2e and bench drive.
  results.push(await stage('build', bin('electron-vite'), ['build'], { env: { CENTRALITA_TEST_PAGES: '1' } }));
  results.push(await stage('unit and server tests (vitest)', bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
    { counts: () => vitestCounts(vitestJson) }));
  const [webCmd, webArgs] = withDisplay(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts']);
  results.push(await stage('e2e in Chromium (Playwright)', webCmd, webArgs,
    { counts: () => playwrightCounts(webJson), env: { PLAYWRIGHT_JSON_OUTPUT_NAME: webJson } }));
  if (existsSync(join(root, 'e2e', 'electron', 'playwright.config.ts'))) {
    const [elCmd, elArgs] = withDisplay(bin('playwright'), ['test', '-c', 'e2e/electron/playwright.config.ts']);
    results.push(await stage('e2e in Electron (Playwright _electron)', elCmd, elArgs,
      { counts: () => playwrightCounts(electronJson), env: { PLAYWRIGHT_JSON_OUTPUT_NAME: electronJson } }));
  }
  return results;
}

function summarize(results) {
  const total = results.reduce((sum, r) => ({
    passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped,
  }), { passed: 0, failed: 0, skipped: 0 });
  for (const r of results) log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name}`);
  const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
  process.stdout.write(`${total.passed} passed, ${total.failed} failed${skipped}\n`);
  return results.every((r) => r.code === 0) && total.failed === 0 ? 0 : 1;
}

const insideNamespace = process.env.CENTRALITA_NETNS === '1';
if (insideNamespace) {
  await run('ip', ['link', 'set', 'lo', 'up']);
  process.exit(summarize(await suites()));
} else {
  await prepare();
  if (isRoot && commandExists('unshare') && commandExists('ip') && !process.env.CENTRALITA_NO_NETNS) {
    log('running the suites in a loopback-only network namespace');
    const code = await run('unshare', ['--net', '--', process.execPath, join(root, 'scripts', 'test.mjs')], {
      env: { ...process.env, CENTRALITA_NETNS: '1' },
    });
    process.exit(code);
  }
  process.exit(summarize(await suites()));
}
