/**
 * The card's timeline past the local cache: a customer whose older calls are only on the server
 * (seeded before the agent's download, which keeps a recent window) calls in; at the end of the
 * cached entries the agent loads older pages, sees an error with a retry while the backend is
 * unreachable, and an honest end once the server has nothing older. Real PBX call, real backend.
 * It is the workspace's first call, so it also checks that the screen-pop warm-up ran before it.
 */
import { test, type Locator } from '@playwright/test';
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

test('older interactions only on the server load into the timeline on demand, newest first, once each; offline offers a retry; the end is said', async () => {
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
    const load = scroller.getByRole('button', { name: 'Load older interactions' });
    await load.scrollIntoViewIfNeeded();

    // Backend unreachable: an error with a retry on the same button (keyboard focus stays on it).
    await cutBackend(agent);
    await load.focus();
    await agent.keyboard.press('Enter');
    await expect(card.getByRole('alert')).toHaveText('Older interactions could not be loaded: the server cannot be reached (offline?).');
    const retry = scroller.getByRole('button', { name: 'Try again' });
    await expect(retry).toBeFocused();
    await expect(count).toHaveText('4 interactions, newest first');
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);

    // Back online: the retry loads the first older page (50), then the other 10; the end is said.
    await restoreBackend(agent);
    await agent.keyboard.press('Enter');
    await expect(count).toHaveText('54 interactions, newest first');
    await expect(card.getByRole('alert')).toHaveCount(0);
    const more = scroller.getByRole('button', { name: 'Load older interactions' });
    await more.scrollIntoViewIfNeeded();
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
