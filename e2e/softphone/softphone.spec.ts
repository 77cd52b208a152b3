import { test } from '@playwright/test';
import {
  closePhone, expect, dial, expectAudioFlowing, expectRegistered, line, lineField, mediaDirections, openPhone, registration, ringtonePlaying, startLab,
  type Lab,
} from './phones';
import { seriousAccessibilityViolations } from '../support/fixtures';

let lab: Lab;

test.beforeAll(async () => {
  lab = await startLab();
});

test.afterAll(async () => {
  await lab?.close();
});

test.describe('softphone against the Kamailio test PBX', () => {
  // Each test opens two or three Chromium pages and places real calls.
  test.describe.configure({ timeout: 180_000 });

  test('registers over WSS and WS; a wrong password is refused with a visible reason (in Spanish here)', async () => {
    const agent = await openPhone(lab, '1001', { transport: 'wss' });
    const customer = await openPhone(lab, '2001', { transport: 'ws' });
    const intruder = await openPhone(lab, '1002', { transport: 'wss', password: 'wrong-password', lang: 'es' });
    try {
      await expectRegistered(agent);
      await expect(registration(agent)).toContainText('Phone ready: extension 1001');
      await expectRegistered(customer);
      await expect(registration(intruder)).toHaveAttribute('data-registration', 'failed');
      await expect(registration(intruder)).toContainText('El teléfono no pudo registrarse: 401');
      await expect(intruder.getByRole('button', { name: 'Reintentar ahora' })).toBeVisible();
    } finally {
      await Promise.all([closePhone(agent), closePhone(customer), closePhone(intruder)]);
    }
  });

  test('customer calls agent: ring, answer, audio both ways, hold/resume verified by SDP, hang up ends both', async () => {
    const agent = await openPhone(lab, '1001');
    const customer = await openPhone(lab, '2001', { name: 'Ana Cliente' });
    try {
      await expectRegistered(agent);
      await expectRegistered(customer);

      await dial(customer, '1001');
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'dialing');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'ringing');
      await expect(line(agent, 0)).toContainText('Ana Cliente');
      await expect(line(agent, 0)).toContainText('2001');
      await expect.poll(() => ringtonePlaying(agent)).toBe(true);

      await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'connected');
      expect(await ringtonePlaying(agent)).toBe(false);
      await expectAudioFlowing(agent, 0);
      await expectAudioFlowing(customer, 0);
      await line(agent, 0).getByRole('button', { name: 'Keypad' }).click();
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);

      await line(agent, 0).getByRole('button', { name: 'Mute' }).click();
      await expect(line(agent, 0).getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
      await line(agent, 0).getByRole('button', { name: 'Unmute' }).click();
      await expect(line(agent, 0).getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'false');

      await line(agent, 0).getByRole('button', { name: 'Hold' }).click();
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'held');
      // The customer's phone received a sendonly offer: our side no longer expects its audio.
      await expect.poll(async () => (await mediaDirections(customer, 0))?.remote).toMatch(/^(sendonly|inactive)$/);
      expect((await mediaDirections(agent, 0))?.remote).toMatch(/^(recvonly|inactive)$/);
      await expect(line(agent, 0).getByRole('alert')).toHaveCount(0);

      await line(agent, 0).getByRole('button', { name: 'Resume' }).click();
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await expect.poll(async () => (await mediaDirections(customer, 0))?.remote).toBe('sendrecv');
      await expectAudioFlowing(customer, 0);

      await line(customer, 0).getByRole('button', { name: 'Hang up' }).click();
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'ended');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'ended');
      await expect(line(agent, 0)).toContainText('The other party hung up');
      await expect(line(customer, 0)).toContainText('You hung up');
    } finally {
      await Promise.all([closePhone(agent), closePhone(customer)]);
    }
  });

  test('keyboard shortcuts drive the call; SIP INFO digits reach the agent, RFC 4733 digits go out in the media', async () => {
    const agent = await openPhone(lab, '1001');
    const customer = await openPhone(lab, '2001', { dtmf: 'sip-info' });
    try {
      await expectRegistered(agent);
      await expectRegistered(customer);
      await dial(customer, '1001');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'ringing');
      await agent.keyboard.press('Control+Alt+KeyA');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'connected');

      await agent.keyboard.press('Control+Alt+KeyM');
      await expect(line(agent, 0).getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
      await agent.keyboard.press('Control+Alt+KeyP');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'held');
      await agent.keyboard.press('Control+Alt+KeyP');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      // A muted call stays muted after resume.
      await expect(line(agent, 0).getByRole('button', { name: 'Unmute' })).toBeVisible();

      await line(customer, 0).getByRole('button', { name: 'Keypad' }).click();
      const customerKeypad = customer.getByRole('group', { name: 'Keypad for line 1' });
      for (const key of ['4', '2', '#']) await customerKeypad.getByRole('button', { name: key, exact: true }).click();
      await expect.poll(() => lineField(agent, 0, 'dtmfReceived')).toBe('42#');

      await line(agent, 0).getByRole('button', { name: 'Keypad' }).click();
      const agentKeypad = agent.getByRole('group', { name: 'Keypad for line 1' });
      await agentKeypad.getByRole('button', { name: '7', exact: true }).click();
      await agentKeypad.getByRole('button', { name: '*', exact: true }).click();
      await expect.poll(() => lineField(agent, 0, 'dtmfSent')).toBe('7*');
      await expect(agent.getByRole('alert')).toHaveCount(0);

      await agent.keyboard.press('Control+Alt+KeyH');
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'ended');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'ended');
    } finally {
      await Promise.all([closePhone(agent), closePhone(customer)]);
    }
  });

  test('decline answers 486 and the caller sees "Busy"; junk numbers are refused and never dialled', async () => {
    const agent = await openPhone(lab, '1001');
    const customer = await openPhone(lab, '2001');
    try {
      await expectRegistered(agent);
      await expectRegistered(customer);

      await dial(customer, 'call me maybe');
      await expect(customer.getByRole('alert')).toContainText('not a number that can be called');
      await expect(line(customer, 0)).toHaveCount(0);

      await dial(customer, '1001');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'ringing');
      await line(agent, 0).getByRole('button', { name: 'Decline' }).click();
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'ended');
      await expect(line(customer, 0)).toContainText('Busy');
      expect(await lineField(customer, 0, 'endReason')).toBe('486');
      await expect(line(agent, 0)).toContainText('Declined');
    } finally {
      await Promise.all([closePhone(agent), closePhone(customer)]);
    }
  });

  test('a second call during a call rings as call waiting on line 2; answering it holds line 1', async () => {
    const agent = await openPhone(lab, '1001');
    const first = await openPhone(lab, '2001');
    const second = await openPhone(lab, '2002');
    try {
      await Promise.all([expectRegistered(agent), expectRegistered(first), expectRegistered(second)]);
      await dial(first, '1001');
      await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');

      await dial(second, '1001');
      await expect(line(agent, 1)).toHaveAttribute('data-status', 'ringing');
      await expect(line(agent, 1)).toContainText('Call waiting');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      // A waiting call must not ring into the ear of an agent who is talking.
      expect(await ringtonePlaying(agent)).toBe(false);

      await line(agent, 1).getByRole('button', { name: 'Answer' }).click();
      await expect(line(agent, 1)).toHaveAttribute('data-status', 'connected');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'held');
      await expect.poll(async () => (await mediaDirections(first, 0))?.remote).toMatch(/^(sendonly|inactive)$/);
      await expectAudioFlowing(agent, 1);
      await expectAudioFlowing(second, 0);

      await line(agent, 1).getByRole('button', { name: 'Hang up' }).click();
      await expect(line(second, 0)).toHaveAttribute('data-status', 'ended');
      await line(agent, 0).getByRole('button', { name: 'Resume' }).click();
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await expectAudioFlowing(first, 0);
    } finally {
      await Promise.all([closePhone(agent), closePhone(first), closePhone(second)]);
    }
  });

  test('PBX stopped while registered: the banner says so, and the phone re-registers within 5 s of the PBX coming back', async () => {
    const agent = await openPhone(lab, '1001');
    try {
      await expectRegistered(agent);

      // The network came back (or the machine woke up): the phone replaces its connection and
      // registers again at once, without waiting for a failure or the registration refresh.
      await agent.evaluate(() => {
        const seen: string[] = [];
        const banner = document.querySelector('[data-registration]');
        new MutationObserver(() => seen.push(banner?.getAttribute('data-registration') ?? '')).observe(banner as Element, { attributes: true });
        (globalThis as unknown as { registrationSeen: string[] }).registrationSeen = seen;
        window.dispatchEvent(new Event('online'));
      });
      await expect.poll(() => agent.evaluate(() => (globalThis as unknown as { registrationSeen: string[] }).registrationSeen))
        .toEqual(expect.arrayContaining(['reconnecting', 'registering', 'registered']));
      await expectRegistered(agent);

      await lab.pbx.halt();
      await expect(registration(agent)).toHaveAttribute('data-registration', 'reconnecting');
      await expect(registration(agent)).toContainText('Reconnecting');
      await lab.pbx.restart();
      await expectRegistered(agent, 5_000);

      // Registered for real: a call reaches it through the restarted PBX.
      const customer = await openPhone(lab, '2001');
      try {
        await expectRegistered(customer);
        await dial(customer, '1001');
        await expect(line(agent, 0)).toHaveAttribute('data-status', 'ringing');
        await line(customer, 0).getByRole('button', { name: 'Hang up' }).click();
        await expect(line(agent, 0)).toHaveAttribute('data-status', 'ended');
      } finally {
        await closePhone(customer);
      }
    } finally {
      await closePhone(agent);
      if (!lab.pbx.running) await lab.pbx.restart();
    }
  });
});
