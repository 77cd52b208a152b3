/**
 * A callback placed from the work queue against real components: Kamailio carries a real call from
 * the agent's workspace to a customer's phone (a second Chromium page running the same sip.js
 * engine), the card and the script open as for any call, and saving the call's wrap-up completes
 * the queue item with that outcome by itself — here while the backend is unreachable, so the
 * completion waits in the outbox and reaches the server once it is back.
 */
import { test } from '@playwright/test';
import { cutBackend, expect, hangUp, openAgentWorkspace, openCustomerPhone, cardLabForSpec, pendingCount, restoreBackend } from '../customer-card/card-lab';
import { getJson, login, mutation, pushMutations } from '../lead/api';
import { latestByEntity, serverChanges } from '../sync/lab';
import { seriousAccessibilityViolations } from '../support/fixtures';

/** The customer's phone registers under the E.164 digits; the PBX's dial plan routes "+34…" to it. */
const CUSTOMER_NUMBER = '+34600111222';
const CUSTOMER_EXTENSION = CUSTOMER_NUMBER.slice(1);
const CUSTOMER_SIP_PASSWORD = 'customer-cb';
const CUSTOMER_NAME = 'Queue Callback Customer';

const lab = cardLabForSpec({ [CUSTOMER_EXTENSION]: CUSTOMER_SIP_PASSWORD });

interface QueueRead { items: { id: string; state: string; assigneeId: string | null }[] }

test('a callback placed from the queue pops the card and the script, and its wrap-up completes the item (offline, then synced)', async () => {
  test.setTimeout(300_000);
  const base = lab.backend.url;
  // An admin queues a callback for team A to a customer whose phone is the test customer phone.
  const admin = await login(base, 'admin');
  const agentApi = await login(base, 'agent1');
  const customer = mutation('customer', 'insert', { displayName: CUSTOMER_NAME });
  const item = mutation('queue_item', 'insert', {
    kind: 'callback', customerId: customer.entityId, dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    note: 'Call back about the refund', complaintId: null, teamId: agentApi.teamId,
  });
  const seeded = await pushMutations(base, admin, [customer, mutation('identity', 'add', { customerId: customer.entityId, kind: 'phone', value: CUSTOMER_NUMBER }), item]);
  expect(seeded.status).toBe(200);
  expect((seeded.body as { results: { status: string }[] }).results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied']);

  const agent = await openAgentWorkspace(lab, 'agent1', 'en');
  const customerPhone = await openCustomerPhone(lab, CUSTOMER_EXTENSION, CUSTOMER_SIP_PASSWORD);
  try {
    const queue = agent.getByRole('complementary', { name: 'Work queue' });
    await queue.getByLabel('Type', { exact: true }).selectOption('callback');
    const row = queue.locator(`[role="listitem"][data-item-id="${item.entityId}"]`);
    await expect(row).toContainText(CUSTOMER_NAME, { timeout: 90_000 });
    await expect(row).toContainText('Team, unassigned');

    // One action: claim and dial.
    await row.getByRole('button', { name: 'Call' }).click();
    await expect(row).toContainText('Claimed by you');
    await expect(customerPhone.locator('[data-line="0"]')).toHaveAttribute('data-status', 'ringing');
    const area = agent.getByRole('main', { name: 'Customer' });
    const card = area.getByRole('article', { name: `Customer card: ${CUSTOMER_NAME}` });
    await expect(card).toBeVisible();
    await customerPhone.locator('[data-line="0"]').getByRole('button', { name: 'Answer' }).click();
    await expect(agent.locator('[data-line="0"]')).toHaveAttribute('data-status', 'connected');

    // The script panel runs an outbound script; on the follow-up queue it is the follow-up script.
    const panel = agent.getByTestId('script-panel');
    const step = panel.getByTestId('script-step');
    await expect(panel.getByTestId('script-choice')).toHaveValue(/.+/);
    await panel.getByRole('combobox', { name: /^Queue/ }).selectOption('follow_up');
    await expect(panel.getByTestId('script-choice')).toHaveValue('complaint-follow-up');
    await expect(step).toHaveAttribute('data-step-id', 'intro');
    await panel.getByRole('button', { name: 'Continue' }).click();
    await expect(step).toHaveAttribute('data-step-id', 'status');
    await panel.getByRole('radio', { name: 'Solved on our side' }).check();
    await panel.getByRole('button', { name: 'Continue' }).click();
    await expect(step).toHaveAttribute('data-step-id', 'confirm_fixed');
    await panel.getByRole('radio', { name: 'Yes' }).check();
    await panel.getByRole('button', { name: 'Continue' }).click();
    await expect(step).toHaveAttribute('data-step-id', 'satisfaction');
    await panel.getByRole('button', { name: 'Continue' }).click();
    await expect(step).toHaveAttribute('data-step-id', 'close_resolved');
    await hangUp(customerPhone);

    // The wrap-up is saved with the backend unreachable: the item completes locally from it.
    await cutBackend(agent);
    const wrapup = agent.getByTestId('wrapup');
    await wrapup.getByRole('radio', { name: /Resolved$/ }).check();
    await wrapup.getByRole('group', { name: 'Resolved on first contact?' }).getByRole('radio', { name: 'Yes' }).check();
    await wrapup.getByRole('button', { name: 'Save wrap-up' }).click();
    await expect(area.getByRole('status').filter({ hasText: 'Wrap-up saved on this computer' })).toBeVisible();
    await expect(queue.getByRole('status').filter({ hasText: 'Callback completed' })).toHaveText('Callback completed from the call’s wrap-up: Resolved');
    await expect(row).toHaveCount(0);
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);

    // Back online: the outbox drains; the server has the item done with the call's outcome.
    await restoreBackend(agent);
    await expect.poll(() => pendingCount(agent), { timeout: 90_000 }).toBe(0);
    const done = await getJson<QueueRead>(base, agentApi, '/api/queues/items?state=done&kind=callback');
    expect(done.body.items.find((candidate) => candidate.id === item.entityId)).toMatchObject({ state: 'done', assigneeId: agentApi.userId });
    const changes = latestByEntity(await serverChanges(base, 'agent1'));
    const serverItem = changes.get(item.entityId)?.data;
    expect(serverItem).toMatchObject({ state: 'done', disposition: 'resolved' });
    const call = changes.get(String(serverItem?.interactionId))?.data;
    expect(call, 'the item links the call placed from it').toMatchObject({
      customerId: customer.entityId, direction: 'outbound', remoteNumber: expect.stringMatching(/600111222$/), disposition: 'resolved', firstContactResolution: true,
    });
  } finally {
    await customerPhone.context().close();
    await agent.context().close();
  }
});
