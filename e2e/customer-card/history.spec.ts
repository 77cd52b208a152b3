/**
 * The card's timeline past the local cache: a customer whose older calls are only on the server
 * (seeded before the agent's download, which keeps a recent window) calls in; at the end of the
 * cached entries older pages load as the agent scrolls (or presses the button), an error with a
 * retry shows while the backend is unreachable, and an honest end once the server has nothing
 * older. Pages already fetched are kept for the session: a new card for the same customer asks for
 * none of them again. Real PBX calls, real backend.
 * It is the workspace's first call, so it also checks that the screen-pop warm-up ran before it.
 */
import { test, type Locator, type Page } from '@playwright/test';
import { seriousAccessibilityViolations } from '../support/fixtures';
import { callAgent, CUSTOMER_PHONES, cutBackend, expect, hangUp, openAgentWorkspace, openCustomerPhone, restoreBackend, cardLabForSpec } from './card-lab';
import { seedCustomerWithHistory } from './history-seed';

const lab = cardLabForSpec();

interface Entry { position: number; id: string; occurredAt: string; notes: string }

/** Every entry of the virtualised timeline, read by scrolling it from top to bottom. */
async function allEntries(scroller: Locator): Promise<Entry[]> {
  const seen = new Map<number, Entry>();
  for (let top = 0; ; ) {
    const { entries, next } = await scroller.evaluate(async (element, scrollTop) => {
      element.scrollTop = scrollTop;
      // Let the virtualiser render the rows now in view.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const rows = [...element.querySelectorAll<HTMLElement>('li[data-interaction-id]')].map((row) => ({
        position: Number(row.getAttribute('aria-posinset')), id: row.dataset.interactionId ?? '', occurredAt: row.dataset.occurredAt ?? '',
        notes: row.querySelector('.cc-note')?.textContent ?? '',
      }));
      const atEnd = element.scrollTop + element.clientHeight >= element.scrollHeight - 1;
      return { entries: rows, next: atEnd ? null : element.scrollTop + Math.max(1, element.clientHeight - 40) };
    }, top);
    for (const entry of entries) seen.set(entry.position, entry);
    if (next === null) break;
    top = next;
  }
  return [...seen.values()].sort((a, b) => a.position - b.position);
}

/** The agent turns the mouse wheel over the timeline until it is at its end (a real scroll, no click). */
async function wheelToEnd(page: Page, scroller: Locator): Promise<void> {
  await scroller.hover();
  await page.mouse.wheel(0, 100_000);
}

function interactionCount(text: string | null): number {
  return Number(/^(\d+) interactions/.exec(text ?? '')?.[1] ?? Number.NaN);
}

test('older interactions only on the server load into the timeline, newest first, once each; offline says so and offers a retry; the end is said', async () => {
  test.setTimeout(300_000);
  const phone = '+34600888999';
  const seeded = await seedCustomerWithHistory(lab.backend.url, 'agent1', { name: 'Olga Antigua', phone, recent: 3, older: 60 });
  const agent = await openAgentWorkspace(lab, 'agent1', 'en');
  const customerPhone = await openCustomerPhone(lab, CUSTOMER_PHONES.history, 'customer-d');
  try {
    await callAgent(customerPhone, 'agent1');
    const area = agent.getByRole('main', { name: 'Customer' });
    const card = area.getByRole('article', { name: 'Customer card: Olga Antigua' });
    await expect(card).toBeVisible();
    // The start-up warm-up (lookups, then the pop rehearsed off screen) was over before this first call rang.
    const warmUp = await agent.evaluate(() => {
      const measure = performance.getEntriesByName('cc-pop:warm-up')[0] as PerformanceMeasure | undefined;
      const ring = performance.getEntriesByName('cc-pop:ring')[0];
      return measure && ring ? { outcome: measure.detail as unknown, endedBeforeRing: measure.startTime + measure.duration <= ring.startTime } : null;
    });
    expect(warmUp).toEqual({ outcome: 'rehearsed', endedBeforeRing: true });
    await expect(area.locator('.cc-rehearsal')).toHaveCount(0);
    await agent.locator('[data-line="0"]').getByRole('button', { name: 'Answer' }).click();
    await expect(agent.locator('[data-line="0"]')).toHaveAttribute('data-status', 'connected');

    // The download kept only the recent calls; this call is recorded on answer (the newest entry).
    const count = card.getByText(/interactions, newest first$/);
    await expect(count).toHaveText('4 interactions, newest first');
    const scroller = card.locator('.cc-timeline__scroll');
    await expect(scroller).toHaveAttribute('role', 'region');

    // Backend unreachable: scrolling to the end asks by itself and says it failed; what is shown stays.
    await cutBackend(agent);
    await wheelToEnd(agent, scroller);
    await expect(card.getByRole('alert')).toHaveText('Older interactions could not be loaded: the server cannot be reached (offline?).');
    await expect(count).toHaveText('4 interactions, newest first');
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);
    // The keyboard fallback: the same button, now "Try again".
    const retry = scroller.getByRole('button', { name: 'Try again' });
    await retry.focus();

    // Back online: the retry loads the first older page (50), then the other 10; the end is said.
    await restoreBackend(agent);
    await agent.keyboard.press('Enter');
    await expect(count).toHaveText('54 interactions, newest first');
    await expect(retry).toHaveCount(0);
    await expect(card.getByRole('alert')).toHaveCount(0);
    // Focus stayed on the button (now "Load older interactions"); Enter asks for the next page.
    const more = scroller.getByRole('button', { name: 'Load older interactions' });
    await expect(more).toBeFocused();
    await agent.keyboard.press('Enter');
    await expect(count).toHaveText('64 interactions, newest first');
    await expect(scroller.getByRole('status')).toHaveText('No older interactions: this is the customer’s whole history.');
    await expect(scroller.getByRole('button', { name: /Load older|Try again/ })).toHaveCount(0);
    // Focus did not fall out of the timeline when the button went away.
    await expect(scroller).toBeFocused();
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);

    // Every interaction exactly once, newest first, the server's older calls below the cached ones.
    const entries = await allEntries(scroller);
    expect(entries.map((entry) => entry.position)).toEqual(Array.from({ length: 64 }, (_, index) => index + 1));
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(64);
    expect(entries.map((entry) => entry.notes)).toEqual(['', ...seeded.notes]);
    const times = entries.map((entry) => Date.parse(entry.occurredAt));
    expect(times.every((time, index) => index === 0 || time < times[index - 1]!)).toBe(true);
    await hangUp(customerPhone);
  } finally {
    await customerPhone.context().close();
    await agent.context().close();
  }
});

test('scrolling to the end loads older history without a click; new cards for the same customer ask for no page twice', async () => {
  test.setTimeout(300_000);
  const seeded = await seedCustomerWithHistory(lab.backend.url, 'agent1', { name: 'Rosa Desplazada', phone: '+34600333444', recent: 8, older: 60 });
  const agent = await openAgentWorkspace(lab, 'agent1', 'en');
  // Every older-history request the workspace makes, by the interaction it resumes below.
  const historyRequests: string[] = [];
  agent.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/sync/history') historyRequests.push(url.searchParams.get('beforeId') ?? '(newest)');
  });
  const customerPhone = await openCustomerPhone(lab, CUSTOMER_PHONES.created, 'customer-b');
  const area = agent.getByRole('main', { name: 'Customer' });
  const shownCards: string[] = [];
  /** The card of the call ringing now (not one kept from an earlier call). */
  async function ringAndOpenCard(): Promise<Locator> {
    await callAgent(customerPhone, 'agent1');
    const card = area.locator(`article[data-customer-id="${seeded.customerId}"][data-call-key]${shownCards.map((key) => `:not([data-call-key="${key}"])`).join('')}`);
    await expect(card).toBeVisible();
    shownCards.push((await card.getAttribute('data-call-key'))!);
    return card;
  }
  async function decline(): Promise<void> {
    await agent.locator('[data-line="0"], [data-line="1"]').getByRole('button', { name: 'Decline' }).first().click();
    await expect(customerPhone.locator('[data-line="0"]')).toHaveAttribute('data-status', 'ended');
  }
  try {
    const first = await ringAndOpenCard();
    const count = first.getByText(/interactions, newest first$/);
    await expect(count).toHaveText(/^\d+ interactions/);
    const cached = interactionCount(await count.textContent());
    expect(historyRequests).toEqual([]);

    // The wheel alone: the first older page (50) appears below the cached entries.
    await wheelToEnd(agent, first.locator('.cc-timeline__scroll'));
    await expect(count).toHaveText(`${cached + 50} interactions, newest first`);
    await expect(first.locator('.cc-older')).toHaveAttribute('data-older-state', 'offer');
    expect(historyRequests).toHaveLength(1);
    await decline();

    // A new card for the same customer: the page held is not asked for again; scrolling asks for the next one only.
    const second = await ringAndOpenCard();
    const secondCount = second.getByText(/interactions, newest first$/);
    await expect(secondCount).toHaveText(/^\d+ interactions/);
    const held = interactionCount(await secondCount.textContent());
    expect(held).toBeGreaterThanOrEqual(cached + 50);
    const secondScroller = second.locator('.cc-timeline__scroll');
    await wheelToEnd(agent, secondScroller);
    await expect(secondCount).toHaveText(`${held + 10} interactions, newest first`);
    await expect(secondScroller.getByRole('status')).toHaveText('No older interactions: this is the customer’s whole history.');
    await wheelToEnd(agent, secondScroller);
    await expect(secondScroller.getByText('Older call 60')).toBeVisible();
    expect(historyRequests).toHaveLength(2);
    expect(new Set(historyRequests).size).toBe(2);
    await decline();

    // A third card already knows the history is complete: scrolling to the end asks for nothing.
    const third = await ringAndOpenCard();
    const thirdScroller = third.locator('.cc-timeline__scroll');
    await expect(third.locator('.cc-older')).toHaveAttribute('data-older-state', 'end');
    await wheelToEnd(agent, thirdScroller);
    await expect(thirdScroller.getByRole('status')).toHaveText('No older interactions: this is the customer’s whole history.');
    expect(historyRequests).toHaveLength(2);
    await decline();
  } finally {
    await customerPhone.context().close();
    await agent.context().close();
  }
});
