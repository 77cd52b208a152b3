/**
 * Work queue against the real backend with demo data: the server's priority scores are saved on
 * this computer after they are read, so the next sign-in (after a reload: the browser edition
 * keeps no session across one) orders the queue by them at once and says they are the last known
 * ones — with the score read failing, and while the live read is still on its way, after which
 * nothing moves because no score changed.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, seriousAccessibilityViolations, test } from '../support/fixtures';
import { signInAs } from '../support/sign-in';

test.describe.configure({ timeout: 180_000 });

const SCORES_SAVED = 'centralita:queue-scores-saved';
const TOP = 10;

/** The first rendered rows, top to bottom: item id and the score its badge shows. */
async function topRows(queue: Locator): Promise<Array<{ id: string; score: string }>> {
  const rows = queue.locator('[role="listitem"][data-item-id]');
  await expect(rows.nth(TOP - 1)).toBeVisible();
  const read = await rows.evaluateAll((elements) => elements.map((element) => ({
    position: Number(element.getAttribute('aria-posinset')),
    id: element.getAttribute('data-item-id') ?? '',
    score: element.querySelector('.queue-priority__badge')?.textContent ?? '',
  })));
  return read.sort((a, b) => a.position - b.position).slice(0, TOP).map(({ id, score }) => ({ id, score }));
}

async function scoresSaved(page: Page): Promise<void> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, SCORES_SAVED, { timeout: 60_000 });
}

test('the next sign-in is ordered by the last known scores at once, says so, and nothing moves when the live read lands', async ({ browser, backend }) => {
  const context = await browser.newContext({ baseURL: backend.url });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await signInAs(page, 'agent1');
    const queue = page.getByRole('complementary', { name: 'Work queue' });
    await expect(queue.getByText('Ordered by priority score')).toBeVisible({ timeout: 90_000 });
    await scoresSaved(page);
    const live = await topRows(queue);
    const liveScores = live.map((row) => Number(row.score));
    expect([...liveScores].sort((a, b) => b - a)).toEqual(liveScores);

    // Signed in again with the score read failing: the saved order, marked as last known.
    await page.route('**/api/queues/items**', (route) => route.abort('connectionrefused'));
    await page.reload();
    await signInAs(page, 'agent1');
    await expect(queue.getByText(/^Last known priority order, saved .+: the server cannot be reached now$/)).toBeVisible({ timeout: 90_000 });
    expect(await topRows(queue)).toEqual(live);
    await expect(queue.locator('.queue-priority__badge[data-last-known]').first()).toBeVisible();
    await expect(queue.locator('.queue-priority__badge[data-estimated]')).toHaveCount(0);
    const topRow = queue.getByRole('listitem').first();
    await topRow.focus();
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveAccessibleName(`Priority ${live[0]!.score}, last known`);
    await expect(topRow.getByRole('tooltip')).toContainText('Last known score, saved on this computer');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Once more with the server answering, but only when the saved order is on screen: the live
    // read then confirms it, nothing moves, and the marks go.
    await page.unrouteAll();
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/queues/items**', async (route) => {
      await held;
      await route.continue();
    });
    await page.reload();
    await signInAs(page, 'agent1');
    await expect(queue.getByText(/^Last known priority order, saved .+ · checking the server for changes…$/)).toBeVisible({ timeout: 90_000 });
    expect(await topRows(queue)).toEqual(live);
    answer();
    await expect(queue.getByText('Ordered by priority score')).toBeVisible({ timeout: 60_000 });
    expect((await topRows(queue)).map((row) => row.id)).toEqual(live.map((row) => row.id));
    await expect(queue.locator('.queue-priority__badge[data-last-known]')).toHaveCount(0);
  } finally {
    await context.close();
  }
});
