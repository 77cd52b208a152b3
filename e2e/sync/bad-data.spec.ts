/**
 * Bad data never stops the sync: a corrupt outbox record in IndexedDB, a server result that fails
 * validation and a pulled change that fails validation each become a dead letter with a clear
 * reason, and everything else still syncs. The dead letters are listed in plain language.
 */
import { expect, test } from '../support/fixtures';
import type { Page } from '@playwright/test';
import { expectPending, openLab, serverChanges, signInLab, type LabGlobal } from './lab';

const lab = (page: Page) => page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());

test('a corrupt outbox record becomes a dead letter and the rest syncs', async ({ page, context, backend }) => {
  await openLab(page, backend.url);
  await signInLab(page, 'agent1');
  await lab(page);
  await context.setOffline(true);
  const before = await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.createCustomer({ displayName: 'Before Corruption' }));
  await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.putRawOutboxRecord({ id: 'not-a-uuid', entity: 'spaceship', patch: 'garbage' }));
  const after = await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.createCustomer({ displayName: 'After Corruption' }));
  await context.setOffline(false);

  await expectPending(page, 0);
  const letters = await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.deadLetters());
  expect(letters).toEqual([expect.objectContaining({ id: 'not-a-uuid', origin: 'corrupt_record', reason: 'corrupt_record', message: expect.stringMatching(/corrupt/) })]);
  const onServer = new Set((await serverChanges(backend.url, 'agent1')).map((change) => change.entityId));
  expect(onServer.has(before) && onServer.has(after)).toBe(true);

  const item = page.getByTestId('sync-dead-letter');
  await expect(item).toContainText('The change was damaged on this computer and cannot be sent.');
  page.once('dialog', (dialog) => void dialog.accept());
  await item.getByRole('button', { name: 'Discard' }).click();
  await expect(item).toHaveCount(0);
});

test('server replies that fail validation are dead-lettered; the rest keeps syncing', async ({ page, context, backend }) => {
  await openLab(page, backend.url, 'es');
  await signInLab(page, 'agent2');
  await lab(page);
  // The real backend answers; on the way back one push result and one pulled change are mangled.
  // The push result picked is the one for "Reply Two", whichever batch carries it, so the test does
  // not depend on how the pushes are batched (or on the offline switch taking effect in time).
  let mangledPush = false;
  await page.route('**/api/sync/push', async (route) => {
    if (mangledPush) return route.continue();
    const sent = (route.request().postDataJSON() as { mutations: Array<{ id: string; patch?: { displayName?: unknown } }> }).mutations;
    const target = sent.find((mutation) => mutation.patch?.displayName === 'Reply Two');
    const response = await route.fetch();
    const body = (await response.json()) as { results: Array<Record<string, unknown>> };
    const index = target ? body.results.findIndex((result) => result.id === target.id) : -1;
    if (index >= 0) {
      body.results[index] = { ...body.results[index], status: 'teleported' };
      mangledPush = true;
    }
    await route.fulfill({ response, json: body });
  });
  await context.setOffline(true);
  const ids = await page.evaluate(async () => {
    const api = (globalThis as unknown as LabGlobal).__centralitaSync;
    return [await api.createCustomer({ displayName: 'Reply One' }), await api.createCustomer({ displayName: 'Reply Two' }), await api.createCustomer({ displayName: 'Reply Three' })];
  });
  let mangledPull = false;
  await page.route('**/api/sync/pull*', async (route) => {
    if (mangledPull) return route.continue();
    const response = await route.fetch();
    const body = (await response.json()) as { changes: Array<Record<string, unknown>> };
    if (body.changes.length > 0) {
      body.changes.push({ seq: '999999999', entity: 'customer', entityId: ids[0], op: 'explode', rev: 'x', data: null });
      mangledPull = true;
    }
    await route.fulfill({ response, json: body });
  });
  await context.setOffline(false);
  await expectPending(page, 0);

  await expect.poll(() => page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.deadLetters()), { timeout: 30_000 }).toEqual(expect.arrayContaining([
    expect.objectContaining({ origin: 'invalid_reply', reason: 'invalid_reply', entityId: ids[1], message: expect.stringMatching(/validation/) }),
    expect.objectContaining({ origin: 'pull', reason: 'invalid_reply', message: expect.stringMatching(/validation/) }),
  ]));
  // The others were confirmed; the mangled one was applied on the server too (only its reply was bad).
  const onServer = new Set((await serverChanges(backend.url, 'agent2')).map((change) => change.entityId));
  for (const id of ids) expect(onServer.has(id)).toBe(true);
  // Plain-language reason, in Spanish; the UI keeps working (retry re-sends it, the server answers duplicate).
  const item = page.getByTestId('sync-dead-letter').filter({ hasText: 'los datos del cliente' });
  await expect(item).toContainText('El servidor envió una respuesta que no pudimos entender.');
  await item.getByRole('button', { name: 'Reintentar' }).click();
  await expect(page.getByTestId('sync-dead-letter')).toHaveCount(1, { timeout: 20_000 });
  await expectPending(page, 0);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
