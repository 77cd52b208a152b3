/**
 * Reconnect time: the PBX restarts under a registered phone (its WebSocket drops, registrations
 * are lost); measured from the PBX listening again to the phone registered again, which is what
 * the engine's backoff and re-REGISTER cost. Baseline, same page and PBX: a clean start of the
 * engine → registered (WebSocket connect + REGISTER with digest), the floor any reconnect pays.
 */
import type { Page } from 'playwright-core';
import type { Pbx } from '../../e2e/support/pbx';

interface Probe {
  start(): Promise<void>;
  stop(): Promise<void>;
  getSnapshot(): { registration: { status: string } };
  subscribe(listener: (snapshot: { registration: { status: string } }) => void): () => void;
}
type Scope = { centralitaSoftphone?: Probe; benchRegisteredAt?: number | null; benchRegOff?: () => void };

/** Arms the page to note the wall-clock time the phone is registered again after going down. */
async function armRegistrationClock(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as Scope;
    scope.benchRegOff?.();
    scope.benchRegisteredAt = null;
    let down = false;
    scope.benchRegOff = scope.centralitaSoftphone!.subscribe(({ registration }) => {
      if (registration.status !== 'registered') down = true;
      else if (down && scope.benchRegisteredAt === null) scope.benchRegisteredAt = performance.timeOrigin + performance.now();
    });
  });
}

async function registeredAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => (globalThis as unknown as Scope).benchRegisteredAt ?? false, null, { polling: 5, timeout: 30_000 });
  return Number(await handle.jsonValue());
}

/** PBX restart → registered again, ms (from the moment the PBX listens again). */
export async function reconnectAfterRestart(page: Page, pbx: Pbx): Promise<number> {
  await armRegistrationClock(page);
  await pbx.halt();
  // The phone notices the drop (it is reconnecting) before the PBX comes back, as in a real restart.
  await page.waitForFunction(() => (globalThis as unknown as Scope).centralitaSoftphone?.getSnapshot().registration.status !== 'registered', null, { timeout: 30_000 });
  await pbx.restart();
  const upAt = Date.now();
  return (await registeredAt(page)) - upAt;
}

/** Clean engine start → registered, ms: the floor of a reconnect. */
export async function cleanRegistration(page: Page): Promise<number> {
  await page.evaluate(() => (globalThis as unknown as Scope).centralitaSoftphone!.stop());
  await armRegistrationClock(page);
  const startedAt = await page.evaluate(() => {
    const at = performance.timeOrigin + performance.now();
    void (globalThis as unknown as Scope).centralitaSoftphone!.start();
    return at;
  });
  return (await registeredAt(page)) - startedAt;
}
