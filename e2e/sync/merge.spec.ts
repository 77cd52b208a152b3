/**
 * A team lead merges duplicate customer A into B while an agent has A cached, A's card open and
 * a call on A not yet pushed (offline). Back online, the server holds the call on B once, and the
 * agent's cache follows the redirect: A is a redirect row, its identities and interactions are on
 * B, the phone lookup and the open card show B, and nothing is left pending or dead-lettered.
 */
import { expect, seriousAccessibilityViolations, test } from '../support/fixtures';
import { apiLogin, expectPending, openLab, serverChanges, signInLab, type LabGlobal } from './lab';

test('the client follows a server-side merge: cache, screen pop, open card and offline work end on the survivor', async ({ page, context, backend }) => {
  test.setTimeout(120_000);
  await openLab(page, backend.url);
  await signInLab(page, 'agent1');
  await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());

  const [duplicate, survivor] = await page.evaluate(async () => {
    const api = (globalThis as unknown as LabGlobal).__centralitaSync;
    const a = await api.createCustomer({ displayName: 'Merge Duplicate', identities: [{ kind: 'phone', value: '+34 611 222 333' }] });
    const b = await api.createCustomer({ displayName: 'Merge Survivor', identities: [{ kind: 'phone', value: '+34 699 888 777' }] });
    await api.whenIdle();
    return [a, b] as const;
  });
  await expectPending(page, 0);
  await page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.watchCustomer(id), duplicate);
  await expect(page.getByTestId('watched-customer')).toHaveText('Merge Duplicate');

  // Offline, the agent records a call on A (the card still shows A).
  await context.setOffline(true);
  const call = await page.evaluate((customerId) => (globalThis as unknown as LabGlobal).__centralitaSync.recordInteraction({
    customerId, channel: 'call', direction: 'inbound', queue: null, remoteNumber: '+34611222333', line: 1,
    queuedAt: null, answeredAt: new Date().toISOString(), endedAt: null, holdSeconds: 0, transferTarget: null,
  }), duplicate);
  await expectPending(page, 1);

  // Meanwhile the team lead merges A into B on the server.
  const lead = await apiLogin(backend.url, 'lead1');
  const merged = await fetch(`${backend.url}/api/customers/merge`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${lead.token}` },
    body: JSON.stringify({ survivorId: survivor, duplicateId: duplicate, reason: 'same person (e2e)' }),
  });
  expect(merged.status).toBe(200);

  await context.setOffline(false);
  await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.requestSync());
  await expectPending(page, 0);
  await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());

  // The server holds the call once, on the survivor.
  const calls = (await serverChanges(backend.url, 'agent1')).filter((change) => change.entityId === call);
  expect(calls.at(-1)?.data).toMatchObject({ customerId: survivor });
  expect(calls.every((change) => change.rev <= 2)).toBe(true);

  const local = await page.evaluate(async ([a, b, id]) => {
    const api = (globalThis as unknown as LabGlobal).__centralitaSync;
    return {
      redirect: await api.getCustomer(a),
      resolved: await api.resolveCustomerId(a),
      byPhoneOfA: (await api.findCustomerByPhone('+34611222333'))?.id,
      search: (await api.searchCustomers('Merge')).map((row) => row.id),
      call: (await api.getInteraction(id))?.customerId,
      interactionsOfA: await api.interactionsOf(a),
      identitiesOfB: (await api.identitiesOf(b)).sort(),
      deadLetters: await api.deadLetters(),
    };
  }, [duplicate, survivor, call] as const);
  expect(local.redirect).toMatchObject({ mergedInto: survivor, phones: [] });
  expect(local.resolved).toBe(survivor);
  expect(local.byPhoneOfA).toBe(survivor);
  expect(local.search).toEqual([survivor]);
  expect(local.call).toBe(survivor);
  expect(local.interactionsOfA).toEqual([]);
  expect(local.identitiesOfB).toEqual(['+34611222333', '+34699888777']);
  expect(local.deadLetters).toEqual([]);

  // The card opened on A now shows B, with the call in B's timeline.
  await expect(page.getByTestId('watched-customer')).toHaveText('Merge Survivor');
  await expect(page.getByTestId('watched-customer')).toHaveAttribute('data-customer-id', survivor);
  await expect(page.getByTestId('watched-timeline')).toHaveAttribute('data-count', '1');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});
