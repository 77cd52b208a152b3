/**
 * Transfer hand-off between two agents, with real calls through Kamailio: agent A takes a call
 * from a new customer, records notes, emotion and complaint type during the call and transfers it
 * to agent B, whose backend is unreachable (nothing can sync to B). B's card shows A's notes on
 * ring, carried with the call over SIP (User-to-User), before anything syncs.
 */
import { test } from '@playwright/test';
import { seriousAccessibilityViolations } from '../support/fixtures';
import {
  AGENTS, CUSTOMER_PHONES, cutBackend, expect, openAgentWorkspace, openCustomerPhone, restoreBackend, cardLabForSpec,
} from './card-lab';

const lab = cardLabForSpec();

/** Hostile text on purpose: it must arrive and render as text. */
const NOTES = 'Charged twice in March <b>again</b>; already asked for a refund by email.';

test('a transferred call shows the first agent\'s notes, emotion and complaint to the second agent before anything syncs', async () => {
  test.setTimeout(300_000);
  const agentA = await openAgentWorkspace(lab, 'agent1', 'en');
  const agentB = await openAgentWorkspace(lab, 'agent2', 'en');
  const customerPhone = await openCustomerPhone(lab, CUSTOMER_PHONES.transferred, 'customer-c');
  const areaA = agentA.getByRole('main', { name: 'Customer' });
  const areaB = agentB.getByRole('main', { name: 'Customer' });
  try {
    // B cannot reach the backend from here on: whatever B's card shows came with the call.
    await cutBackend(agentB);

    await customerPhone.getByLabel('Number to call').fill(AGENTS.agent1.extension);
    await customerPhone.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(areaA.getByRole('heading', { name: 'Unknown caller' })).toBeVisible();
    await areaA.getByLabel('Full name').fill('Marta Handoff');
    await areaA.getByRole('button', { name: 'Create customer with this number' }).click();
    await expect(areaA.getByRole('article', { name: 'Customer card: Marta Handoff' })).toBeVisible();
    await agentA.locator('[data-line="0"]').getByRole('button', { name: 'Answer' }).click();
    await expect(agentA.locator('[data-line="0"]')).toHaveAttribute('data-status', 'connected');

    // During the call: frustrated (Alt+5, twice → intensity 2), the complaint type and notes.
    await agentA.keyboard.press('Alt+Digit5');
    await agentA.keyboard.press('Alt+Digit5');
    const wrapup = agentA.getByTestId('wrapup');
    await wrapup.getByLabel('Search complaint types').fill('refund');
    await wrapup.getByRole('button', { name: 'Billing › Refund' }).click();
    await wrapup.getByLabel('Notes').fill(NOTES);

    // Blind transfer to agent B from the softphone's transfer form.
    await agentA.keyboard.press('Control+Alt+KeyT');
    const target = agentA.locator('[data-line="0"]').getByLabel('Transfer line 1 to');
    await expect(target).toBeFocused();
    await target.fill(AGENTS.agent2.extension);
    await agentA.locator('[data-line="0"]').getByRole('button', { name: 'Transfer now' }).click();

    // B's phone rings with the customer; B's card has never heard of this customer, yet shows A's hand-off.
    const ringingB = agentB.locator('[data-line="0"]');
    await expect(ringingB).toHaveAttribute('data-status', 'ringing');
    await expect(areaB).toContainText('Incoming call from +34600555777');
    await expect(areaB.getByRole('heading', { name: 'Unknown caller' })).toBeVisible();
    const note = areaB.getByRole('complementary', { name: 'Transferred to you: what the previous agent recorded' });
    await expect(note).toHaveAttribute('data-handover-source', 'call');
    await expect(note).toContainText(NOTES);
    await expect(note).toContainText('frustrated (2)');
    await expect(note).toContainText('Refund');
    expect(await agentB.evaluate(() => document.querySelector('.cc-handover b'))).toBeNull();
    expect(await seriousAccessibilityViolations(agentB)).toEqual([]);

    await ringingB.getByRole('button', { name: 'Answer' }).click();
    await expect(ringingB).toHaveAttribute('data-status', 'connected');
    await expect(agentA.locator('[data-line="0"]')).toHaveAttribute('data-status', 'ended');
    // Still on the line after answering: the hand-off stays on B's screen.
    await expect(note).toContainText(NOTES);
    await restoreBackend(agentB);
  } finally {
    await customerPhone.context().close();
    await agentB.context().close();
    await agentA.context().close();
  }
});
