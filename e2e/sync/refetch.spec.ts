/**
 * The `409` full refetch, for real: while agent1's app is offline another agent deletes data (a
 * tombstone after agent1's cursor); the backend then runs 30+ days past that tombstone (aged in
 * its database while it is stopped) and prunes it at start, so agent1's cursor is older than the
 * retention window. Back online, agent1's pull gets 409 and the client refetches everything with
 * a progress bar, while work still in the outbox is kept, shown, and finally pushed exactly once.
 */
import { PGlite } from '@electric-sql/pglite';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { formatHlc } from '../../contract/src/hlc';
import { uuidv7 } from '../../renderer/src/features/sync/uuid7';
import { apiLogin, expectPending, KillableBackend, openLab, pendingCount, serverChanges, signInLab, type LabGlobal } from './lab';

const call = (customerId: string, tag: string) => ({
  customerId, channel: 'call', direction: 'inbound', queue: null, remoteNumber: '+34622333444', line: 1,
  queuedAt: null, answeredAt: new Date().toISOString(), endedAt: null, holdSeconds: 0, transferTarget: tag,
});

async function push(baseUrl: string, token: string, mutations: object[]): Promise<void> {
  const response = await fetch(`${baseUrl}/api/sync/push`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientId: 'otherAgentClient', mutations }),
  });
  expect(response.status).toBe(200);
}

/** A gate for one kind of request: requests wait at it until `open()`; `reached` resolves on the first. */
function gate() {
  let open: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  const hit = new Promise<void>((resolve) => { reached = resolve; });
  return { opened, hit, open, reached };
}

test('a cursor older than the retention window refetches everything with progress and keeps the outbox', async ({ page, context }) => {
  test.setTimeout(180_000);
  const backend = await KillableBackend.create();
  try {
    await backend.start();
    await openLab(page, backend.url);
    await signInLab(page, 'agent1');
    const api = (p: Page) => p.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
    await api(page);
    const customer = await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.createCustomer({
      displayName: 'Refetch Customer', identities: [{ kind: 'phone', value: '+34 622 333 444' }],
    }));
    await api(page);
    await expectPending(page, 0);
    const cursorBefore = Number((await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.cursor()))!.cursor);

    // agent1 goes offline; agent2 adds and removes a phone: a tombstone after agent1's cursor.
    await context.setOffline(true);
    const other = await apiLogin(backend.url, 'agent2');
    const identity = uuidv7();
    const stamp = (counter: number) => formatHlc({ wallMs: Date.now(), counter, node: 'otherAgent' });
    await push(backend.url, other.token, [{ id: uuidv7(), entity: 'identity', entityId: identity, op: 'add', clientTs: stamp(0), patch: { customerId: customer, kind: 'phone', value: '+34622999000' } }]);
    await push(backend.url, other.token, [{ id: uuidv7(), entity: 'identity', entityId: identity, op: 'remove', clientTs: stamp(1), patch: { customerId: customer, kind: 'phone', value: '+34622999000' } }]);

    // The backend stops; its tombstones age past the 30-day retention; it prunes them at start.
    await backend.kill();
    const pglite = await PGlite.create(join(backend.dataDir, 'pglite'));
    const aged = await pglite.query<{ seq: string }>(`update change_log set changed_at = now() - interval '31 days' where op = 'delete' returning seq`);
    await pglite.close();
    expect(aged.rows.length).toBeGreaterThan(0);
    await backend.start();
    const probe = await fetch(`${backend.url}/api/sync/pull?cursor=${cursorBefore}&limit=1`, { headers: { authorization: `Bearer ${(await apiLogin(backend.url, 'agent1')).token}` } });
    expect(probe.status).toBe(409);

    // Back online: hold agent1's pull (after its push of nothing) and the refetch's first page.
    const pullGate = gate();
    const snapshotGate = gate();
    await context.route('**/api/sync/pull?*', async (route) => {
      pullGate.reached();
      await pullGate.opened;
      await route.continue();
    });
    await context.route('**/api/sync/snapshot?*', async (route) => {
      snapshotGate.reached();
      await snapshotGate.opened;
      await route.continue();
    });
    await context.setOffline(false);
    await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.requestSync());
    await pullGate.hit;
    // Work recorded now waits in the outbox while the refetch happens.
    const first = await page.evaluate(([id, entry]) => (globalThis as unknown as LabGlobal).__centralitaSync.recordInteraction({ ...entry, customerId: id }), [customer, call(customer, 'before-409')] as const);
    await page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.updateCustomer(id, { displayName: 'Refetch Customer Edited' }), customer);
    pullGate.open();

    await snapshotGate.hit;
    await expect(page.getByText('Reloading all data from the server')).toBeVisible();
    await expect(page.locator('#sync-progress-bar')).toBeVisible();
    expect(await pendingCount(page)).toBe(2);
    // The cache was cleared for the refetch, but the agent's unsent work is still on screen.
    const during = await page.evaluate(([id, interaction]) => Promise.all([
      (globalThis as unknown as LabGlobal).__centralitaSync.getCustomer(id),
      (globalThis as unknown as LabGlobal).__centralitaSync.getInteraction(interaction),
    ]), [customer, first] as const);
    expect(during[0]).toMatchObject({ displayName: 'Refetch Customer Edited' });
    expect(during[1]).toMatchObject({ transferTarget: 'before-409' });
    const second = await page.evaluate(([id, entry]) => (globalThis as unknown as LabGlobal).__centralitaSync.recordInteraction({ ...entry, customerId: id }), [customer, call(customer, 'during-refetch')] as const);
    snapshotGate.open();

    await expectPending(page, 0);
    await api(page);
    await expect(page.locator('#sync-progress-bar')).toHaveCount(0);
    const local = await page.evaluate(async ([id]) => {
      const lab = (globalThis as unknown as LabGlobal).__centralitaSync;
      return { customer: await lab.getCustomer(id), count: await lab.customerCount(), cursor: await lab.cursor(), deadLetters: await lab.deadLetters() };
    }, [customer] as const);
    expect(local.customer).toMatchObject({ displayName: 'Refetch Customer Edited', phones: ['+34622333444'] });
    expect(local.deadLetters).toEqual([]);
    expect(Number(local.cursor?.cursor)).toBeGreaterThan(cursorBefore);

    // The server holds both calls once and the edit; the local cache has every customer again.
    const changes = await serverChanges(backend.url, 'agent1');
    const customers = new Set(changes.filter((change) => change.entity === 'customer').map((change) => change.entityId));
    expect(local.count).toBe(customers.size);
    for (const id of [first, second]) {
      const versions = changes.filter((change) => change.entityId === id);
      expect(versions.map((change) => change.rev)).toEqual([1]);
    }
    expect(changes.filter((change) => change.entityId === customer).at(-1)?.data).toMatchObject({ displayName: 'Refetch Customer Edited' });
  } finally {
    await backend.dispose();
  }
});
