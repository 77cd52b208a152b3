import { test } from '@playwright/test';
import {
  audioStats, closePhone, dial, expect, expectAudioFlowing, expectInboundStalled, expectRegistered, line, lineField, mediaDirections, openPhone, sendingCodec, startLab, type Lab,
} from './phones';

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

  test('a far end that confirms the hold in its SDP but keeps sending audio: the RTP gives it away and the agent is warned', async () => {
    const agent = await openPhone(lab, '1001');
    const customer = await openPhone(lab, '2001', { ignoreHold: true });
    try {
      await Promise.all([expectRegistered(agent), expectRegistered(customer)]);
      await dial(customer, '1001');
      await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
      await expectAudioFlowing(agent, 0);
      await line(agent, 0).getByRole('button', { name: 'Hold' }).click();
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'held');
      // The SDP says held (recvonly)…
      expect((await mediaDirections(agent, 0))?.remote).toBe('recvonly');
      // …but the customer's audio keeps arriving, so the check turns to a warning.
      await expect(line(agent, 0).getByRole('alert')).toContainText('The hold is not working on the other side');
      expect(await lineField(agent, 0, 'holdCheck')).toBe('leaking');
      expect((await audioStats(customer, 0)).packetsSent).toBeGreaterThan(0);
      // Resuming clears it; the call goes on.
      await line(agent, 0).getByRole('button', { name: 'Resume' }).click();
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await expect(line(agent, 0).getByRole('alert')).toHaveCount(0);
      await expectAudioFlowing(customer, 0);
    } finally {
      await Promise.all([closePhone(agent), closePhone(customer)]);
    }
  });

  test('a far end that really holds: its audio stops and the hold stays confirmed', async () => {
    const agent = await openPhone(lab, '1001');
    const customer = await openPhone(lab, '2001');
    try {
      await Promise.all([expectRegistered(agent), expectRegistered(customer)]);
      await dial(customer, '1001');
      await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
      await expectAudioFlowing(agent, 0);
      await line(agent, 0).getByRole('button', { name: 'Hold' }).click();
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'held');
      expect(await lineField(agent, 0, 'holdCheck')).toBe('confirmed');
      // No inbound audio for five readings in a row (longer than the watch's grace and window).
      await expectInboundStalled(agent, 0, 5);
      expect(await lineField(agent, 0, 'holdCheck')).toBe('confirmed');
      await expect(line(agent, 0).getByRole('alert')).toHaveCount(0);
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
