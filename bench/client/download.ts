/**
 * The initial-download figure (issue 4: 100k customers in ≤ 10 s), with where the time went.
 * Used by run.ts; also runs alone, for profiling the download without the other figures:
 *
 *   CENTRALITA_BENCH_DOWNLOAD=100000 CENTRALITA_BENCH_SEED_CACHE=/tmp/seeds npx tsx bench/client/download.ts
 *
 * With CENTRALITA_BENCH_DOWNLOAD_DB=postgres the backend runs on a PostgreSQL 15 it starts itself
 * (seeded for the run, not cached) instead of PGlite: how much of the time is the embedded engine.
 *
 * Baselines, measured in the same run against the same seeded backend:
 * - the same snapshot pages fetched and parsed in Node, stored nowhere (server + wire);
 * - the same pages fetched and parsed in the page and written with raw IndexedDB puts, in the
 *   layout the store keeps (schema v3: identities and consents inside the customer row), into a
 *   scratch database with the same stores and indexes (one transaction per page, no prefetch).
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startBackend, type RunningBackend } from '../../e2e/support/backend';
import { loginResponseSchema } from '../../contract/src/auth';
import { createDatabase, startPostgres } from '../../server/test/postgres-server';
import type { DownloadStats } from '../../renderer/src/features/sync/download.worker';

const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

interface DownloadLab {
  __centralitaSync: {
    signIn(user: string, password: string, options: object): Promise<unknown>;
    bench: {
      timeIdle(): Promise<{ ms: number; customers: number; stats: DownloadStats | null }>;
      rawSnapshotWrite(accessToken: string, limit: number): Promise<{ ms: number; rows: number; pages: number }>;
    };
  };
}

export interface DownloadFigure {
  seeded: number;
  customersCached: number;
  ms: number;
  stats: DownloadStats | null;
  rawSnapshotFetchMs: number;
  rawIndexedDbMs: number;
  rawIndexedDbRows: number;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/**
 * The lab's page and its scripts get COOP/COEP headers, so the page is cross-origin isolated and
 * `performance.now()` ticks in 5 µs instead of 100 µs: sub-millisecond reads (a phone lookup's
 * p99 is ~1 ms at 1M) would otherwise be ratios of a few ticks. The API is not intercepted.
 */
export async function isolateLab(context: BrowserContext): Promise<BrowserContext> {
  await context.route(/\/(sync-lab\.html|assets\/[^?]*)(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
  });
  return context;
}

export async function persistentContext(profile: string): Promise<BrowserContext> {
  return isolateLab(await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS }));
}

export async function tokenFor(backend: RunningBackend, username: string): Promise<string> {
  const login = await fetch(`${backend.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'centralita' }) });
  return loginResponseSchema.parse(await login.json()).accessToken;
}

function seedInto(dataDir: string, count: number, databaseUrl?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'server/src/cli/seed.ts'), '--customers', String(count), '--with-demo-accounts'], {
      cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DATA_DIR: dataDir, CENTRALITA_DEMO: '1', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    });
    child.once('exit', (code) => (code === 0 ? resolve(dataDir) : reject(new Error(`seed exited ${code}`))));
  });
}

/**
 * A data directory holding `count` seeded customers. With CENTRALITA_BENCH_SEED_CACHE=<dir>, the
 * seeded directory is kept there (per count) and copied for later runs: seeding 100k takes minutes.
 */
export async function seedDataDir(count: number): Promise<string> {
  const cacheRoot = process.env.CENTRALITA_BENCH_SEED_CACHE;
  if (!cacheRoot) return seedInto(mkdtempSync(join(tmpdir(), 'centralita-bench-seed-')), count);
  const cached = join(cacheRoot, `customers-${count}`);
  if (!existsSync(join(cached, '.seeded'))) {
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(cached, { recursive: true });
    await seedInto(cached, count);
    writeFileSync(join(cached, '.seeded'), new Date().toISOString());
  }
  const copy = mkdtempSync(join(tmpdir(), 'centralita-bench-seed-'));
  cpSync(cached, copy, { recursive: true });
  return copy;
}

export async function openLab(context: BrowserContext, url: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}/sync-lab.html`);
  await page.waitForSelector('body[data-lab-ready="true"]', { state: 'attached' });
  if (!(await page.evaluate(() => globalThis.crossOriginIsolated))) throw new Error('the lab page is not cross-origin isolated: its timer would tick in 100 µs');
  return page;
}

/** Seeds (or copies) `count` customers, then times agent1's first sign-in until sync is idle. */
export async function measureDownload(count: number, { env = {}, engine = 'pglite' }: { env?: Record<string, string>; engine?: 'pglite' | 'postgres' } = {}): Promise<DownloadFigure> {
  const postgres = engine === 'postgres' ? await seededPostgres(count) : null;
  const dataDir = postgres ? mkdtempSync(join(tmpdir(), 'centralita-bench-seed-')) : await seedDataDir(count);
  const seeded = await startBackend({ env: { ...env, DATA_DIR: dataDir, ...(postgres ? { DATABASE_URL: postgres.url } : {}) } });
  const profile = mkdtempSync(join(tmpdir(), 'centralita-bench-profile-'));
  const context = await persistentContext(profile);
  try {
    const page = await openLab(context, seeded.url);
    const started = performance.now();
    await page.evaluate(() => (globalThis as unknown as DownloadLab).__centralitaSync.signIn('agent1', 'centralita', { periodMs: 60_000 }));
    const idle = await page.evaluate(() => (globalThis as unknown as DownloadLab).__centralitaSync.bench.timeIdle());
    const ms = performance.now() - started;

    const token = await tokenFor(seeded, 'agent1');
    const pageSize = idle.stats && idle.stats.pages > 0 ? Math.max(1000, Math.round(idle.stats.customers / idle.stats.pages / 1000) * 1000) : 1000;
    const rawStarted = performance.now();
    for (let after: string | null = null; ;) {
      const response: Response = await fetch(`${seeded.url}/api/sync/snapshot?limit=${pageSize}${after ? `&after=${after}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`raw snapshot: HTTP ${response.status}`);
      after = ((await response.json()) as { next: string | null }).next;
      if (after === null) break;
    }
    const rawSnapshotFetchMs = performance.now() - rawStarted;
    const rawWrite = await page.evaluate(([accessToken, limit]) => (globalThis as unknown as DownloadLab).__centralitaSync.bench.rawSnapshotWrite(accessToken, limit), [token, pageSize] as const);
    return { seeded: count, customersCached: idle.customers, ms, stats: idle.stats, rawSnapshotFetchMs, rawIndexedDbMs: rawWrite.ms, rawIndexedDbRows: rawWrite.rows };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await seeded.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.stop();
  }
}

/** A PostgreSQL 15 started for this run with `count` seeded customers in a fresh database. */
async function seededPostgres(count: number): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await startPostgres();
  try {
    const database = await createDatabase(server.url, 'bench_download');
    const scratch = mkdtempSync(join(tmpdir(), 'centralita-bench-seed-'));
    await seedInto(scratch, count, database.url).finally(() => rmSync(scratch, { recursive: true, force: true }));
    return { url: database.url, stop: async () => { await database.drop().catch(() => undefined); await server.stop(); } };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export function describeDownload(figure: DownloadFigure): string {
  const stats = figure.stats;
  if (!stats) return 'no stage timings (the download did not run in the worker)';
  const s = (ms: number) => `${round(ms / 1000)} s`;
  return `${stats.pages} pages, ${stats.rows} rows, ${round(stats.bytes / 1e6, 1)} MB; snapshot ${s(stats.snapshotMs)} (writing ${s(stats.writeMs)}, waiting for pages ${s(stats.waitMs)}; ` +
    `request→headers ${s(stats.fetchMs)}, body+parse ${s(stats.parseMs)} overlapped), pull after it ${s(stats.pullMs)}`;
}

if (process.argv[1]?.endsWith('download.ts')) {
  const count = Number(process.env.CENTRALITA_BENCH_DOWNLOAD ?? 5000);
  // CENTRALITA_BENCH_WEB_ROOT: serve a copy of a build (out/renderer is emptied by any rebuild).
  const webRoot = process.env.CENTRALITA_BENCH_WEB_ROOT;
  const engine = process.env.CENTRALITA_BENCH_DOWNLOAD_DB === 'postgres' ? 'postgres' : 'pglite';
  measureDownload(count, { env: webRoot ? { WEB_ROOT: webRoot } : {}, engine }).then((figure) => {
    console.log(`initial download of ${figure.seeded} (backend on ${engine === 'postgres' ? 'PostgreSQL 15' : 'PGlite'}): ${round(figure.ms / 1000)} s, ${figure.customersCached} customers cached`);
    console.log(`  ${describeDownload(figure)}`);
    console.log(`  baseline, snapshot pages fetched and parsed in Node: ${round(figure.rawSnapshotFetchMs / 1000)} s`);
    console.log(`  baseline, same pages fetched, parsed and written with raw IndexedDB puts in the page (same layout): ${round(figure.rawIndexedDbMs / 1000)} s (${figure.rawIndexedDbRows} rows)`);
    console.log(JSON.stringify(figure));
  }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
