/**
 * A call that rings while the previous call's wrap-up is still open (declined, missed, not saved
 * yet) pops ITS caller's card: the previous caller's cached row must never stand in for the new
 * one (the card once reused the live lookup's last answer and bound the new call to it). Its lookup
 * starts from the softphone engine's INVITE signal, before the ringing line renders.
 */
import { test } from '@playwright/test';
import { callAgent, CUSTOMER_PHONES, expect, openAgentWorkspace, openCustomerPhone, cardLabForSpec } from './card-lab';
import { seedCustomerWithHistory } from './history-seed';

const lab = cardLabForSpec();

test('the next call pops its own caller while the previous call waits for its wrap-up', async () => {
  test.setTimeout(240_000);
  const first = await seedCustomerWithHistory(lab.backend.url, 'agent1', { name: 'Primera Llamante', phone: '+34600888999', recent: 1, older: 0 });
  const second = await seedCustomerWithHistory(lab.backend.url, 'agent1', { name: 'Segunda Llamante', phone: '+34600333444', recent: 1, older: 0 });
  const agent = await openAgentWorkspace(lab, 'agent1', 'en');
  const phoneA = await openCustomerPhone(lab, CUSTOMER_PHONES.history, 'customer-d');
  const phoneB = await openCustomerPhone(lab, CUSTOMER_PHONES.created, 'customer-b');
  const area = agent.getByRole('main', { name: 'Customer' });
  try {
    await callAgent(phoneA, 'agent1');
    const cardA = area.getByRole('article', { name: 'Customer card: Primera Llamante' });
    await expect(cardA).toHaveAttribute('data-customer-id', first.customerId);
    await agent.locator('[data-line="0"]').getByRole('button', { name: 'Decline' }).click();
    await expect(phoneA.locator('[data-line="0"]')).toHaveAttribute('data-status', 'ended');
    // The declined call's wrap-up is still open when the next call rings.
    await expect(agent.getByTestId('wrapup')).toBeVisible();
    // Watch every card the area paints from now on: none may show the first caller for another call.
    const firstKey = await cardA.getAttribute('data-call-key');
    await agent.evaluate(([customerId, callKey]) => {
      const seen: string[] = [];
      (globalThis as unknown as { __wrongCards: string[] }).__wrongCards = seen;
      const check = () => {
        for (const card of document.querySelectorAll('article[data-call-key]')) {
          if (card.getAttribute('data-customer-id') === customerId && card.getAttribute('data-call-key') !== callKey) seen.push(card.getAttribute('data-call-key') ?? '');
        }
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-customer-id', 'data-call-key'] });
    }, [first.customerId, firstKey] as const);

    await callAgent(phoneB, 'agent1');
    await expect(area).toContainText('Incoming call from +34600333444');
    const cardB = area.getByRole('article', { name: 'Customer card: Segunda Llamante' });
    await expect(cardB).toHaveAttribute('data-customer-id', second.customerId);
    await expect(area.getByRole('article', { name: 'Customer card: Primera Llamante' })).toHaveCount(0);
    await expect(cardB.getByText('Recent call 1')).toBeVisible();
    expect(await agent.evaluate(() => (globalThis as unknown as { __wrongCards: string[] }).__wrongCards)).toEqual([]);
    // The second caller's lookup was started by the engine's INVITE signal, before the ringing
    // line rendered, and it answered (the card painted from it): order of events, not speed.
    const secondKey = (await cardB.getAttribute('data-call-key'))!;
    const stages = await agent.evaluate((callKey) => Object.fromEntries(['invite', 'prefetched', 'ring'].map((stage) => [
      stage, performance.getEntriesByName(`cc-pop:${stage}`).filter((mark) => (mark as PerformanceMark).detail === callKey).map((mark) => mark.startTime),
    ])), secondKey);
    expect(stages.invite).toHaveLength(1);
    expect(stages.prefetched).toHaveLength(1);
    expect(stages.ring).toHaveLength(1);
    expect(stages.invite![0]!).toBeLessThanOrEqual(stages.ring![0]!);
    await agent.locator('[data-line="0"], [data-line="1"]').getByRole('button', { name: 'Decline' }).first().click();
  } finally {
    await phoneA.context().close();
    await phoneB.context().close();
    await agent.context().close();
  }
});
