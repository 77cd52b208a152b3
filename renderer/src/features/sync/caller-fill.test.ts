import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fillCallerFromServer } from './caller-fill';
import { resetForRefetch } from './pull';
import { readCustomerByPhone, customerTimeline } from './queries';
import { updateCustomer } from './repositories';
import { applySnapshotPage } from './snapshot';
import type { SnapshotBatch } from './snapshot-reply';
import type { SyncStore } from './store';
import { fakeTransport, snapshotBatch, storesClosedAfterEach, uniqueUserId } from './test-support';
import { SyncHttpError, type SyncTransport } from './transport';
import { uuidv7 } from './uuid7';

const PHONE = '+34600777888';
const CALLER = uuidv7(Date.UTC(2025, 3, 1));
const EARLIER = uuidv7(Date.UTC(2025, 0, 1));
const SNAPSHOT_ROW = { key: 'snapshot', cursor: '40', after: EARLIER, done: 1000, total: 3000 } as const;

/** The server's answer for the caller: the customer, their phone, a recent call and an open complaint. */
function callerAnswer(displayName = 'Marta Caller', rev = 4): SnapshotBatch {
  return snapshotBatch({
    cursor: '57',
    rows: {
      customers: [{ id: CALLER, rev, displayName }],
      identities: [{ id: uuidv7(), rev: 1, customerId: CALLER, kind: 'phone', value: PHONE, label: 'mobile' }],
      interactions: [{ id: uuidv7(), rev: 1, customerId: CALLER, channel: 'call', answeredAt: '2025-04-02T10:00:00.000Z' }],
      complaints: [{ id: uuidv7(), rev: 1, customerId: CALLER, status: 'open', typeId: 'refund' }],
    },
  });
}

function sessionOf(store: SyncStore, callerPage: SyncTransport['callerPage']) {
  const transport = fakeTransport({ callerPage });
  return { session: { store, transport }, transport };
}

describe('fillCallerFromServer', () => {
  const openStore = storesClosedAfterEach();

  it('while the download runs, stores the caller (findable by phone) without touching its progress or the cursor', async () => {
    const store = await openStore(uniqueUserId('caller'));
    await store.db.syncState.put(SNAPSHOT_ROW);
    const metaBefore = await store.db.syncState.get('meta');
    let requested = 0;
    const { session, transport } = sessionOf(store, async () => callerAnswer());

    const outcome = await fillCallerFromServer(session, PHONE, { onRequest: () => { requested += 1; } });

    expect(outcome).toBe('written');
    expect(requested).toBe(1);
    expect(transport.calls).toEqual([`caller:${PHONE}`]);
    const found = await readCustomerByPhone(store.db, PHONE);
    expect(found).toMatchObject({ id: CALLER, displayName: 'Marta Caller', nameLower: 'marta caller', phones: [PHONE], rev: 4 });
    expect(await customerTimeline(store.db, CALLER)).toHaveLength(1);
    expect(await store.db.complaints.where('customerId').equals(CALLER).count()).toBe(1);
    expect(await store.db.syncState.get('snapshot')).toEqual(SNAPSHOT_ROW);
    expect(await store.db.syncState.get('meta')).toEqual(metaBefore);
  });

  it('also before the download stored its first page (cursor 0, no progress row yet); the download later stores the same caller in its page', async () => {
    const store = await openStore(uniqueUserId('caller'));
    expect((await store.db.syncState.get('meta'))).toMatchObject({ cursor: '0' });
    const { session } = sessionOf(store, async () => callerAnswer('Marta Caller', 4));
    expect(await fillCallerFromServer(session, PHONE)).toBe('written');
    expect((await readCustomerByPhone(store.db, PHONE))?.id).toBe(CALLER);

    // The download's page for the caller, read later, is newer: it replaces the answer.
    const page = callerAnswer('Marta Caller Renamed', 5);
    await applySnapshotPage({ db: store.db, userId: store.userId }, { ...page, total: 1 }, { ...SNAPSHOT_ROW, after: null, done: 0, total: null });
    expect(await readCustomerByPhone(store.db, PHONE)).toMatchObject({ displayName: 'Marta Caller Renamed', rev: 5 });
    expect(await store.db.syncState.get('meta')).toMatchObject({ cursor: '40' });
  });

  it('asks nothing and writes nothing once the download is over', async () => {
    const store = await openStore(uniqueUserId('caller'));
    const meta = await store.db.syncState.get('meta');
    await store.db.syncState.put({ ...meta!, key: 'meta', cursor: '40' } as never);
    let requested = false;
    const { session, transport } = sessionOf(store, async () => callerAnswer());
    expect(await fillCallerFromServer(session, PHONE, { onRequest: () => { requested = true; } })).toBe('not_downloading');
    expect(requested).toBe(false);
    expect(transport.calls).toEqual([]);
    expect(await store.db.customers.count()).toBe(0);
  });

  it('skips the write when the download finished while the request was out (checked in the write\'s transaction)', async () => {
    const store = await openStore(uniqueUserId('caller'));
    await store.db.syncState.put(SNAPSHOT_ROW);
    const { session } = sessionOf(store, async () => {
      // The download's last page lands first: progress row gone, cursor set, newer pulled row stored.
      await applySnapshotPage({ db: store.db, userId: store.userId }, snapshotBatch({ cursor: '40' }), SNAPSHOT_ROW);
      await store.db.customers.put({ id: CALLER, rev: 9, displayName: 'Pulled Newer', nameLower: 'pulled newer', phones: [PHONE], emails: [], customerNumbers: [] });
      return callerAnswer('Stale Answer', 4);
    });
    expect(await fillCallerFromServer(session, PHONE)).toBe('not_downloading');
    expect(await readCustomerByPhone(store.db, PHONE)).toMatchObject({ displayName: 'Pulled Newer', rev: 9 });
    expect(await store.db.interactions.count()).toBe(0);
  });

  it('leaves a caller the download stored meanwhile as it stored them', async () => {
    const store = await openStore(uniqueUserId('caller'));
    await store.db.syncState.put(SNAPSHOT_ROW);
    const { session } = sessionOf(store, async () => {
      await applySnapshotPage({ db: store.db, userId: store.userId }, { ...callerAnswer('From The Page', 6), next: CALLER }, SNAPSHOT_ROW);
      return callerAnswer('Older Answer', 4);
    });
    expect(await fillCallerFromServer(session, PHONE)).toBe('already_cached');
    expect(await readCustomerByPhone(store.db, PHONE)).toMatchObject({ displayName: 'From The Page', rev: 6 });
    expect(await store.db.interactions.count()).toBe(1);
  });

  it('keeps the agent\'s pending edits on top of the answer (a refetch after 409 cleared the cache)', async () => {
    const store = await openStore(uniqueUserId('caller'));
    await store.db.customers.put({ id: CALLER, rev: 3, displayName: 'Marta Caller', nameLower: 'marta caller', phones: [PHONE], emails: [], customerNumbers: [] });
    await updateCustomer(store, CALLER, { displayName: 'Marta Edited Offline' });
    await resetForRefetch({ db: store.db, userId: store.userId });
    // The cache holds only what the outbox rebuilt (no phone): the pop misses the caller.
    expect(await readCustomerByPhone(store.db, PHONE)).toBeUndefined();
    const { session } = sessionOf(store, async () => callerAnswer('Marta Caller', 4));

    expect(await fillCallerFromServer(session, PHONE)).toBe('written');
    expect(await readCustomerByPhone(store.db, PHONE)).toMatchObject({ id: CALLER, displayName: 'Marta Edited Offline', phones: [PHONE], rev: 4 });
    expect(await store.db.outbox.count()).toBe(1);
  });

  it('resolves without writing when the server cannot be reached, refuses, times out or knows nobody', async () => {
    const store = await openStore(uniqueUserId('caller'));
    await store.db.syncState.put(SNAPSHOT_ROW);
    const failures: Array<SyncTransport['callerPage']> = [
      async () => { throw new SyncHttpError('network', 'Backend unreachable: Failed to fetch'); },
      async () => { throw new SyncHttpError('bad_request', 'invalid_request: phone must be E.164', 400); },
      (_e164, signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
    ];
    for (const callerPage of failures) {
      const { session } = sessionOf(store, callerPage);
      expect(await fillCallerFromServer(session, PHONE, { timeoutMs: 20 })).toBe('failed');
    }
    const { session } = sessionOf(store, async () => snapshotBatch({ cursor: '57' }));
    expect(await fillCallerFromServer(session, PHONE)).toBe('not_found');
    expect(await store.db.customers.count()).toBe(0);
    expect(await store.db.syncState.get('snapshot')).toEqual(SNAPSHOT_ROW);
  });
});
