/**
 * Work queue against the real backend with demo data: two agents of team A see the same team
 * queue ordered by the backend's priority score; one claims an item while offline, the other
 * claims it online first, and when the first comes back the claim is rolled back and they are told.
 */
import { expect, seriousAccessibilityViolations, test } from '../support/fixtures';
import { signInAs } from '../support/sign-in';

test.describe.configure({ timeout: 180_000 });

test('a claim made offline loses to an online claim made first: rolled back, and the agent is told', async ({ browser, backend }) => {
  const first = await browser.newContext({ baseURL: backend.url });
  const second = await browser.newContext({ baseURL: backend.url });
  try {
    const pageA = await first.newPage();
    const pageB = await second.newPage();
    await pageA.goto('/');
    await signInAs(pageA, 'agent1');
    await pageB.goto('/');
    await signInAs(pageB, 'agent2');

    const queueA = pageA.getByRole('complementary', { name: 'Work queue' });
    const queueB = pageB.getByRole('complementary', { name: 'Work queue' });
    // Items come from the local cache after the first download; scores from the backend's read.
    await expect(queueA.getByRole('listitem').first()).toBeVisible({ timeout: 90_000 });
    await expect(queueA.getByText('Ordered by priority score')).toBeVisible({ timeout: 30_000 });
    await expect(queueB.getByRole('listitem').first()).toBeVisible({ timeout: 90_000 });

    // Highest score first: the list's scores never go up.
    const scores = await queueA.locator('.queue-priority__badge').allTextContents();
    const numbers = scores.map(Number).filter((value) => Number.isFinite(value));
    expect(numbers.length).toBeGreaterThan(1);
    expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);

    // The explanation is there on keyboard focus.
    const topRow = queueA.getByRole('listitem').first();
    await topRow.focus();
    await pageA.keyboard.press('Tab');
    await expect(topRow.getByRole('tooltip')).toBeVisible();
    await expect(topRow.getByRole('tooltip')).toContainText(/Why priority/);

    const itemId = await topRow.getAttribute('data-item-id');
    expect(itemId).toBeTruthy();
    const rowA = queueA.locator(`[role="listitem"][data-item-id="${itemId}"]`);
    const rowB = queueB.locator(`[role="listitem"][data-item-id="${itemId}"]`);
    await expect(rowB).toBeVisible();

    // Agent 1 goes offline and claims: a pending claim, shown as theirs.
    await first.setOffline(true);
    await rowA.getByRole('button', { name: 'Claim' }).click();
    await expect(rowA).toContainText('Claimed by you');
    await expect(rowA).toContainText('Waiting to sync');

    // Agent 2, online, claims the same item first; the server accepts it.
    await rowB.getByRole('button', { name: 'Claim' }).click();
    await expect(rowB).toContainText('Claimed by you');
    await expect(rowB).not.toContainText('Waiting to sync', { timeout: 30_000 });

    // Agent 1 comes back: the server refuses the claim, it is rolled back and they are told.
    await first.setOffline(false);
    await expect(queueA.getByRole('alert')).toContainText('Someone else claimed', { timeout: 60_000 });
    await expect(queueA.getByRole('alert')).toContainText('rolled back');
    await expect(rowA).toHaveCount(0);
    expect(await seriousAccessibilityViolations(pageA)).toEqual([]);

    // Acknowledging clears the message; the item stays with agent 2.
    await queueA.getByRole('alert').getByRole('button', { name: 'OK' }).click();
    await expect(queueA.getByText('Someone else claimed')).toHaveCount(0);
    await expect(rowA).toHaveCount(0);
    await expect(rowB).toContainText('Claimed by you');
  } finally {
    await first.close();
    await second.close();
  }
});

test('when the server’s scores cannot be read, the queue is ordered by the same formula on cached data and says it is an estimate', async ({ browser, backend }) => {
  const context = await browser.newContext({ baseURL: backend.url });
  try {
    const page = await context.newPage();
    // Only the score read fails (sign-in and sync still work): the cached items get estimated scores.
    await page.route('**/api/queues/items**', (route) => route.abort('connectionrefused'));
    await page.goto('/');
    await signInAs(page, 'agent1');
    const queue = page.getByRole('complementary', { name: 'Work queue' });
    await expect(queue.getByRole('listitem').first()).toBeVisible({ timeout: 90_000 });
    await expect(queue.getByText('Priority estimated offline from cached customer data')).toBeVisible({ timeout: 60_000 });

    const badges = queue.locator('.queue-priority__badge[data-estimated]');
    await expect(badges.first()).toBeVisible();
    const numbers = (await badges.allTextContents()).map(Number).filter((value) => Number.isFinite(value));
    expect(numbers.length).toBeGreaterThan(1);
    expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);

    const topRow = queue.getByRole('listitem').first();
    await topRow.focus();
    await page.keyboard.press('Tab');
    await expect(topRow.getByRole('tooltip')).toContainText('Estimated offline');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  } finally {
    await context.close();
  }
});
