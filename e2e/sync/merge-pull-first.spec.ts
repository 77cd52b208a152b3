/**
 * A team lead merges duplicate customer A into B while an agent's offline work on A is still in
 * the outbox, and the merge reaches the agent in a pull BEFORE that work is pushed (merge.spec.ts
 * covers the other order, where the server's push redirect does the re-target). The client must
 * re-target the pending entries to B itself (merges.ts), push them naming B, and end, like the
 * server and a second agent, with everything on B exactly once. Writes made on A after the merge
 * landed (a window still holding A's id) reach B through the server's redirect and come back on B.
 *
 * Ordering is made deterministic with request interception, not timing: the engine runs
 * push → pull → push in sequence, so holding its pull request (before it reaches the server) pins
 * the engine there while the agent writes on A and the lead merges; the released pull is only then
 * sent, so its reply contains the merge while the entries are pending. The push that follows is
 * held too, so the outbox can be read after the pull applied and before anything is sent.
 */
import { randomInt } from 'node:crypto';
import type { Page, Request } from '@playwright/test';
import { formatHlc, parseHlc } from '../../contract/src/hlc';
import { mergeCustomersResponseSchema } from '../../contract/src/admin';
import type { Change } from '../../contract/src/index';
import { expect, test } from '../support/fixtures';
import { login, mutation, pushMutations } from '../lead/api';
import { expectPending, latestByEntity, openLab, serverChanges, signInLab, type LabGlobal } from './lab';

/** Holds the first request `matches` accepts until `release()`; later ones go straight through. */
async function holdFirstRequest(page: Page, matches: (url: URL) => boolean) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let onHeld!: (request: Request) => void;
  const held = new Promise<Request>((resolve) => { onHeld = resolve; });
  let armed = true;
  await page.route(matches, async (route) => {
    if (!armed) return route.continue();
    armed = false;
    onHeld(route.request());
    await released;
    await route.continue();
  });
  return { held, release };
}

const idle = (page: Page) => page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.whenIdle());

interface Ids { duplicate: string; survivor: string; phones: string[]; prefix: string; losingName: string }

/** What a client shows for the pair: the same reads a card, a screen pop and the typeahead make. */
function clientView(page: Page, ids: Ids) {
  return page.evaluate(async ({ duplicate, survivor, phones, prefix, losingName }) => {
    const api = (globalThis as unknown as LabGlobal).__centralitaSync;
    const survivorRow = await api.getCustomer(survivor);
    return {
      survivor: { displayName: survivorRow?.displayName, language: survivorRow?.language, preferredChannel: survivorRow?.preferredChannel, mergedInto: survivorRow?.mergedInto ?? null },
      duplicate: { mergedInto: (await api.getCustomer(duplicate))?.mergedInto, phones: (await api.getCustomer(duplicate))?.phones },
      resolved: await api.resolveCustomerId(duplicate),
      byPhone: await Promise.all(phones.map(async (phone) => (await api.findCustomerByPhone(phone))?.id ?? null)),
      search: (await api.searchCustomers(prefix)).map((row) => row.id),
      searchLosingName: (await api.searchCustomers(losingName)).map((row) => row.id),
      identities: (await api.identitiesOf(survivor)).sort(),
      identitiesOfDuplicate: await api.identitiesOf(duplicate),
      consents: (await api.consentsOf(survivor)).map(({ channel, status }) => ({ channel, status })),
      interactions: (await api.interactionsOf(survivor)).sort(),
      interactionsOfDuplicate: await api.interactionsOf(duplicate),
      complaints: await api.complaintsOf(survivor),
      complaintsOfDuplicate: await api.complaintsOf(duplicate),
      queueItems: await api.queueItemsOf(survivor),
      queueItemsOfDuplicate: await api.queueItemsOf(duplicate),
      pending: await api.pendingCount(),
      deadLetters: await api.deadLetters(),
    };
  }, ids);
}

/** Entities of `entity` whose latest server state (not a tombstone) belongs to `customerId`. */
function onServer(latest: Map<string, Change>, entity: Change['entity'], customerId: string): Change[] {
  return [...latest.values()].filter((change) => change.entity === entity && change.op === 'upsert' && change.data?.customerId === customerId);
}

test('a merge pulled before the offline edits on the duplicate are pushed: the client re-targets them and everything ends on the survivor once', async ({ page, browser, backend }) => {
  test.setTimeout(150_000);
  // The backend lives for the whole worker (and --repeat-each): names and phones unique per run.
  const prefix = `Pf${Date.now().toString(36)}${randomInt(1_000)}`;
  const [phoneA, phoneB, phoneNew, phoneLate] = [0, 1, 2, 3].map((offset) => `+346${String(randomInt(10_000_000) * 4 + offset).padStart(8, '0')}`) as [string, string, string, string];
  const losingName = `${prefix} Renamed Offline`;
  const goldenName = `${prefix} Golden`;

  await openLab(page, backend.url);
  await signInLab(page, 'agent1');
  await idle(page);
  const [duplicate, survivor] = await page.evaluate(async ([name, a, b]) => {
    const api = (globalThis as unknown as LabGlobal).__centralitaSync;
    const duplicateId = await api.createCustomer({ displayName: `${name} Duplicate`, language: 'fr', identities: [{ kind: 'phone', value: a }] });
    const survivorId = await api.createCustomer({ displayName: `${name} Survivor`, preferredChannel: 'call', identities: [{ kind: 'phone', value: b }] });
    await api.setConsent(survivorId, 'sms', 'grant', 'call');
    await api.whenIdle();
    return [duplicateId, survivorId] as const;
  }, [prefix, phoneA, phoneB] as const);
  await expectPending(page, 0);
  await page.evaluate((id) => (globalThis as unknown as LabGlobal).__centralitaSync.watchCustomer(id), duplicate);
  await expect(page.getByTestId('watched-customer')).toHaveText(`${prefix} Duplicate`);

  const push = await holdFirstRequest(page, (url) => url.pathname === '/api/sync/push');
  const pull = await holdFirstRequest(page, (url) => url.pathname === '/api/sync/pull');
  await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.requestSync());
  // The engine is now waiting for this pull: nothing it does next can overtake the writes below.
  await pull.held;

  // The agent's work, queued: on A a field edit, two phones, a call with its wrap-up, a complaint,
  // its follow-up in the work queue and an SMS revocation (B's SMS consent is granted); A's phone on B.
  const offline = await page.evaluate(async ({ a, b, name, phone, survivorPhone, duplicatePhone }) => {
    const api = (globalThis as unknown as LabGlobal).__centralitaSync;
    await api.updateCustomer(a, { displayName: name, language: 'es', preferredChannel: 'email' });
    await api.addIdentity(a, 'phone', phone);
    // B's phone noted on A, and A's on B: the reason they are one person. Each value keeps one row on B.
    await api.addIdentity(a, 'phone', survivorPhone);
    await api.addIdentity(b, 'phone', duplicatePhone);
    const call = await api.recordInteraction({
      customerId: a, channel: 'call', direction: 'inbound', queue: null, remoteNumber: phone, line: 1,
      queuedAt: null, answeredAt: new Date().toISOString(), endedAt: null, holdSeconds: 0, transferTarget: null,
    });
    await api.saveWrapup(call, {
      disposition: 'resolved', emotionStart: null, emotionEnd: null, complaintTypeId: null, complaintId: null,
      notes: 'wrapped up before the merge arrived', firstContactResolution: true, customerId: a,
    });
    const complaint = await api.openComplaint({ customerId: a, typeId: 'refund', description: 'refund asked on the duplicate', interactionId: call });
    const queueItem = await api.createQueueItem({
      kind: 'complaint_follow_up', customerId: a, dueAt: new Date(Date.now() + 86_400_000).toISOString(), note: 'call back about the refund', complaintId: complaint,
    });
    await api.setConsent(a, 'sms', 'revoke', 'call');
    return { call, complaint, queueItem, outbox: await api.outboxEntries() };
  }, { a: duplicate, b: survivor, name: losingName, phone: phoneNew, survivorPhone: phoneB, duplicatePhone: phoneA });
  const ids: Ids = { duplicate, survivor, phones: [phoneA, phoneB, phoneNew, phoneLate], prefix, losingName };
  const shape = (entries: typeof offline.outbox) => entries.map((entry) => [entry.entity, entry.op, entry.customerId]);
  expect(shape(offline.outbox)).toEqual([
    ['customer', 'update', duplicate], ['identity', 'add', duplicate], ['identity', 'add', duplicate], ['identity', 'add', survivor],
    ['interaction', 'insert', duplicate], ['interaction', 'wrapup', duplicate],
    ['complaint', 'insert', duplicate], ['queue_item', 'insert', duplicate], ['consent', 'revoke', duplicate],
  ]);
  await expectPending(page, offline.outbox.length);

  // The lead renames B after the agent's edit (a later clock), then merges A into B.
  const lead = await login(backend.url, 'lead1');
  const agentNewest = Math.max(...offline.outbox.map((entry) => parseHlc(entry.clientTs)?.wallMs ?? 0));
  const rename = { ...mutation('customer', 'update', { displayName: goldenName }, survivor), clientTs: formatHlc({ wallMs: Math.max(Date.now(), agentNewest + 1), counter: 0, node: 'e2eLead' }) };
  expect((await pushMutations(backend.url, lead, [rename], 'e2e-lead-client')).status).toBe(200);
  const mergeReply = await fetch(`${backend.url}/api/customers/merge`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${lead.token}` },
    body: JSON.stringify({ survivorId: survivor, duplicateId: duplicate, reason: 'same person (pull-first e2e)' }),
  });
  expect(mergeReply.status).toBe(200);
  // Nothing of the agent's offline work was on the server to move: it is all still pending.
  expect(mergeCustomersResponseSchema.parse(await mergeReply.json()).moved).toMatchObject({ phones: 1, interactions: 0, complaints: 0, queueItems: 0 });

  // The held pull goes out now and brings the merge; the engine's next push is held in turn.
  pull.release();
  const pushed = await push.held;

  // Re-targeted locally before any push: same mutation ids, same order, all naming B now ...
  const retargeted = await page.evaluate(() => (globalThis as unknown as LabGlobal).__centralitaSync.outboxEntries());
  expect(retargeted.map((entry) => entry.id)).toEqual(offline.outbox.map((entry) => entry.id));
  expect(retargeted.every((entry) => entry.customerId === survivor)).toBe(true);
  // ... and sent that way: the server's redirect has nothing left to do.
  const sent = (pushed.postDataJSON() as { mutations: Array<{ id: string; entity: string; entityId: string; patch: Record<string, unknown> }> }).mutations;
  expect(sent.map((entry) => entry.id)).toEqual(offline.outbox.map((entry) => entry.id));
  expect(sent.map((entry) => (entry.entity === 'customer' ? entry.entityId : entry.patch.customerId))).toEqual(sent.map(() => survivor));
  // The open card already follows the redirect.
  await expect(page.getByTestId('watched-customer')).toHaveAttribute('data-customer-id', survivor);

  // A window still holding A's id writes on it after the merge landed: left to the server's redirect.
  const late = await page.evaluate(async ({ a, phone }) => {
    const api = (globalThis as unknown as LabGlobal).__centralitaSync;
    await api.addIdentity(a, 'phone', phone);
    return api.recordInteraction({
      customerId: a, channel: 'call', direction: 'outbound', queue: null, remoteNumber: phone, line: 1,
      queuedAt: null, answeredAt: new Date().toISOString(), endedAt: null, holdSeconds: 0, transferTarget: null,
    });
  }, { a: duplicate, phone: phoneLate });

  push.release();
  await expectPending(page, 0);
  await idle(page);

  // The server holds each piece of work once, on B. B's fields follow the per-field clock: the
  // agent's language and channel are newer than B's, the lead's rename is newer than the agent's.
  const latest = latestByEntity(await serverChanges(backend.url, 'agent1'));
  expect(latest.get(survivor)?.data).toMatchObject({ displayName: goldenName, language: 'es', preferredChannel: 'email', mergedInto: null });
  expect(latest.get(duplicate)?.data).toMatchObject({ mergedInto: survivor });
  expect(onServer(latest, 'interaction', survivor).map((change) => change.entityId).sort()).toEqual([offline.call, late].sort());
  expect(latest.get(offline.call)?.data).toMatchObject({ disposition: 'resolved', notes: 'wrapped up before the merge arrived' });
  expect(onServer(latest, 'complaint', survivor).map((change) => change.entityId)).toEqual([offline.complaint]);
  expect(onServer(latest, 'queue_item', survivor).map((change) => change.entityId)).toEqual([offline.queueItem]);
  expect(latest.get(offline.queueItem)?.data).toMatchObject({ complaintId: offline.complaint });
  expect(onServer(latest, 'identity', survivor).map((change) => change.data?.value).sort()).toEqual([...ids.phones].sort());
  expect(onServer(latest, 'consent', survivor).map((change) => [change.data?.channel, change.data?.status])).toEqual([['sms', 'revoked']]);
  for (const entity of ['identity', 'consent', 'interaction', 'complaint', 'queue_item'] as const) expect(onServer(latest, entity, duplicate)).toEqual([]);

  // The agent's cache, screen pop, typeahead and open card end on B; nothing pending or dead.
  const expected = {
    survivor: { displayName: goldenName, language: 'es', preferredChannel: 'email', mergedInto: null },
    duplicate: { mergedInto: survivor, phones: [] },
    resolved: survivor,
    byPhone: ids.phones.map(() => survivor),
    search: [survivor],
    searchLosingName: [],
    identities: [...ids.phones].sort(),
    identitiesOfDuplicate: [],
    consents: [{ channel: 'sms', status: 'revoked' }],
    interactions: [offline.call, late].sort(),
    interactionsOfDuplicate: [],
    complaints: [offline.complaint],
    complaintsOfDuplicate: [],
    queueItems: [offline.queueItem],
    queueItemsOfDuplicate: [],
    pending: 0,
    deadLetters: [],
  };
  expect(await clientView(page, ids)).toEqual(expected);
  await expect(page.getByTestId('watched-customer')).toHaveText(goldenName);
  await expect(page.getByTestId('watched-timeline')).toHaveAttribute('data-count', '2');

  // A second agent of the team, starting from nothing, sees the same final state.
  const otherContext = await browser.newContext();
  try {
    const other = await otherContext.newPage();
    await openLab(other, backend.url);
    await signInLab(other, 'agent2');
    await idle(other);
    expect(await clientView(other, ids)).toEqual(expected);
  } finally {
    await otherContext.close();
  }
});
