/** Opening the app after an upgrade from schema v1 with unsent work: nothing is lost. */
import { expect, test } from '../support/fixtures';
import { apiLogin, expectPending, openLab, serverChanges, signInLab, type LabGlobal } from './lab';

test('schema v1 → v2 with pending outbox entries: upgraded, indexed, and every entry delivered', async ({ page, backend }) => {
  const { userId } = await apiLogin(backend.url, 'agent3');
  await openLab(page, backend.url);
  const seeded = await page.evaluate(([user]) => (globalThis as unknown as LabGlobal).__centralitaSync.seedVersion1Database(user, 25), [userId] as const);
  expect(seeded.version).toBe(1);

  await signInLab(page, 'agent3');
  expect(await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.schemaVersion())).toBe(2);
  await expectPending(page, 0);
  expect(await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.deadLetters())).toEqual([]);

  const onServer = new Map((await serverChanges(backend.url, 'agent3')).map((change) => [change.entityId, change]));
  for (const [index, id] of seeded.ids.entries()) expect(onServer.get(id)?.data).toMatchObject({ transferTarget: `v1-${index}` });
  // The v2 upgrade backfilled the timeline key on rows written by v1.
  const first = await page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.getInteraction(id), seeded.ids[0]!);
  expect(first).toMatchObject({ occurredAt: '2025-06-01T10:00:00.000Z' });
});
