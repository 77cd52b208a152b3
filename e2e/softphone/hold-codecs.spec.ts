import { test } from '@playwright/test';
import { closePhone, dial, expect, expectAudioFlowing, expectRegistered, line, mediaDirections, openPhone, sendingCodec, startLab, type Lab } from './phones';

let lab: Lab;

test.beforeAll(async () => {
  lab = await startLab();
});

test.afterAll(async () => {
  await lab?.close();
});

test.describe('hold verification and codec preference', () => {
  test.describe.configure({ timeout: 180_000 });

  test('a far end that refuses the hold: the agent is warned the customer may still hear, and the call goes on', async () => {
    const agent = await openPhone(lab, '1001');
    const customer = await openPhone(lab, '2001', { refuseHold: true });
    try {
      await Promise.all([expectRegistered(agent), expectRegistered(customer)]);
      await dial(customer, '1001');
      await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await line(agent, 0).getByRole('button', { name: 'Hold' }).click();
      await expect(line(agent, 0).getByRole('alert')).toContainText('The other party may still hear you: the hold was not confirmed.');
      await expect(agent.getByRole('alert').filter({ hasText: 'The other side refused the hold or resume.' })).toBeVisible();
      // The call is not lost: still connected both ways, audio flowing, the far end still sendrecv.
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      expect((await mediaDirections(agent, 0))?.remote).toBe('sendrecv');
      await expectAudioFlowing(agent, 0);
      await expectAudioFlowing(customer, 0);
    } finally {
      await Promise.all([closePhone(agent), closePhone(customer)]);
    }
  });

  test('preferred codecs are put first in the SDP and used: PCMA over opus', async () => {
    const plainAgent = await openPhone(lab, '1001');
    const plainCustomer = await openPhone(lab, '2001');
    try {
      // Without preferences, Chromium talks opus.
      await Promise.all([expectRegistered(plainAgent), expectRegistered(plainCustomer)]);
      await dial(plainCustomer, '1001');
      await line(plainAgent, 0).getByRole('button', { name: 'Answer' }).click();
      await expectAudioFlowing(plainAgent, 0);
      expect(await sendingCodec(plainCustomer, 0)).toBe('audio/opus');
    } finally {
      await Promise.all([closePhone(plainAgent), closePhone(plainCustomer)]);
    }

    const agent = await openPhone(lab, '1001', { codecs: ['PCMA'] });
    const customer = await openPhone(lab, '2001', { codecs: ['PCMA', 'PCMU'] });
    try {
      await Promise.all([expectRegistered(agent), expectRegistered(customer)]);
      await dial(customer, '1001');
      await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
      await expectAudioFlowing(agent, 0);
      await expectAudioFlowing(customer, 0);
      await expect.poll(() => sendingCodec(customer, 0)).toBe('audio/PCMA');
      await expect.poll(() => sendingCodec(agent, 0)).toBe('audio/PCMA');
    } finally {
      await Promise.all([closePhone(agent), closePhone(customer)]);
    }
  });
});
