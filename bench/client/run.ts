/**
 * Client data-layer benchmarks (issue 4), in headless Chromium with a PERSISTENT profile (the
 * default profile keeps IndexedDB in memory and would flatter every figure), against the real
 * backend. Every figure is printed beside a baseline measured in the same run.
 *
 * Env: CENTRALITA_BENCH_CUSTOMERS (cache size, default 20000; 100000 or 1000000 for the issue's
 *      figures), CENTRALITA_BENCH_DOWNLOAD (customers seeded for the initial-download figure,
 *      default 5000; 0 skips it), CENTRALITA_BENCH_BACKLOG (default 2000; the issue asks 10000),
 *      CENTRALITA_BENCH_LOOKUPS (phone lookup samples, default 2000: p99 is then the 20th slowest),
 *      CENTRALITA_BENCH_VISIBILITY (A→B samples, default 40; 0 skips it),
 *      CENTRALITA_BENCH_FOLLOWERS (idle leaders counting pulls per change announcement, default 5;
 *      0 skips it), CENTRALITA_BENCH_ONLY=visibility (only the A→B and announcement figures),
 *      CENTRALITA_BENCH_WEB_ROOT (a built renderer to serve instead of out/renderer),
 *      CENTRALITA_BENCH_SEED_CACHE (a directory to keep the seeded download database in across runs).
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startBackend, type RunningBackend } from '../../e2e/support/backend';
import { loginResponseSchema } from '../../contract/src/auth';
import { describeDownload, isolateLab, measureDownload, openLab, persistentContext } from './download';
import { percentile } from '../support/stats';

const CUSTOMERS = Number(process.env.CENTRALITA_BENCH_CUSTOMERS ?? 20_000);
const DOWNLOAD = Number(process.env.CENTRALITA_BENCH_DOWNLOAD ?? 5_000);
const BACKLOG = Number(process.env.CENTRALITA_BENCH_BACKLOG ?? 2_000);
const LOOKUPS = Number(process.env.CENTRALITA_BENCH_LOOKUPS ?? 2_000);
const VISIBILITY_SAMPLES = Number(process.env.CENTRALITA_BENCH_VISIBILITY ?? 40);
const FOLLOWERS = Number(process.env.CENTRALITA_BENCH_FOLLOWERS ?? 5);
const VISIBILITY_ONLY = process.env.CENTRALITA_BENCH_ONLY === 'visibility';
const WEB_ROOT = process.env.CENTRALITA_BENCH_WEB_ROOT ?? join(repoRoot, 'out', 'renderer');
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

interface LabBench {
  loadCustomers(count: number): Promise<number>;
  phoneLookups(count: number, samples: number): Promise<{ feature: number[]; indexRead: number[]; live: number[]; raw: number[]; misses: number }>;
  typeahead(samples: number): Promise<{ feature: number[]; raw: number[]; resultSizes: number[] }>;
  wrapups(samples: number): Promise<{ feature: number[]; raw: number[] }>;
  queueBacklog(count: number): Promise<number>;
  timeDrain(): Promise<number>;
  timeIdle(): Promise<{ ms: number; customers: number }>;
  visibilitySubject(): Promise<string>;
  editName(customerId: string, name: string): Promise<number>;
  seeName(customerId: string, name: string, timeoutMs: number): Promise<number>;
}
interface LabGlobal {
  __centralitaSync: { signIn(user: string, password: string, options: object): Promise<unknown>; whenIdle(): Promise<void>; bench: LabBench };
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function openSignedInLab(context: BrowserContext, url: string, username: string): Promise<Page> {
  if (!existsSync(join(WEB_ROOT, 'sync-lab.html'))) {
    throw new Error(`${WEB_ROOT}/sync-lab.html is missing: build with \`CENTRALITA_TEST_PAGES=1 npx electron-vite build\` (npm run bench does).`);
  }
  const page = await openLab(context, url);
  await page.evaluate(([user]) => (globalThis as unknown as LabGlobal).__centralitaSync.signIn(user, 'centralita', { periodMs: 60_000 }), [username] as const);
  return page;
}

type BenchCall = <K extends keyof LabBench>(name: K, ...args: Parameters<LabBench[K]>) => Promise<Awaited<ReturnType<LabBench[K]>>>;

/** Calls a lab benchmark by name: the page's CSP forbids eval, so no function source crosses over. */
function benchOn(page: Page): BenchCall {
  return ((name: string, ...args: unknown[]) => page.evaluate(([method, values]) => {
    const api = (globalThis as unknown as LabGlobal).__centralitaSync.bench as unknown as Record<string, (...inputs: unknown[]) => Promise<unknown>>;
    return api[method]!(...values);
  }, [name, args] as const)) as BenchCall;
}

async function tokenFor(backend: RunningBackend, username: string): Promise<string> {
  const login = await fetch(`${backend.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'centralita' }) });
  return loginResponseSchema.parse(await login.json()).accessToken;
}

/**
 * Agent A (the page already open) renames a customer; agent B, in its own browser profile, waits
 * for the name through its live query (push → NOTIFY → SSE → pull → IndexedDB → next frame).
 * Baseline: the two HTTP legs alone from Node (push, then a pull from the previous cursor).
 */
async function measureVisibility(backend: RunningBackend, pageA: Page, samples: number) {
  const profileB = mkdtempSync(join(tmpdir(), 'centralita-bench-profile-'));
  const contextB = await persistentContext(profileB);
  try {
    const pageB = await openSignedInLab(contextB, backend.url, 'agent2');
    await pageB.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
    const benchA = benchOn(pageA);
    const benchB = benchOn(pageB);
    const customerId = await benchA('visibilitySubject');
    await benchB('seeName', customerId, 'Visibility Probe', 30_000);
    const latencies: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      const name = `Visibility Probe ${sample}`;
      const seen = benchB('seeName', customerId, name, 30_000);
      const editedAt = await benchA('editName', customerId, name);
      latencies.push((await seen) - editedAt);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const tokenA = await tokenFor(backend, 'agent1');
    const tokenB = await tokenFor(backend, 'agent2');
    const { uuidv7 } = await import('../../renderer/src/features/sync/uuid7');
    const { formatHlc } = await import('../../contract/src/hlc');
    let cursor = (await (await fetch(`${backend.url}/api/sync/pull?cursor=0&limit=1`, { headers: { authorization: `Bearer ${tokenB}` } })).json() as { cursor: string }).cursor;
    const raw: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      const started = performance.now();
      const mutation = { id: uuidv7(), entity: 'customer', entityId: customerId, op: 'update', clientTs: formatHlc({ wallMs: Date.now() + 60_000, counter: sample, node: 'rawBaseline' }), patch: { displayName: `Raw ${sample}` } };
      const pushed = await fetch(`${backend.url}/api/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenA}` }, body: JSON.stringify({ clientId: 'rawBaselineClient', mutations: [mutation] }) });
      if (!pushed.ok) throw new Error(`raw push: HTTP ${pushed.status}`);
      await pushed.arrayBuffer();
      const pulled = await fetch(`${backend.url}/api/sync/pull?cursor=${cursor}&limit=1000`, { headers: { authorization: `Bearer ${tokenB}` } });
      cursor = ((await pulled.json()) as { cursor: string }).cursor;
      raw.push(performance.now() - started);
    }
    return {
      samples, p50: round(percentile(latencies, 50), 1), p95: round(percentile(latencies, 95), 1), max: round(Math.max(...latencies), 1),
      rawP50: round(percentile(raw, 50), 1), rawP95: round(percentile(raw, 95), 1),
    };
  } finally {
    await contextB.close();
    rmSync(profileB, { recursive: true, force: true });
  }
}

/**
 * Pulls per change announcement: agent A (the page already open) renames a customer `edits` times;
 * `followers` idle leaders (agent B in separate in-memory browser contexts, so each is the leader
 * of its own database) wait for each name, then the page settles past the feed's throttle and the
 * client's spread. Pull requests are counted on the wire. Ideal: 1 per follower per edit, and 1
 * per edit for A (its own pull after the push; the echo of its push needs none).
 */
async function measureAnnouncementPulls(backend: RunningBackend, pageA: Page, followers: number, edits: number) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  try {
    const isPull = (url: string) => url.includes('/api/sync/pull');
    let pusherPulls = 0;
    const countPusher = (request: { url(): string }) => { if (isPull(request.url())) pusherPulls += 1; };
    const counts: number[] = Array.from({ length: followers }, () => 0);
    const pages: Page[] = [];
    for (let index = 0; index < followers; index += 1) {
      const context = await isolateLab(await browser.newContext());
      context.on('request', (request) => { if (isPull(request.url())) counts[index]! += 1; });
      const page = await openSignedInLab(context, backend.url, 'agent2');
      await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
      pages.push(page);
    }
    const benchA = benchOn(pageA);
    const customerId = await benchA('visibilitySubject');
    await Promise.all(pages.map((page) => benchOn(page)('seeName', customerId, 'Visibility Probe', 30_000)));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 600));
    await settle();
    counts.fill(0);
    pageA.on('request', countPusher);
    try {
      for (let edit = 0; edit < edits; edit += 1) {
        const name = `Announced ${edit}`;
        const seen = Promise.all(pages.map((page) => benchOn(page)('seeName', customerId, name, 30_000)));
        await benchA('editName', customerId, name);
        await seen;
        await settle();
      }
    } finally {
      pageA.off('request', countPusher);
    }
    const followerPulls = counts.reduce((sum, count) => sum + count, 0);
    return { followers, edits, perFollowerPerEdit: round(followerPulls / (followers * edits)), pusherPerEdit: round(pusherPulls / edits) };
  } finally {
    await browser.close();
  }
}

/** Baseline for the drain: the same number of mutations pushed straight from Node, 200 per request. */
async function rawPushBaseline(backend: RunningBackend, count: number): Promise<number> {
  const login = await fetch(`${backend.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'agent2', password: 'centralita' }) });
  const { accessToken } = loginResponseSchema.parse(await login.json());
  const { uuidv7 } = await import('../../renderer/src/features/sync/uuid7');
  const started = performance.now();
  for (let start = 0; start < count; start += 200) {
    const mutations = Array.from({ length: Math.min(200, count - start) }, (_, offset) => ({
      id: uuidv7(), entity: 'interaction', entityId: uuidv7(), op: 'insert', clientTs: `${String(Date.now()).padStart(15, '0')}-${(offset % 65536).toString(16).padStart(4, '0')}-rawBaseline`,
      patch: { customerId: null, channel: 'call', direction: 'outbound', queue: null, remoteNumber: null, line: 1, queuedAt: null, answeredAt: null, endedAt: null, holdSeconds: 0, transferTarget: `raw-${start + offset}` },
    }));
    const response = await fetch(`${backend.url}/api/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ clientId: 'rawBaselineClient', mutations }) });
    if (!response.ok) throw new Error(`raw push: HTTP ${response.status} ${await response.text()}`);
  }
  return performance.now() - started;
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = { customers: CUSTOMERS, backlog: BACKLOG, download: DOWNLOAD, at: new Date().toISOString() };
  const rows: Array<[string, string, string, string]> = [];
  // Each figure is printed as soon as it is measured, so a long run that is cut short still reports.
  const addRow = (row: [string, string, string, string]) => {
    rows.push(row);
    console.log(`measured: ${row.join(' | ')}`);
  };
  const backend = await startBackend({ env: { WEB_ROOT } });
  const profile = mkdtempSync(join(tmpdir(), 'centralita-bench-profile-'));
  let context: BrowserContext | null = null;
  try {
    context = await persistentContext(profile);
    const page = await openSignedInLab(context, backend.url, 'agent1');
    await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
    const bench = benchOn(page);

    if (!VISIBILITY_ONLY) {
      const loaded = await bench('loadCustomers', CUSTOMERS);
      const lookups = await bench('phoneLookups', CUSTOMERS, LOOKUPS);
      const lookup = {
        p50: round(percentile(lookups.feature, 50), 3), p99: round(percentile(lookups.feature, 99), 3),
        indexP50: round(percentile(lookups.indexRead, 50), 3), indexP99: round(percentile(lookups.indexRead, 99), 3),
        liveP50: round(percentile(lookups.live, 50), 3), liveP99: round(percentile(lookups.live, 99), 3),
        rawP50: round(percentile(lookups.raw, 50), 3), rawP99: round(percentile(lookups.raw, 99), 3), misses: lookups.misses,
      };
      results.phoneLookup = { ...lookup, cached: loaded, ratioP99: round(lookup.p99 / lookup.rawP99), indexRatioP99: round(lookup.indexP99 / lookup.rawP99), liveRatioP99: round(lookup.liveP99 / lookup.rawP99) };
      addRow([`phone lookup, screen pop (caller id normalized, then read), p50/p99 (${loaded} cached)`, `${lookup.p50} / ${lookup.p99} ms`, `${lookup.rawP50} / ${lookup.rawP99} ms`, `ratio p99 ${round(lookup.p99 / lookup.rawP99)} (goal p99 ≤ 5 ms, ≤ 1.2)`]);
      addRow(['phone lookup, same read given E.164, p50/p99', `${lookup.indexP50} / ${lookup.indexP99} ms`, `${lookup.rawP50} / ${lookup.rawP99} ms`, `ratio p99 ${round(lookup.indexP99 / lookup.rawP99)}`]);
      addRow(['phone lookup, live query (Dexie), p50/p99', `${lookup.liveP50} / ${lookup.liveP99} ms`, `${lookup.rawP50} / ${lookup.rawP99} ms`, `ratio p99 ${round(lookup.liveP99 / lookup.rawP99)}`]);

      const typed = await bench('typeahead', 1000);
      results.typeahead = { p99: round(percentile(typed.feature, 99), 3), rawP99: round(percentile(typed.raw, 99), 3), meanResults: round(typed.resultSizes.reduce((a, b) => a + b, 0) / typed.resultSizes.length, 1) };
      addRow(['name typeahead, 20 matches, p99', `${round(percentile(typed.feature, 99), 3)} ms`, `${round(percentile(typed.raw, 99), 3)} ms (name index only)`, 'goal ≤ 10 ms at 1M (feature also searches phone/email/number indexes)']);

      const saves = await bench('wrapups', 300);
      results.wrapupSave = { p50: round(percentile(saves.feature, 50)), p99: round(percentile(saves.feature, 99)), rawP99: round(percentile(saves.raw, 99)) };
      addRow(['wrap-up save + outbox, strict, p50/p99', `${round(percentile(saves.feature, 50))} / ${round(percentile(saves.feature, 99))} ms`, `${round(percentile(saves.raw, 99))} ms p99`, 'goal p99 ≤ 15 ms']);

      await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
      await context.setOffline(true);
      const queued = await bench('queueBacklog', BACKLOG);
      await context.setOffline(false);
      const drainMs = await bench('timeDrain');
      const rawMs = await rawPushBaseline(backend, BACKLOG);
      results.backlogDrain = { mutations: queued, ms: round(drainMs, 0), perSecond: round(queued / (drainMs / 1000), 0), rawPushMs: round(rawMs, 0) };
      addRow([`drain ${queued} queued mutations`, `${round(drainMs / 1000)} s (${round(queued / (drainMs / 1000), 0)}/s)`, `${round(rawMs / 1000)} s raw push from Node`, 'goal ≤ 10 s']);
    }

    if (VISIBILITY_SAMPLES > 0) {
      const visibility = await measureVisibility(backend, page, VISIBILITY_SAMPLES);
      results.visibility = visibility;
      addRow([`agent A's edit on agent B's screen, p50/p95 (${VISIBILITY_SAMPLES} edits)`, `${visibility.p50} / ${visibility.p95} ms`, `${visibility.rawP95} ms p95 push + pull from Node`, 'goal p95 < 1 s']);
    }
    if (FOLLOWERS > 0) {
      const pulls = await measureAnnouncementPulls(backend, page, FOLLOWERS, 20);
      results.announcementPulls = pulls;
      addRow([`pulls per change announcement (${FOLLOWERS} idle leaders, ${pulls.edits} edits)`, `${pulls.perFollowerPerEdit} per idle leader, ${pulls.pusherPerEdit} by the pusher`, '1 and 1 (one pull each)', 'per edit; extra pulls are redundant']);
    }
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    await backend.stop();
  }

  if (DOWNLOAD > 0 && !VISIBILITY_ONLY) {
    // download.ts: seeds (or copies the cached seed), times the first sign-in, and measures both baselines.
    const figure = await measureDownload(DOWNLOAD, { env: { WEB_ROOT } });
    const ratio = round(figure.ms / figure.rawIndexedDbMs);
    results.initialDownload = {
      seeded: DOWNLOAD, customersCached: figure.customersCached, ms: round(figure.ms, 0), stats: figure.stats,
      rawSnapshotFetchMs: round(figure.rawSnapshotFetchMs, 0), rawIndexedDbMs: round(figure.rawIndexedDbMs, 0), rawIndexedDbRows: figure.rawIndexedDbRows, ratioToRawIndexedDb: ratio,
    };
    addRow([`initial download (${DOWNLOAD} seeded)`, `${round(figure.ms / 1000)} s, ${figure.customersCached} customers cached`,
      `raw IndexedDB puts of the same pages ${round(figure.rawIndexedDbMs / 1000)} s; fetching them from Node ${round(figure.rawSnapshotFetchMs / 1000)} s`, `ratio ${ratio} to raw IndexedDB (goal ≤ 10 s for 100k)`]);
    console.log(`initial download stages: ${describeDownload(figure)}`);
  }

  const widths = [0, 1, 2, 3].map((column) => Math.max(...[['figure', 'Centralita', 'baseline (same run)', 'note'], ...rows].map((row) => row[column]!.length)));
  for (const row of [['figure', 'Centralita', 'baseline (same run)', 'note'], ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join(' │ '));
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  // A visibility-only run does not overwrite the full run's figures.
  writeFileSync(join(repoRoot, 'bench', 'results', VISIBILITY_ONLY ? 'client-visibility.json' : 'client.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
