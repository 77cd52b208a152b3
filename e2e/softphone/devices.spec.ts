/**
 * Audio devices and live call quality on a real call. Plugging and unplugging a headset cannot
 * happen on this machine, so the test adds a device to what `enumerateDevices` reports and fires
 * `devicechange`, as the OS would; everything else (Chromium's fake microphones, the call, the
 * track switch mid-call, getStats) is real.
 */
import { test, type Page } from '@playwright/test';
import { closePhone, dial, expect, expectAudioFlowing, expectRegistered, line, openPhone, startLab, type Lab } from './phones';
import { seriousAccessibilityViolations } from '../support/fixtures';

let lab: Lab;

test.beforeAll(async () => {
  lab = await startLab();
});

test.afterAll(async () => {
  await lab?.close();
});

const HEADSET = [
  { deviceId: 'usb-headset-in', kind: 'audioinput', label: 'USB Headset', groupId: 'usb' },
  { deviceId: 'usb-headset-out', kind: 'audiooutput', label: 'USB Headset', groupId: 'usb' },
];

/** Lets the test plug and unplug devices the page's enumerateDevices() reports. */
async function installDeviceSimulator(page: Page): Promise<void> {
  await page.evaluate(() => {
    const media = navigator.mediaDevices;
    const original = media.enumerateDevices.bind(media);
    const extra: MediaDeviceInfo[] = [];
    media.enumerateDevices = async () => [...(await original()), ...extra];
    const scope = globalThis as unknown as { plug(devices: object[]): void; unplug(group: string): void };
    scope.plug = (devices) => {
      extra.push(...(devices as MediaDeviceInfo[]));
      media.dispatchEvent(new Event('devicechange'));
    };
    scope.unplug = (group) => {
      extra.splice(0, extra.length, ...extra.filter((device) => device.groupId !== group));
      media.dispatchEvent(new Event('devicechange'));
    };
  });
}

test.describe('audio devices and call quality', () => {
  test.describe.configure({ timeout: 180_000 });

  test('a plugged headset is offered at once, the microphone switches mid-call, an unplugged one falls back and says so', async () => {
    const agent = await openPhone(lab, '1001');
    const customer = await openPhone(lab, '2001');
    try {
      await Promise.all([expectRegistered(agent), expectRegistered(customer)]);
      await installDeviceSimulator(agent);
      await agent.getByRole('button', { name: 'Audio devices' }).click();
      const microphone = agent.getByLabel('Microphone');
      const speaker = agent.getByLabel('Speaker (call audio)');
      const ringer = agent.getByLabel('Ringer');
      // Chromium's fake capture devices, named once the page may use the microphone.
      await expect.poll(async () => (await microphone.locator('option').allTextContents()).filter((text) => text.startsWith('Fake')).length).toBeGreaterThanOrEqual(2);

      await agent.evaluate((devices) => (globalThis as unknown as { plug(devices: object[]): void }).plug(devices), HEADSET);
      await expect(microphone.locator('option', { hasText: 'USB Headset' })).toHaveCount(1);
      await expect(speaker.locator('option', { hasText: 'USB Headset' })).toHaveCount(1);
      await speaker.selectOption({ label: 'USB Headset' });
      await ringer.selectOption({ label: 'USB Headset' });
      const fakeInputs = (await microphone.locator('option').allTextContents()).filter((text) => text.startsWith('Fake'));
      await microphone.selectOption({ label: fakeInputs[0]! });
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);

      await dial(customer, '1001');
      await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'connected');
      await expectAudioFlowing(customer, 0);

      // Another microphone during the call: the track is replaced, the call and its audio go on.
      await microphone.selectOption({ label: fakeInputs[1]! });
      await expectAudioFlowing(customer, 0);

      // Live quality on the line: measured from getStats, on loopback it is good.
      const quality = line(agent, 0).locator('[data-quality]');
      await expect(quality).toHaveAttribute('data-quality', 'good');
      await expect(quality).toContainText('MOS (estimated)');
      await expect(quality).toContainText(/Round trip\s*\d+ ms/);

      await agent.evaluate(() => (globalThis as unknown as { unplug(group: string): void }).unplug('usb'));
      const alert = agent.getByRole('alert').filter({ hasText: 'no longer connected' });
      await expect(alert).toContainText('“USB Headset” is no longer connected: Speaker (call audio) is back on the system default.');
      await expect(alert).toContainText('Ringer is back on the system default.');
      await expect(speaker).toHaveValue('');
      await expect(ringer).toHaveValue('');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await expectAudioFlowing(agent, 0);
      await alert.getByRole('button', { name: 'OK' }).click();
      await expect(alert).toHaveCount(0);

      // The choice is remembered on this computer: a reload keeps the microphone.
      await agent.reload();
      await expectRegistered(agent);
      await agent.getByRole('button', { name: 'Audio devices' }).click();
      await expect(agent.getByLabel('Microphone').locator('option:checked')).toHaveText(fakeInputs[1]!);
    } finally {
      await Promise.all([closePhone(agent), closePhone(customer)]);
    }
  });

  test('the pre-shift check hears the microphone, asks about the tone, gets audio round-trip, reaches the server and sees the registration', async () => {
    const agent = await openPhone(lab, '1001');
    try {
      await expectRegistered(agent);
      await agent.getByRole('button', { name: 'Run the pre-shift check' }).click();
      const results = agent.getByRole('region', { name: 'Pre-shift check' });
      // The tone played; the agent says whether it was heard (the button has the focus).
      await expect(results.getByText('Did you hear the test tone?')).toBeVisible();
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      await expect(results.getByRole('button', { name: 'Yes, I heard it' })).toBeFocused();
      await agent.keyboard.press('Enter');
      for (const check of ['microphone', 'speaker', 'roundTrip', 'server', 'registration']) {
        await expect(results.locator(`[data-check="${check}"]`)).toHaveAttribute('data-result', 'pass');
      }
      await expect(results.locator('[data-check="microphone"]')).toContainText(/peak level \d+ %/);
      await expect(results.locator('[data-check="server"]')).toContainText(lab.pbx.wssUrl);
      await expect(results.locator('[data-check="roundTrip"]')).toContainText(/peak level \d+ %/);
      await expect(agent.getByRole('button', { name: 'Run the pre-shift check' })).toBeEnabled();
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);

      // "No": the speaker check is a problem, with what to look at.
      await agent.getByRole('button', { name: 'Run the pre-shift check' }).click();
      await results.getByRole('button', { name: 'No', exact: true }).click();
      await expect(results.locator('[data-check="speaker"]')).toHaveAttribute('data-result', 'fail');
      await expect(results.locator('[data-check="speaker"]')).toContainText('check the speaker choice');
    } finally {
      await closePhone(agent);
    }
  });
});
