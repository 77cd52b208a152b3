/**
 * An outbound call with its script, against real components: the agent dials a known customer
 * from the workspace, Kamailio rings the customer's phone (a second Chromium page running the
 * same sip.js engine), the outbound script is selected, a required question still open at the
 * wrap-up blocks saving and takes the agent there, the agent answers it with the keyboard, and
 * the backend ends up with the script's answers, the walked path and the customer on the call.
 */
import { test } from '@playwright/test';
import { seriousAccessibilityViolations, saveScreenshot } from '../support/fixtures';
import { expect, hangUp, openAgentWorkspace, openCustomerPhone, cardLabForSpec } from '../customer-card/card-lab';
import { login, mutation, pushMutations } from '../lead/api';
import { latestByEntity, serverChanges } from '../sync/lab';

const CUSTOMER_NAME = 'Outbound Script Customer';
/** The customer's phone registers under the E.164 digits; the PBX's dial plan routes "+34…" to it. */
const CUSTOMER_E164 = '+34600555666';
const CUSTOMER_EXTENSION = CUSTOMER_E164.slice(1);
const CUSTOMER_SIP_PASSWORD = 'customer-out';

const lab = cardLabForSpec({ [CUSTOMER_EXTENSION]: CUSTOMER_SIP_PASSWORD });

test('outbound: the agent dials a known customer, answers the required script question from the wrap-up with the keyboard, and the server has answers, path and customer', async () => {
  test.setTimeout(300_000);
  const base = lab.backend.url;
  // A known customer whose phone is the test customer phone (written as another client would).
  const agentApi = await login(base, 'agent1');
  const customer = mutation('customer', 'insert', { displayName: CUSTOMER_NAME });
  const seeded = await pushMutations(base, agentApi, [customer, mutation('identity', 'add', { customerId: customer.entityId, kind: 'phone', value: CUSTOMER_E164 })]);
  expect((seeded.body as { results: { status: string }[] }).results.map((result) => result.status)).toEqual(['applied', 'applied']);

  const agent = await openAgentWorkspace(lab, 'agent1', 'en');
  const customerPhone = await openCustomerPhone(lab, CUSTOMER_EXTENSION, CUSTOMER_SIP_PASSWORD);
  const panel = agent.getByTestId('script-panel');
  const step = panel.getByTestId('script-step');
  const wrapup = agent.getByTestId('wrapup');
  const area = agent.getByRole('main', { name: 'Customer' });
  try {
    // Dial from the workspace's phone.
    const phone = agent.getByRole('region', { name: 'Softphone' });
    await phone.getByLabel('Number to call').fill(CUSTOMER_E164);
    await phone.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(area.getByRole('article', { name: `Customer card: ${CUSTOMER_NAME}` })).toBeVisible();
    await expect(customerPhone.locator('[data-line="0"]')).toHaveAttribute('data-status', 'ringing');
    await customerPhone.locator('[data-line="0"]').getByRole('button', { name: 'Answer' }).click();
    await expect(agent.locator('[data-line="0"]')).toHaveAttribute('data-status', 'connected');

    // Outbound, no open complaint: the proactive delay-notice script.
    await expect(panel.getByTestId('script-choice')).toHaveValue('delay-notice');
    await expect(panel.getByTestId('script-version')).toHaveText('Version 1');
    await expect(step).toHaveAttribute('data-step-id', 'intro');
    await panel.getByRole('button', { name: 'Continue' }).focus();
    await agent.keyboard.press('Enter');
    await expect(step).toHaveAttribute('data-step-id', 'good_time');

    // The customer hangs up before the required question is answered.
    await hangUp(customerPhone);
    const save = wrapup.getByRole('button', { name: 'Save wrap-up' });
    await expect(save).toBeEnabled();
    await save.focus();
    await agent.keyboard.press('2'); // disposition hotkey: Information provided
    await expect(wrapup.getByRole('radio', { name: /Information provided/ })).toBeChecked();
    await agent.keyboard.press('Enter');

    // Blocked: the message names the question and the keyboard focus is on its answer.
    const alert = wrapup.getByRole('alert');
    await expect(alert).toContainText('Answer the required script question “Is now a good time?”.');
    await expect(panel.getByRole('radio', { name: 'Yes' })).toBeFocused();
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);
    await saveScreenshot(agent, 'scripts-wrapup-blocked-en');

    // Y answers, Enter continues; then the wrap-up saves.
    await agent.keyboard.press('y');
    await expect(panel.getByRole('button', { name: 'Continue' })).toBeFocused();
    await agent.keyboard.press('Enter');
    await expect(step).toHaveAttribute('data-step-id', 'explain');
    await save.click();
    await expect(area.getByRole('status').filter({ hasText: 'Wrap-up saved on this computer' })).toBeVisible();

    // The server has the call with the script's answers, the walked path and the customer.
    await expect.poll(async () => {
      const changes = latestByEntity(await serverChanges(base, 'agent1'));
      return [...changes.values()].find((change) => change.entity === 'interaction' && change.data?.scriptId === 'delay-notice')?.data ?? null;
    }, { timeout: 90_000 }).toMatchObject({
      customerId: customer.entityId,
      direction: 'outbound',
      disposition: 'information_provided',
      scriptVersion: 1,
      scriptAnswers: { good_time: true, _path: ['consent', 'intro', 'good_time', 'route_time', 'explain'] },
    });
  } finally {
    await customerPhone.context().close();
    await agent.context().close();
  }
});
