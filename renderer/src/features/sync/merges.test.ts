import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyPullPage } from './pull';
import { pushBatch } from './push';
import { downloadSnapshot } from './snapshot';
import { addIdentity, createCustomer, recordInteraction, updateCustomer } from './repositories';
import { customerIdentities, findCustomerByPhone, searchCustomers } from './queries';
import { resolveCustomer, resolveCustomerId } from './merges';
import type { SyncStore } from './store';
import { parsePullReply } from './transport';
import { fakeTransport, snapshotBatch, storesClosedAfterEach, uniqueUserId } from './test-support';
import { uuidv7 } from './uuid7';

const call = { channel: 'call' as const, direction: 'inbound' as const, queue: null, remoteNumber: '+34600111222', line: 1, queuedAt: null, answeredAt: '2026-01-05T10:00:00.000Z', endedAt: null, holdSeconds: 0, transferTarget: null };

function customerData(id: string, displayName: string, rev: number, extra: Record<string, unknown> = {}) {
  return { id, displayName, language: null, preferredChannel: null, loyaltyLevel: 'none', clv: 0, influencer: false, influencerReach: 0, mergedInto: null, fieldTs: {}, rev, ...extra };
}

describe('following customer merges (mergedInto)', () => {
  let store: SyncStore | null = null;
  const openStore = storesClosedAfterEach();

  /** Duplicate A and survivor B as the server sent them, then offline work against A. */
  async function cachedPairWithOfflineWork() {
    store = await openStore(uniqueUserId('merge'));
    const duplicate = uuidv7();
    const survivor = uuidv7();
    const phoneOfA = uuidv7();
    await applyPullPage({ db: store.db, userId: store.userId }, parsePullReply({ cursor: '2', hasMore: false, changes: [
      { seq: '1', entity: 'customer', entityId: duplicate, op: 'upsert', rev: 1, data: customerData(duplicate, 'Ana Duplicada', 1) },
      { seq: '2', entity: 'customer', entityId: survivor, op: 'upsert', rev: 1, data: customerData(survivor, 'Ana Golden', 1) },
      { seq: '3', entity: 'identity', entityId: phoneOfA, op: 'upsert', rev: 1, data: { id: phoneOfA, customerId: duplicate, kind: 'phone', value: '+34600111222', label: null, rev: 1 } },
    ] }));
    // Offline, before the merge is known: a call, a new e-mail and an edit, all naming A.
    const interaction = await recordInteraction(store, { ...call, customerId: duplicate });
    const email = await addIdentity(store, duplicate, 'email', 'ana@example.com');
    await updateCustomer(store, duplicate, { language: 'es' });
    return { duplicate, survivor, phoneOfA, interaction, email };
  }

  it('re-targets local rows and pending outbox entries to the survivor and leaves A as a redirect', async () => {
    const { duplicate, survivor, phoneOfA, interaction, email } = await cachedPairWithOfflineWork();
    const { db } = store!;
    // The server merged A into B: it moved A's phone and sends both customer rows.
    await applyPullPage({ db, userId: store!.userId }, parsePullReply({ cursor: '7', hasMore: false, changes: [
      { seq: '4', entity: 'identity', entityId: phoneOfA, op: 'upsert', rev: 1, data: { id: phoneOfA, customerId: survivor, kind: 'phone', value: '+34600111222', label: null, rev: 1 } },
      { seq: '5', entity: 'customer', entityId: survivor, op: 'upsert', rev: 2, data: customerData(survivor, 'Ana Golden', 2) },
      { seq: '6', entity: 'customer', entityId: duplicate, op: 'upsert', rev: 2, data: customerData(duplicate, 'Ana Duplicada', 2, { mergedInto: survivor }) },
    ] }));

    const redirect = await db.customers.get(duplicate);
    expect(redirect).toMatchObject({ mergedInto: survivor, phones: [], emails: [], customerNumbers: [] });
    expect(redirect).not.toHaveProperty('nameLower');
    expect(await db.interactions.get(interaction)).toMatchObject({ customerId: survivor });
    expect((await customerIdentities(db, survivor)).find((row) => row.id === email)).toMatchObject({ customerId: survivor, value: 'ana@example.com' });
    expect(await customerIdentities(db, duplicate)).toEqual([]);
    const golden = await db.customers.get(survivor);
    expect(golden).toMatchObject({ phones: ['+34600111222'], emails: ['ana@example.com'], language: 'es' });

    const outbox = await db.outbox.orderBy(':id').toArray();
    expect(outbox.map((entry) => [entry.entity, entry.op, entry.entity === 'customer' ? entry.entityId : entry.patch.customerId])).toEqual([
      ['interaction', 'insert', survivor], ['identity', 'add', survivor], ['customer', 'update', survivor],
    ]);

    // Screen pop, typeahead and open cards land on the survivor.
    expect((await findCustomerByPhone(db, '+34600111222'))?.id).toBe(survivor);
    expect((await searchCustomers(db, 'ana')).map((row) => row.id)).toEqual([survivor]);
    expect(await resolveCustomerId(db, duplicate)).toBe(survivor);
    expect((await resolveCustomer(db, duplicate))?.displayName).toBe('Ana Golden');

    // The survivor's next server row is rebased with the re-targeted edit still pending.
    await applyPullPage({ db, userId: store!.userId }, parsePullReply({ cursor: '8', hasMore: false, changes: [
      { seq: '8', entity: 'customer', entityId: survivor, op: 'upsert', rev: 3, data: customerData(survivor, 'Ana Golden', 3) },
    ] }));
    expect(await db.customers.get(survivor)).toMatchObject({ language: 'es', rev: 3 });
  });

  it('keeps one row per value on the survivor when phones noted offline on A and on B are each other\'s', async () => {
    store = await openStore(uniqueUserId('merge'));
    const { db } = store;
    const [duplicate, survivor, phoneOfA, phoneOfB] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const target = { db, userId: store.userId };
    await applyPullPage(target, parsePullReply({ cursor: '4', hasMore: false, changes: [
      { seq: '1', entity: 'customer', entityId: duplicate, op: 'upsert', rev: 1, data: customerData(duplicate, 'Ana Duplicada', 1) },
      { seq: '2', entity: 'customer', entityId: survivor, op: 'upsert', rev: 1, data: customerData(survivor, 'Ana Golden', 1) },
      { seq: '3', entity: 'identity', entityId: phoneOfA, op: 'upsert', rev: 1, data: { id: phoneOfA, customerId: duplicate, kind: 'phone', value: '+34600111222', label: null, rev: 1 } },
      { seq: '4', entity: 'identity', entityId: phoneOfB, op: 'upsert', rev: 1, data: { id: phoneOfB, customerId: survivor, kind: 'phone', value: '+34699888777', label: null, rev: 1 } },
    ] }));
    // Offline, the agent notes B's phone on A and A's phone on B (why they are one person); the lead
    // merges A into B, which moves A's phone row onto B.
    const notedOnA = await addIdentity(store, duplicate, 'phone', '+34 699 888 777');
    const notedOnB = await addIdentity(store, survivor, 'phone', '+34 600 111 222');
    await applyPullPage(target, parsePullReply({ cursor: '7', hasMore: false, changes: [
      { seq: '5', entity: 'identity', entityId: phoneOfA, op: 'upsert', rev: 1, data: { id: phoneOfA, customerId: survivor, kind: 'phone', value: '+34600111222', label: null, rev: 1 } },
      { seq: '6', entity: 'customer', entityId: survivor, op: 'upsert', rev: 2, data: customerData(survivor, 'Ana Golden', 2) },
      { seq: '7', entity: 'customer', entityId: duplicate, op: 'upsert', rev: 2, data: customerData(duplicate, 'Ana Duplicada', 2, { mergedInto: survivor }) },
    ] }));
    // Each value keeps the server's row on B, as the server does; both adds still go out, naming B.
    expect((await customerIdentities(db, survivor)).map((row) => [row.id, row.value])).toEqual([[phoneOfB, '+34699888777'], [phoneOfA, '+34600111222']]);
    expect((await db.outbox.orderBy(':id').toArray()).map((entry) => [entry.entityId, entry.patch.customerId])).toEqual([[notedOnA, survivor], [notedOnB, survivor]]);

    // The server already holds both values on B: it answers `applied` (tombstones for the noted ids come with a later pull).
    await pushBatch({ ...target, clientId: 'mergeTestClient' }, fakeTransport({
      push: async (request) => request.mutations.map((mutation) => ({ ok: true as const, result: { id: mutation.id, status: 'applied' as const, rev: 1 } })),
    }), 10);
    expect(await db.outbox.count()).toBe(0);
    expect((await customerIdentities(db, survivor)).map((row) => row.value).sort()).toEqual(['+34600111222', '+34699888777']);
    expect((await findCustomerByPhone(db, '+34699888777'))?.id).toBe(survivor);
  });

  it('drops a phone added to A and already pushed when B holds it (the server redirected the add onto B)', async () => {
    store = await openStore(uniqueUserId('merge'));
    const { db } = store;
    const [duplicate, survivor, phoneOfB] = [uuidv7(), uuidv7(), uuidv7()];
    const target = { db, userId: store.userId };
    await applyPullPage(target, parsePullReply({ cursor: '3', hasMore: false, changes: [
      { seq: '1', entity: 'customer', entityId: duplicate, op: 'upsert', rev: 1, data: customerData(duplicate, 'Ana Duplicada', 1) },
      { seq: '2', entity: 'customer', entityId: survivor, op: 'upsert', rev: 1, data: customerData(survivor, 'Ana Golden', 1) },
      { seq: '3', entity: 'identity', entityId: phoneOfB, op: 'upsert', rev: 1, data: { id: phoneOfB, customerId: survivor, kind: 'phone', value: '+34699888777', label: null, rev: 1 } },
    ] }));
    await addIdentity(store, duplicate, 'phone', '+34 699 888 777');
    // Pushed after the server merged: redirected onto B, which holds the value, so nothing changes there.
    await pushBatch({ ...target, clientId: 'mergeTestClient' }, fakeTransport({
      push: async (request) => request.mutations.map((mutation) => ({ ok: true as const, result: { id: mutation.id, status: 'applied' as const, rev: 1 } })),
    }), 10);
    await applyPullPage(target, parsePullReply({ cursor: '5', hasMore: false, changes: [
      { seq: '4', entity: 'customer', entityId: survivor, op: 'upsert', rev: 2, data: customerData(survivor, 'Ana Golden', 2) },
      { seq: '5', entity: 'customer', entityId: duplicate, op: 'upsert', rev: 2, data: customerData(duplicate, 'Ana Duplicada', 2, { mergedInto: survivor }) },
    ] }));
    expect((await customerIdentities(db, survivor)).map((row) => [row.id, row.value])).toEqual([[phoneOfB, '+34699888777']]);
    expect(await customerIdentities(db, duplicate)).toEqual([]);
  });

  it('follows a chain merged within one page (A → B, B → C) to the final record', async () => {
    store = await openStore(uniqueUserId('merge'));
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const target = { db: store.db, userId: store.userId };
    await applyPullPage(target, parsePullReply({ cursor: '3', hasMore: false, changes: [a, b, c].map((id, index) => (
      { seq: String(index + 1), entity: 'customer', entityId: id, op: 'upsert', rev: 1, data: customerData(id, `Customer ${index}`, 1) }
    )) }));
    const interaction = await recordInteraction(store, { ...call, customerId: a });
    await applyPullPage(target, parsePullReply({ cursor: '5', hasMore: false, changes: [
      { seq: '4', entity: 'customer', entityId: a, op: 'upsert', rev: 2, data: customerData(a, 'Customer 0', 2, { mergedInto: b }) },
      { seq: '5', entity: 'customer', entityId: b, op: 'upsert', rev: 2, data: customerData(b, 'Customer 1', 2, { mergedInto: c }) },
    ] }));
    expect(await store.db.interactions.get(interaction)).toMatchObject({ customerId: c });
    expect(await resolveCustomerId(store.db, a)).toBe(c);
    const [entry] = await store.db.outbox.toArray();
    expect(entry?.patch.customerId).toBe(c);
  });

  it('stores merged customers of a snapshot as redirects and moves pending work to the survivor', async () => {
    store = await openStore(uniqueUserId('merge'));
    const [duplicate, survivor] = [uuidv7(), uuidv7()];
    const interaction = await recordInteraction(store, { ...call, customerId: duplicate });
    const page = snapshotBatch({ cursor: '9', total: 2, rows: {
      customers: [customerData(duplicate, 'Old Record', 4, { mergedInto: survivor }), customerData(survivor, 'Golden Record', 2)],
      identities: [{ id: uuidv7(), rev: 1, customerId: survivor, kind: 'phone', value: '+34600999888', label: null }],
    } });
    await downloadSnapshot({ db: store.db, userId: store.userId }, fakeTransport({ snapshot: async () => page }));
    expect(await store.db.customers.get(duplicate)).toMatchObject({ mergedInto: survivor, phones: [] });
    expect(await store.db.interactions.get(interaction)).toMatchObject({ customerId: survivor });
    expect((await store.db.outbox.toArray())[0]?.patch.customerId).toBe(survivor);
    expect((await searchCustomers(store.db, 'old record')).length).toBe(0);
    expect((await findCustomerByPhone(store.db, '+34600999888'))?.id).toBe(survivor);
  });

  it('leaves a customer created offline alone until the server says it was merged', async () => {
    store = await openStore(uniqueUserId('merge'));
    const id = await createCustomer(store, { displayName: 'Nueva Cliente', identities: [{ kind: 'phone', value: '+34600555444' }] });
    expect(await resolveCustomerId(store.db, id)).toBe(id);
    expect((await findCustomerByPhone(store.db, '+34600555444'))?.id).toBe(id);
  });
});
