/**
 * Offline-first: work recorded with the network down reaches the real backend exactly once, in
 * order, when the network returns — and the status control says what is happening throughout.
 */
import { expect, test } from '../support/fixtures';
import { expectPending, openLab, serverChanges, signInLab, type LabGlobal } from './lab';

const WRAPUPS = 150;
const EDITS = 50;

test('200 wrap-ups and edits made offline reach the server once each, in order', async ({ page, context, backend }) => {
  test.setTimeout(180_000);
  await openLab(page, backend.url);
  await signInLab(page, 'agent1');
  await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
  await expect(page.getByTestId('sync-connection')).toHaveText('Online');

  // A customer of our own, so the edits below have a known starting point.
  const customerId = await page.evaluate(() =>
    (globalThis as unknown as LabGlobal).__centralitaSync.createCustomer({ displayName: 'Offline Test Customer', identities: [{ kind: 'phone', value: '+34 600 123 456' }] }));
  await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
  await expectPending(page, 0);

  await context.setOffline(true);
  await expect(page.getByTestId('sync-connection')).toHaveText(/^Offline/);

  const created = await page.evaluate(async ([count, edits, customer]) => {
    const api = (globalThis as unknown as LabGlobal).__centralitaSync;
    const interactionIds: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const id = await api.recordInteraction({
        customerId: customer, channel: 'call', direction: 'inbound', queue: null, remoteNumber: '+34600123456', line: 1,
        queuedAt: null, answeredAt: new Date(Date.UTC(2026, 0, 1, 9, 0, index)).toISOString(), endedAt: null, holdSeconds: 0, transferTarget: null,
      });
      await api.saveWrapup(id, {
        disposition: 'resolved', emotionStart: { emotion: 'anxious', intensity: 2 }, emotionEnd: { emotion: 'calm', intensity: 1 },
        complaintTypeId: null, complaintId: null, notes: `offline wrap-up ${index}`, firstContactResolution: true,
      });
      interactionIds.push(id);
      if (index < edits) await api.updateCustomer(customer, { language: index % 2 === 0 ? 'es' : 'en', displayName: `Offline Test Customer ${index}` });
    }
    return { interactionIds, pending: await api.pendingCount() };
  }, [WRAPUPS, EDITS, customerId] as const);

  // Every interaction is two mutations (insert, wrap-up); plus one edit per EDITS.
  expect(created.pending).toBe(WRAPUPS * 2 + EDITS);
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', String(WRAPUPS * 2 + EDITS));
  // Nothing was lost locally while offline: the card reads its own writes.
  const localCustomer = await page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.getCustomer(id), customerId);
  expect(localCustomer).toMatchObject({ displayName: `Offline Test Customer ${EDITS - 1}`, phones: ['+34600123456'] });

  await context.setOffline(false);
  await expectPending(page, 0, 90_000);
  await expect(page.getByTestId('sync-connection')).toHaveText('Online');
  expect(await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.deadLetters())).toEqual([]);

  const changes = await serverChanges(backend.url, 'agent1');
  const ours = new Set(created.interactionIds);
  const interactionChanges = changes.filter((change) => change.entity === 'interaction' && ours.has(change.entityId));
  const latest = new Map(interactionChanges.map((change) => [change.entityId, change]));
  // Each interaction exists once on the server with its wrap-up.
  expect(latest.size).toBe(WRAPUPS);
  created.interactionIds.forEach((id, index) => {
    const change = latest.get(id);
    expect(change?.data, `interaction ${index}`).toMatchObject({ notes: `offline wrap-up ${index}`, disposition: 'resolved' });
    // Inserted once (rev 1) and wrapped up once (rev 2): a replay would have raised it or been refused.
    expect(change?.rev, `interaction ${index} revision`).toBe(2);
  });
  // Applied in the order they were recorded: the change log (one row per entity, at its last
  // change) lists them in the order their wrap-ups were applied.
  const firstSeen = [...new Set(interactionChanges.map((change) => change.entityId))];
  expect(firstSeen).toEqual(created.interactionIds);
  // The last edit is what the server holds.
  const customer = changes.filter((change) => change.entityId === customerId).at(-1);
  expect(customer?.data).toMatchObject({ displayName: `Offline Test Customer ${EDITS - 1}`, language: (EDITS - 1) % 2 === 0 ? 'es' : 'en' });
});
