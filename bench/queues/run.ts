/**
 * Work queue of 10,000 items (issue 8), in Chromium against the real backend with demo data:
 * - time to first paint: from the sign-in reply until the first queue row is on screen, with the
 *   items already cached locally (second sign-in on the same profile), beside the same figure for
 *   an agent whose team queue is the demo's handful of items, measured in the same run;
 * - scroll frame times: requestAnimationFrame intervals while the 10,000-item list scrolls
 *   continuously, beside the intervals of the same page idle (the display's own frame rate);
 * - rows moved by the live scores: a third sign-in on the same profile with the score read held
 *   until the whole cached queue is on screen, then let through; the rows rendered at the top of the
 *   list before and after it lands are compared (with saved scores only rows whose score changed
 *   move; a build without them goes from due order to priority order);
 * - offline priority estimate: with the server's score read failing, the time the renderer takes
 *   to read the cached records and score every item itself (its `centralita:queue-estimate` User
 *   Timing entry), beside the duration of the server's own score read of the same queue.
 *
 * Env: CENTRALITA_BENCH_QUEUE_ITEMS (default 10000), CENTRALITA_BENCH_QUEUE_FRAMES (default 300),
 * CENTRALITA_BENCH_QUEUE_PROFILE=<file.cpuprofile>: records a CPU profile of the scroll (open it in
 * Chrome DevTools) and prints the functions with the most self time; the sign-in → first row of the
 * 10,000-item queue goes to <file>.first-row.cpuprofile.
 * CENTRALITA_BENCH_QUEUE_WEB_ROOT=<dir>: serve another build of the browser edition than out/renderer
 * (a copy of an earlier build), to compare two builds back to back on the same loaded machine.
 */
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { loginResponseSchema } from '../../contract/src/auth';
import { MAX_PUSH_BATCH } from '../../contract/src/sync';
import { CHROMIUM_ARGS } from '../../e2e/playwright.config';
import { startBackend } from '../../e2e/support/backend';
import { percentile, report } from '../support/stats';
import { profiled } from './profile';

const ITEMS = Number(process.env.CENTRALITA_BENCH_QUEUE_ITEMS ?? 10_000);
const FRAMES = Number(process.env.CENTRALITA_BENCH_QUEUE_FRAMES ?? 300);
const PASSWORD = 'centralita';

function uuidv7(): string {
  const hex = Date.now().toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function login(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
  return loginResponseSchema.parse(await response.json()).accessToken;
}

/** Customer ids the lead can see, from the sync feed. */
async function customerIds(url: string, token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor = '0';
  for (;;) {
    const response = await fetch(`${url}/api/sync/pull?cursor=${cursor}&limit=5000`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await response.json()) as { changes: { entity: string; entityId: string }[]; cursor: string; hasMore: boolean };
    for (const change of page.changes) if (change.entity === 'customer') ids.push(change.entityId);
    if (!page.hasMore || page.cursor === cursor) return [...new Set(ids)];
    cursor = page.cursor;
  }
}

/** Queues `count` open callbacks and follow-ups for the lead's team through the sync API. */
async function seedQueue(url: string, count: number): Promise<void> {
  const token = await login(url, 'lead1');
  const customers = await customerIds(url, token);
  if (customers.length === 0) throw new Error('no customers to queue work for');
  const now = Date.now();
  for (let start = 0; start < count; start += MAX_PUSH_BATCH) {
    const mutations = Array.from({ length: Math.min(MAX_PUSH_BATCH, count - start) }, (_, offset) => {
      const n = start + offset;
      return {
        id: uuidv7(), entity: 'queue_item', entityId: uuidv7(), op: 'insert',
        patch: {
          kind: n % 3 === 0 ? 'complaint_follow_up' : 'callback', customerId: customers[n % customers.length],
          dueAt: new Date(now + ((n % 480) - 240) * 3_600_000).toISOString(), note: `bench item ${n}`, complaintId: null,
        },
        clientTs: `${String(now).padStart(15, '0')}-${String(n).padStart(4, '0').slice(-4)}-benchQueue`,
      };
    });
    const response = await fetch(`${url}/api/sync/push`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientId: 'bench-queue-seeder', mutations }),
    });
    if (!response.ok) throw new Error(`seeding the queue: HTTP ${response.status} ${await response.text()}`);
  }
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel(/^(Username|Usuario)$/).fill(username);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(PASSWORD);
  await page.getByRole('button', { name: /^(Sign in|Entrar)$/ }).click();
}

const QUEUE_ROW = 'aside [role="listitem"][data-item-id]';

/** Items the queue's summary line counts ("N items · …"). */
async function queueCount(page: Page): Promise<number> {
  const text = (await page.locator('.queue-summary').textContent()) ?? '';
  return Number(/^([\d,.]+)/.exec(text)?.[1]?.replace(/[,.]/g, '') ?? 0);
}

const SCORES_SAVED_MARK = 'centralita:queue-scores-saved';

/**
 * The live scores are on screen and, in a build that saves them, saved: the next sign-in starts
 * from them. A build without saved scores leaves no mark, so this waits a few seconds at most.
 */
async function scoresSettled(page: Page): Promise<void> {
  await page.waitForSelector('.queue-scores--fresh', { timeout: 120_000 });
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, SCORES_SAVED_MARK, { timeout: 10_000 }).catch(() => undefined);
}

/**
 * Signs in, waits for the whole queue, reloads (the browser edition keeps no session across a
 * reload, the local data stays), signs in again and measures sign-in reply → first row painted.
 */
async function firstPaint(browser: Browser, url: string, username: string, expected: number, profile?: string): Promise<{ ms: number; page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await signIn(page, username);
  await page.waitForSelector(QUEUE_ROW, { timeout: 300_000 });
  const deadline = Date.now() + 300_000;
  while ((await queueCount(page)) < expected && Date.now() < deadline) await page.waitForTimeout(500);
  await scoresSettled(page);
  await page.reload();
  const painted = await profiled(page, profile, async () => {
    await signIn(page, username);
    return page.waitForFunction((selector) => {
      if (!document.querySelector(selector)) return false;
      const login = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) => entry.name.endsWith('/api/auth/login'));
      return login ? performance.now() - login.responseEnd : false;
    }, QUEUE_ROW, { polling: 'raf', timeout: 120_000 });
  });
  // The queue's own User Timing stages (first page read, whole queue read…), from the sign-in reply.
  const stages = await page.evaluate(() => {
    const login = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) => entry.name.endsWith('/api/auth/login'));
    return performance.getEntriesByType('mark').filter((entry) => entry.name.startsWith('centralita:queue'))
      .map((entry) => ({ stage: entry.name, ms: Math.round(entry.startTime - (login?.responseEnd ?? 0)) }));
  });
  if (stages.length > 0) console.table(stages);
  return { ms: Number(await painted.jsonValue()), page, close: () => context.close() };
}

/** Ids of the rows the list has rendered, top to bottom. */
async function renderedOrder(page: Page): Promise<string[]> {
  const rows = await page.locator(QUEUE_ROW).evaluateAll((elements) =>
    elements.map((element) => ({ position: Number(element.getAttribute('aria-posinset')), id: element.getAttribute('data-item-id') ?? '' })));
  return rows.sort((a, b) => a.position - b.position).map((row) => row.id);
}

/**
 * Signs in again on the same page with the score read held until the whole cached queue is on
 * screen (what the agent sees before the server answers), then lets it through and compares the
 * rows rendered at the top of the list before and after the scores land.
 */
async function rowsMovedByLiveScores(page: Page, username: string, expected: number): Promise<{ moved: number; compared: number; statusBefore: string }> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const hold = async (route: Route) => {
    await held;
    await route.continue();
  };
  await page.route('**/api/queues/items**', hold);
  await page.reload();
  await signIn(page, username);
  await page.waitForFunction((n) => {
    const summary = document.querySelector('.queue-summary');
    const count = Number(/^([\d,.]+)/.exec(summary?.textContent ?? '')?.[1]?.replace(/[,.]/g, '') ?? 0);
    return count >= n && summary?.getAttribute('aria-busy') !== 'true';
  }, expected, { timeout: 120_000 });
  const before = await renderedOrder(page);
  const statusBefore = (await page.locator('.queue-scores').getAttribute('class'))?.replace('queue-scores ', '') ?? '';
  release();
  await page.waitForSelector('.queue-scores--fresh', { timeout: 120_000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const after = await renderedOrder(page);
  await page.unroute('**/api/queues/items**', hold);
  const compared = Math.min(before.length, after.length);
  let moved = 0;
  for (let n = 0; n < compared; n += 1) if (before[n] !== after[n]) moved += 1;
  return { moved, compared, statusBefore };
}

/** Empties the saved-score store of every local database on the page (a build without it: no-op). */
async function forgetSavedScores(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  await page.evaluate(async () => {
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith('centralita-')) continue;
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('queueScores')) {
            db.close();
            resolve();
            return;
          }
          const tx = db.transaction('queueScores', 'readwrite');
          tx.objectStore('queueScores').clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
    }
  });
}

/** rAF intervals over `frames` frames, scrolling the queue by `step` px each frame (0 = idle). */
async function frameTimes(page: Page, frames: number, step: number): Promise<number[]> {
  // tsx compiles with keepNames: the page needs the helper its named functions call.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(([count, px]) => new Promise<number[]>((resolve) => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="queue-scroll"]');
    if (!scroller) throw new Error('no queue scroller on the page');
    const deltas: number[] = [];
    let last = 0;
    const tick = (now: number) => {
      if (last) deltas.push(now - last);
      last = now;
      if (px) scroller.scrollTop = (scroller.scrollTop + px) % Math.max(1, scroller.scrollHeight - scroller.clientHeight);
      if (deltas.length < count) requestAnimationFrame(tick);
      else resolve(deltas);
    };
    requestAnimationFrame(tick);
  }), [frames, step] as const);
}

const webRoot = process.env.CENTRALITA_BENCH_QUEUE_WEB_ROOT;
const backend = await startBackend(webRoot ? { env: { WEB_ROOT: webRoot } } : {});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const demoItems = async (username: string) => {
    const token = await login(backend.url, username);
    const response = await fetch(`${backend.url}/api/queues/items?limit=10000`, { headers: { authorization: `Bearer ${token}` } });
    return ((await response.json()) as { total: number }).total;
  };
  const baselineItems = await demoItems('agent3');
  await seedQueue(backend.url, ITEMS);
  const bigItems = await demoItems('agent1');

  // Team B keeps the demo's small queue: the baseline for the same screen with almost no items.
  const small = await firstPaint(browser, backend.url, 'agent3', Math.min(1, baselineItems));
  await small.close();
  const profile = process.env.CENTRALITA_BENCH_QUEUE_PROFILE;
  const big = await firstPaint(browser, backend.url, 'agent1', ITEMS, profile?.replace(/(\.cpuprofile)?$/, '.first-row.cpuprofile'));
  await big.page.waitForFunction((n) => {
    const text = document.querySelector('.queue-summary')?.textContent ?? '';
    return Number(/^([\d,.]+)/.exec(text)?.[1]?.replace(/[,.]/g, '') ?? 0) >= n;
  }, ITEMS, { timeout: 120_000 });
  const idle = await frameTimes(big.page, FRAMES, 0);
  const scrolling = await profiled(big.page, profile, () => frameTimes(big.page, FRAMES, 240));
  const serverRead = await big.page.evaluate(() => {
    const reads = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.name.includes('/api/queues/items'));
    const last = reads.at(-1);
    return last ? last.responseEnd - last.startTime : null;
  });
  // A third sign-in: how many of the rows on screen move when the live scores land.
  await scoresSettled(big.page);
  const reorder = await rowsMovedByLiveScores(big.page, 'agent1', ITEMS);
  console.log(`before the live scores: ${reorder.statusBefore}; rows moved ${reorder.moved} of ${reorder.compared} rendered`);
  // Offline: the score read fails, the same page signs in again on its cached data and estimates.
  // The saved (last known) scores are dropped first: with them nothing is left to estimate.
  await big.page.route('**/api/queues/items**', (route) => route.abort('connectionrefused'));
  await forgetSavedScores(big.page);
  await big.page.reload();
  await signIn(big.page, 'agent1');
  await big.page.waitForSelector('.queue-scores--estimated', { timeout: 120_000 });
  const estimateMs = await big.page.evaluate(() => performance.getEntriesByName('centralita:queue-estimate').at(-1)?.duration ?? null);
  await big.close();

  report('queues', [
    { name: `time to first queue row, ${bigItems} items cached`, value: big.ms, unit: 'ms', baseline: { name: `${baselineItems}-item queue`, value: small.ms } },
    { name: 'scroll frame time p50', value: percentile(scrolling, 50), unit: 'ms', baseline: { name: 'same page idle', value: percentile(idle, 50) } },
    { name: 'scroll frame time p95', value: percentile(scrolling, 95), unit: 'ms', baseline: { name: 'same page idle', value: percentile(idle, 95) } },
    { name: 'scroll frame time max', value: Math.max(...scrolling), unit: 'ms', baseline: { name: 'same page idle', value: Math.max(...idle) } },
    { name: 'scroll frames over 50 ms', value: scrolling.filter((ms) => ms > 50).length, unit: `of ${scrolling.length}` },
    { name: 'rows moved when the live scores land, next sign-in', value: reorder.moved, unit: `of ${reorder.compared} rows on screen` },
    ...(estimateMs !== null && serverRead !== null
      ? [{ name: `offline priority estimate, ${bigItems} items`, value: estimateMs, unit: 'ms', baseline: { name: 'server score read of the same queue', value: serverRead } }]
      : []),
  ], { items: bigItems, frames: FRAMES, cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version });
} finally {
  await browser.close();
  await backend.stop();
}
