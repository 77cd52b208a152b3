/** Several windows of one agent: exactly one syncs (Web Locks), all see the same data. */
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { apiLogin, openLab, signInLab, type LabGlobal } from './lab';

const leaderOf = (page: Page) => page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.status().leader);

test('two windows of the same agent: one leader, the same data in both, failover on close', async ({ context, backend }) => {
  test.setTimeout(120_000);
  const first = await context.newPage();
  const second = await context.newPage();
  for (const page of [first, second]) {
    await openLab(page, backend.url);
    await signInLab(page, 'agent1', { periodMs: 1_000 });
  }
  await expect.poll(async () => [await leaderOf(first), await leaderOf(second)].filter(Boolean).length).toBe(1);
  const [leader, follower] = (await leaderOf(first)) ? [first, second] : [second, first];
  await expect(follower.getByText('Another window is syncing for you')).toBeVisible();

  // A write in the follower window reaches the server through the leader.
  const customerId = await follower.evaluate(() =>
    (globalThis as unknown as LabGlobal).__centralitaSync.createCustomer({ displayName: 'Two Windows', identities: [{ kind: 'phone', value: '+34 622 733 844' }] }));
  for (const page of [leader, follower]) {
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
  }

  // A change made by someone else on the server shows up in both windows.
  const { token } = await apiLogin(backend.url, 'agent2');
  const stamp = `${String(Date.now() + 60_000).padStart(15, '0')}-0000-otherAgent`;
  const push = await fetch(`${backend.url}/api/sync/push`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientId: 'otherAgentClient', mutations: [{ id: '01900000-0000-7000-8000-000000000001', entity: 'customer', entityId: customerId, op: 'update', patch: { language: 'es' }, clientTs: stamp }] }),
  });
  expect(push.status).toBe(200);
  for (const page of [leader, follower]) {
    await expect.poll(() => page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.findCustomerByPhone('+34622733844').then((row) => row?.id === id ? row.language : null), customerId), { timeout: 30_000 })
      .toBe('es');
  }

  // The leader's window closes: the other takes over.
  await leader.close();
  await expect.poll(() => leaderOf(follower), { timeout: 10_000 }).toBe(true);
});
