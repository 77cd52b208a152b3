/**
 * Two agents edit one customer while offline. Different fields: both edits survive. The same
 * field: the later hybrid-logical-clock stamp wins — on the server and on both clients, even when
 * the older edit reaches the server last.
 */
import { expect, test } from '../support/fixtures';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { openLab, signInLab, type LabGlobal } from './lab';

async function agentPage(browser: Browser, url: string, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openLab(page, url);
  await signInLab(page, username, { periodMs: 1_000 });
  await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());
  return { context, page };
}

const customerOn = (page: Page, id: string) => page.evaluate((customerId) => (globalThis as unknown as LabGlobal).__centralitaSync.getCustomer(customerId), id);
const idle = (page: Page) => page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());

test('concurrent offline edits: different fields merge, same field goes to the later clock', async ({ browser, backend }) => {
  test.setTimeout(120_000);
  const a = await agentPage(browser, backend.url, 'agent1');
  const b = await agentPage(browser, backend.url, 'agent3');
  try {
    const customerId = await a.page.evaluate(() =>
      (globalThis as unknown as LabGlobal).__centralitaSync.createCustomer({ displayName: 'Shared Customer', language: 'en', preferredChannel: 'call' }));
    await idle(a.page);
    await expect.poll(async () => (await customerOn(b.page, customerId))?.displayName, { timeout: 30_000 }).toBe('Shared Customer');

    await a.context.setOffline(true);
    await b.context.setOffline(true);
    // Different fields.
    await a.page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.updateCustomer(id, { language: 'es' }), customerId);
    await b.page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.updateCustomer(id, { preferredChannel: 'email' }), customerId);
    // Same field: A first, B later (B's clock is later).
    await a.page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.updateCustomer(id, { displayName: 'Name From A (older)' }), customerId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await b.page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.updateCustomer(id, { displayName: 'Name From B (newer)' }), customerId);

    // The newer edit reaches the server first; the older one arrives after it and must lose.
    await b.context.setOffline(false);
    await idle(b.page);
    await a.context.setOffline(false);
    await idle(a.page);
    await idle(b.page);

    const expected = { displayName: 'Name From B (newer)', language: 'es', preferredChannel: 'email' };
    await expect.poll(() => customerOn(a.page, customerId), { timeout: 30_000 }).toMatchObject(expected);
    await expect.poll(() => customerOn(b.page, customerId), { timeout: 30_000 }).toMatchObject(expected);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('the same phone added to one customer by two agents offline ends as one phone on both clients', async ({ browser, backend }) => {
  test.setTimeout(120_000);
  const a = await agentPage(browser, backend.url, 'agent1');
  const b = await agentPage(browser, backend.url, 'agent3');
  try {
    const customerId = await a.page.evaluate(() =>
      (globalThis as unknown as LabGlobal).__centralitaSync.createCustomer({ displayName: 'Twice Added Phone' }));
    await idle(a.page);
    await expect.poll(async () => (await customerOn(b.page, customerId))?.displayName, { timeout: 30_000 }).toBe('Twice Added Phone');

    await a.context.setOffline(true);
    await b.context.setOffline(true);
    const add = (page: Page) => page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.addIdentity(id, 'phone', '+34 622 333 444'), customerId);
    await add(a.page);
    await add(b.page);
    // B's add creates the server row; A's, pushed later under its own id, finds the value there.
    await b.context.setOffline(false);
    await idle(b.page);
    await a.context.setOffline(false);
    await idle(a.page);
    await idle(b.page);

    const phonesOn = (page: Page) => page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.identitiesOf(id), customerId);
    await expect.poll(() => phonesOn(a.page), { timeout: 30_000 }).toEqual(['+34622333444']);
    await expect.poll(() => phonesOn(b.page), { timeout: 30_000 }).toEqual(['+34622333444']);
    const found = await a.page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.findCustomerByPhone('+34622333444'));
    expect(found?.id).toBe(customerId);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
