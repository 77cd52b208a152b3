import { test, type Page } from '@playwright/test';
import {
  closePhone, dial, expect, expectAudioFlowing, expectRegistered, line, lineField, openPhone, startLab, type Lab, type PhoneOptions,
} from './phones';
import { seriousAccessibilityViolations } from '../support/fixtures';

let lab: Lab;

test.beforeAll(async () => {
  lab = await startLab();
});

test.afterAll(async () => {
  await lab?.close();
});

interface Phones {
  customer: Page;
  agent: Page;
  target: Page;
}

/**
 * Three real phones: the customer (2001) calls the agent (1001), who answers; the transfer
 * target (1002) is registered and free. `run` takes it from there; the phones close after.
 */
async function withAnsweredCall(options: { customer?: PhoneOptions; agent?: PhoneOptions }, run: (phones: Phones) => Promise<void>): Promise<void> {
  const customer = await openPhone(lab, '2001', options.customer);
  const agent = await openPhone(lab, '1001', options.agent);
  const target = await openPhone(lab, '1002');
  try {
    await Promise.all([expectRegistered(customer), expectRegistered(agent), expectRegistered(target)]);
    await dial(customer, '1001');
    await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
    await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
    await run({ customer, agent, target });
  } finally {
    await Promise.all([closePhone(customer), closePhone(agent), closePhone(target)]);
  }
}

/** What the agent's card would send: notes, emotion and complaint as JSON, non-ASCII included. */
const HANDOFF = JSON.stringify({ notes: 'Llama por la factura de marzo; ya pidió la baja.', emotion: 'enfadado', complaint: 'billing' });

/** The target's line `index` rings (or runs) with the agent's hand-off, shown and on the snapshot. */
async function expectHandoff(target: Page, index: 0 | 1): Promise<void> {
  await expect(target.locator(`[data-handoff-line="${index}"]`)).toContainText(HANDOFF);
  expect(await lineField(target, index, 'handoff')).toBe(HANDOFF);
}

test.describe('call transfer through the Kamailio test PBX', () => {
  test.describe.configure({ timeout: 180_000 });

  test('blind transfer (REFER): the customer ends up talking to the target, who got the hand-off on ring', async () => {
    await withAnsweredCall({ customer: { name: 'Ana Cliente' }, agent: { handoff: HANDOFF } }, async ({ customer, agent, target }) => {
      // Ctrl+Alt+T opens the transfer form of the live call with the cursor in it.
      await agent.keyboard.press('Control+Alt+KeyT');
      const field = line(agent, 0).getByLabel('Transfer line 1 to');
      await expect(field).toBeFocused();
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      await field.fill('1002');
      await line(agent, 0).getByRole('button', { name: 'Transfer now' }).click();
      await expect(line(agent, 0)).toContainText('Transferring to 1002');

      // The customer's phone followed the REFER: a new call to 1002 on its second line, whose
      // INVITE carries the User-to-User hand-off copied from the Refer-To URI.
      await expect(line(target, 0)).toHaveAttribute('data-status', 'ringing');
      await expect(line(target, 0)).toContainText('2001');
      await expectHandoff(target, 0);
      await line(target, 0).getByRole('button', { name: 'Answer' }).click();

      await expect(line(agent, 0)).toHaveAttribute('data-status', 'ended');
      await expect(line(agent, 0)).toContainText('Transferred');
      expect(await lineField(agent, 0, 'endReason')).toBe('transferred');
      await expect(line(customer, 1)).toHaveAttribute('data-status', 'connected');
      await expect(line(customer, 1)).toContainText('1002');
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'ended');
      expect(await lineField(target, 0, 'handoff')).toBe(HANDOFF);
      await expectAudioFlowing(customer, 1);
      await expectAudioFlowing(target, 0);
    });
  });

  test('attended transfer: consult on line 2 (hand-off on ring), then REFER with Replaces hands the customer over', async () => {
    await withAnsweredCall({ agent: { handoff: HANDOFF } }, async ({ customer, agent, target }) => {
      await line(agent, 0).getByRole('button', { name: 'Transfer' }).click();
      await line(agent, 0).getByLabel('Transfer line 1 to').fill('1002');
      await line(agent, 0).getByRole('button', { name: 'Consult first' }).click();
      // The customer is held while the agent consults the target on line 2.
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'held');
      await expect(line(target, 0)).toHaveAttribute('data-status', 'ringing');
      await expect(line(target, 0)).toContainText('1001');
      // The consultation INVITE already carries the hand-off: the target reads it while consulting.
      await expectHandoff(target, 0);
      await line(target, 0).getByRole('button', { name: 'Answer' }).click();
      await expect(line(agent, 1)).toHaveAttribute('data-status', 'connected');
      await expect(line(agent, 1)).toContainText('Consultation for line 1');
      await expectAudioFlowing(target, 0);

      // Ctrl+Alt+J completes the transfer.
      await agent.keyboard.press('Control+Alt+KeyJ');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'ended');
      await expect(line(agent, 1)).toHaveAttribute('data-status', 'ended');
      expect(await lineField(agent, 0, 'endReason')).toBe('transferred');
      expect(await lineField(agent, 1, 'endReason')).toBe('transferred');

      // The target's line now carries the customer (its INVITE replaced the consultation dialog),
      // and the hand-off with it.
      await expect(line(target, 0)).toHaveAttribute('data-status', 'connected');
      await expect(line(target, 0)).toContainText('2001');
      await expect(line(target, 0)).toContainText('Transferred call');
      await expectHandoff(target, 0);
      await expect(line(target, 1)).toHaveCount(0);
      await expect(line(customer, 1)).toHaveAttribute('data-status', 'connected');
      await expectAudioFlowing(customer, 1);
      await expectAudioFlowing(target, 0);
    });
  });

  test('a refused transfer keeps the call with the agent and says so', async () => {
    await withAnsweredCall({}, async ({ customer, agent, target }) => {
      await line(agent, 0).getByRole('button', { name: 'Transfer' }).click();
      await line(agent, 0).getByLabel('Transfer line 1 to').fill('1002');
      await line(agent, 0).getByRole('button', { name: 'Transfer now' }).click();
      await expect(line(target, 0)).toHaveAttribute('data-status', 'ringing');
      // Without a hand-off from the agent, none arrives.
      expect(await lineField(target, 0, 'handoff')).toBeNull();
      await line(target, 0).getByRole('button', { name: 'Decline' }).click();

      await expect(line(agent, 0).getByRole('alert')).toContainText('The transfer did not go through');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'connected');
      await expect(line(customer, 1)).toHaveAttribute('data-status', 'ended');
      await expectAudioFlowing(agent, 0);
      await expectAudioFlowing(customer, 0);
    });
  });
});
