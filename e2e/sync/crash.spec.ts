/**
 * Crashes in the middle of a push: the backend killed mid-drain and restarted, and the page
 * closed mid-drain and reopened. Idempotent mutation ids make re-pushing safe: nothing is lost,
 * nothing is applied twice.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectPending, KillableBackend, openLab, pendingCount, serverChanges, signInLab, type LabGlobal } from './lab';

// Two push batches of 500: the crash lands between them or inside the second.
const BACKLOG = 1000;

async function recordBacklog(page: Page, count: number, label: string): Promise<string[]> {
  return page.evaluate(async ([total, tag]) => {
    const api = (globalThis as unknown as LabGlobal).__centralitaSync;
    const ids: string[] = [];
    // Fifty calls per transaction: how the backlog was made does not matter here, only that it is big.
    for (let start = 0; start < total; start += 50) {
      ids.push(...await api.recordInteractions(Array.from({ length: Math.min(50, total - start) }, (_, offset) => ({
        customerId: null, channel: 'call', direction: 'outbound', queue: null, remoteNumber: `+3491${String(start + offset).padStart(7, '0')}`, line: 1,
        queuedAt: null, answeredAt: null, endedAt: null, holdSeconds: 0, transferTarget: `${tag}-${start + offset}`,
      }))));
    }
    return ids;
  }, [count, label] as const);
}

/**
 * Every interaction is on the server at revision 1 (inserted once), and the client holds no dead
 * letter: a second apply of an insert would have been refused as `immutable` and dead-lettered.
 */
async function expectEachOnce(page: Page, changes: Awaited<ReturnType<typeof serverChanges>>, ids: readonly string[]): Promise<void> {
  const wanted = new Set(ids);
  const revisions = new Map<string, number>();
  for (const change of changes) if (change.entity === 'interaction' && wanted.has(change.entityId)) revisions.set(change.entityId, change.rev);
  expect(ids.filter((id) => !revisions.has(id)), 'interactions missing on the server').toEqual([]);
  expect([...revisions].filter(([, rev]) => rev !== 1), 'interactions applied more than once').toEqual([]);
  expect(await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.deadLetters()), 'dead letters').toEqual([]);
}

test.describe('crash safety', () => {
  let backend: KillableBackend;
  test.beforeEach(async () => {
    backend = await KillableBackend.create();
    await backend.start();
  });
  test.afterEach(async () => {
    await backend.dispose();
  });

  test('backend killed in the middle of a push, then restarted: no loss, no duplicate', async ({ page, context }) => {
    test.setTimeout(240_000);
    await openLab(page, backend.url);
    await signInLab(page, 'agent1');
    await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
    await context.setOffline(true);
    const ids = await recordBacklog(page, BACKLOG, 'kill');
    expect(await pendingCount(page)).toBe(BACKLOG);

    await context.setOffline(false);
    // Kill it as soon as part of the backlog has landed: the drain is mid-way.
    await expect.poll(() => pendingCount(page), { timeout: 60_000, intervals: [20] }).toBeLessThan(BACKLOG);
    await backend.kill();
    const leftAtCrash = await pendingCount(page);
    expect(leftAtCrash).toBeGreaterThan(0);
    // A browser that believes it has a network must blame the server; one that believes it has
    // none (a loopback-only test namespace) says offline.
    const browserOnline = await page.evaluate(() => navigator.onLine);
    await expect(page.getByTestId('sync-connection')).toHaveText(browserOnline ? /unreachable/i : /^Offline/, { timeout: 30_000 });

    await backend.start();
    // No help from the test: backoff retries find the backend again.
    await expectPending(page, 0, 120_000);
    await expectEachOnce(page, await serverChanges(backend.url, 'agent1'), ids);
  });

  test('page closed in the middle of a push, reopened: resumes and converges', async ({ browser }) => {
    test.setTimeout(240_000);
    // One persistent browser context stands for the agent's profile: its IndexedDB survives the page.
    const context = await browser.newContext();
    try {
      const first = await context.newPage();
      await openLab(first, backend.url);
      await signInLab(first, 'agent2');
      await first.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
      await context.setOffline(true);
      const ids = await recordBacklog(first, BACKLOG, 'close');
      await context.setOffline(false);
      await expect.poll(() => pendingCount(first), { timeout: 60_000, intervals: [20] }).toBeLessThan(BACKLOG);
      await first.close();

      const second = await context.newPage();
      await openLab(second, backend.url);
      await signInLab(second, 'agent2');
      await expectPending(second, 0, 120_000);
      await expectEachOnce(second, await serverChanges(backend.url, 'agent2'), ids);
      // The pull converged too: the reopened page holds every interaction the server has.
      const local = await second.evaluate(async (wanted) => {
        const api = (globalThis as unknown as LabGlobal).__centralitaSync;
        let found = 0;
        for (const id of wanted) if (await api.getInteraction(id)) found += 1;
        return found;
      }, ids);
      expect(local).toBe(BACKLOG);
    } finally {
      await context.close();
    }
  });
});
