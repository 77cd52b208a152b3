import { test } from '@playwright/test';
import { audioStats, closePhone, dial, expect, expectAudioFlowing, expectRegistered, line, openPhone, startLab, type Lab } from './phones';
import { seriousAccessibilityViolations } from '../support/fixtures';

let lab: Lab;

test.beforeAll(async () => {
  lab = await startLab();
});

test.afterAll(async () => {
  await lab?.close();
});

/** Sound (not silence) reaching `page` on `index`: the received audio energy grows. */
async function expectSoundArriving(page: Parameters<typeof audioStats>[0], index: 0 | 1): Promise<void> {
  const before = (await audioStats(page, index)).totalAudioEnergy;
  await expect.poll(async () => (await audioStats(page, index)).totalAudioEnergy, { timeout: 20_000 }).toBeGreaterThan(before + 0.0005);
}

test.describe('three-way conference mixed locally', () => {
  test.describe.configure({ timeout: 180_000 });

  test('the customer hears the third party through the agent’s mix, even with the agent muted', async () => {
    const customer = await openPhone(lab, '2001');
    const agent = await openPhone(lab, '1001');
    const third = await openPhone(lab, '1002');
    try {
      await Promise.all([expectRegistered(customer), expectRegistered(agent), expectRegistered(third)]);
      await dial(customer, '1001');
      await line(agent, 0).getByRole('button', { name: 'Answer' }).click();
      await expect(line(customer, 0)).toHaveAttribute('data-status', 'connected');

      // Muted and not in a conference: packets keep coming to the customer, but they are silence.
      await line(agent, 0).getByRole('button', { name: 'Mute' }).click();
      const quiet = await audioStats(customer, 0);
      await expect.poll(async () => (await audioStats(customer, 0)).packetsReceived, { timeout: 20_000 }).toBeGreaterThan(quiet.packetsReceived + 100);
      expect((await audioStats(customer, 0)).totalAudioEnergy - quiet.totalAudioEnergy).toBeLessThan(0.0001);
      await line(agent, 0).getByRole('button', { name: 'Unmute' }).click();

      await dial(agent, '1002');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'held');
      await line(third, 0).getByRole('button', { name: 'Answer' }).click();
      await expect(line(agent, 1)).toHaveAttribute('data-status', 'connected');

      await line(agent, 1).getByRole('button', { name: 'Conference' }).click();
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await expect(line(agent, 0)).toContainText('In conference with line 2');
      await expect(line(agent, 1)).toContainText('In conference with line 1');
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      await expectAudioFlowing(agent, 0);
      await expectAudioFlowing(agent, 1);

      // The agent mutes: the microphone leaves the mix, but the customer and the third party
      // still hear each other through it.
      await line(agent, 0).getByRole('button', { name: 'Mute' }).click();
      await expect(line(agent, 1).getByRole('button', { name: 'Unmute' })).toBeVisible();
      await expectSoundArriving(customer, 0);
      await expectSoundArriving(third, 0);

      // Ctrl+Alt+C splits the conference: both calls stay up with the plain (muted) microphone.
      await agent.keyboard.press('Control+Alt+KeyC');
      await expect(line(agent, 0)).not.toContainText('In conference');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await expect(line(agent, 1)).toHaveAttribute('data-status', 'connected');

      await line(third, 0).getByRole('button', { name: 'Hang up' }).click();
      await expect(line(agent, 1)).toHaveAttribute('data-status', 'ended');
      await expect(line(agent, 0)).toHaveAttribute('data-status', 'connected');
      await expectAudioFlowing(customer, 0);
    } finally {
      await Promise.all([closePhone(customer), closePhone(agent), closePhone(third)]);
    }
  });
});
