/** Opening the app after an upgrade from schema v1 with unsent work: nothing is lost. */
import { expect, test } from '../support/fixtures';
import { apiLogin, expectPending, openLab, serverChanges, signInLab, type LabGlobal } from './lab';

// This spec's own number: the per-worker backend is shared with the other sync specs.
const OFFLINE_PHONE = '+34699400401';

// The schema the app declares now (renderer/src/features/sync/schema.ts CURRENT_SCHEMA_VERSION).
const CURRENT_SCHEMA_VERSION = 5;

test('schema v1 → current with pending outbox entries: upgraded, indexed, and every entry delivered', async ({ page, backend }) => {
  const { userId } = await apiLogin(backend.url, 'agent3');
  const customer = (await serverChanges(backend.url, 'agent3')).find((change) => change.entity === 'customer' && change.op === 'upsert');
  if (!customer) throw new Error('the demo data has no customer for agent3');
  await openLab(page, backend.url);
  const seeded = await page.evaluate(([user, customerId, phone]) => (globalThis as unknown as LabGlobal).__centralitaSync.seedVersion1Database(user, 25, { customerId, phone }),
    [userId, customer.entityId, OFFLINE_PHONE] as const);
  expect(seeded.version).toBe(1);

  await signInLab(page, 'agent3');
  expect(await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.schemaVersion())).toBe(CURRENT_SCHEMA_VERSION);
  await expectPending(page, 0);
  expect(await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.deadLetters())).toEqual([]);

  const changes = await serverChanges(backend.url, 'agent3');
  const onServer = new Map(changes.map((change) => [change.entityId, change]));
  for (const [index, id] of seeded.ids.entries()) expect(onServer.get(id)?.data).toMatchObject({ transferTarget: `v1-${index}` });
  // The v2 upgrade backfilled the timeline key on rows written by v1.
  const first = await page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.getInteraction(id), seeded.ids[0]!);
  expect(first).toMatchObject({ occurredAt: '2025-06-01T10:00:00.000Z' });

  // The identity v1 kept in its own table now lives in the customer's row (v3), reached the
  // server once, and, once the first download has stored the customer, the screen-pop lookup
  // finds the customer by it (the outbox drains before the download starts).
  const added = changes.filter((change) => change.entity === 'identity' && change.data?.value === OFFLINE_PHONE);
  expect(added).toHaveLength(1);
  expect(added[0]!.data).toMatchObject({ customerId: customer.entityId, kind: 'phone' });
  await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
  expect(await page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.identitiesOf(id), customer.entityId)).toContain(OFFLINE_PHONE);
  expect(await page.evaluate((phone) => (globalThis as unknown as LabGlobal).__centralitaSync.findCustomerByPhone(phone), OFFLINE_PHONE)).toMatchObject({ id: customer.entityId });
});
