import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '@contract';
import { downloadSnapshot } from './snapshot';
import type { SyncStore } from './store';
import { updateCustomer } from './repositories';
import { parseSnapshotReply } from './snapshot-reply';
import { fakeTransport, snapshotBatch, storesClosedAfterEach, uniqueUserId } from './test-support';
import { uuidv7 } from './uuid7';
import type { SnapshotBatch } from './snapshot-reply';

// Stamped an hour ahead of this machine's clock: the local HLC must still move past them.
const AHEAD = Date.now() + 3_600_000;
const ids = Array.from({ length: 5 }, (_, index) => uuidv7(Date.UTC(2025, 0, 1) + index));

function customer(index: number) {
  return { id: ids[index]!, rev: 3, displayName: `Ánxela Núñez ${index}`, fieldTs: { displayName: formatHlc({ wallMs: AHEAD, counter: index, node: 'server' }) } };
}
function phone(index: number) {
  return { id: uuidv7(), rev: 1, customerId: ids[index]!, kind: 'phone', value: `+3460000000${index}`, label: 'mobile' };
}

/** Pages of two customers, each with a phone; every page carries its own cursor (only the first counts). */
function pages(): Map<string, SnapshotBatch> {
  const result = new Map<string, SnapshotBatch>();
  for (let start = 0, page = 0; start < ids.length; start += 2, page += 1) {
    const indexes = [start, start + 1].filter((index) => index < ids.length);
    const last = indexes[indexes.length - 1]!;
    result.set(start === 0 ? 'first' : ids[start - 1]!, snapshotBatch({
      cursor: String(40 + page), total: start === 0 ? ids.length : null, next: last === ids.length - 1 ? null : ids[last]!,
      rows: {
        customers: indexes.map(customer),
        identities: indexes.map(phone),
        interactions: indexes.map((index) => ({ id: uuidv7(), rev: 1, customerId: ids[index]!, channel: 'call', answeredAt: '2025-02-01T10:00:00.000Z' })),
      },
    }));
  }
  return result;
}

describe('downloadSnapshot', () => {
  let store: SyncStore | null = null;
  const openStore = storesClosedAfterEach();

  it('stores every page with derived index fields, then continues from the FIRST page\'s cursor', async () => {
    store = await openStore(uniqueUserId('snap'));
    const served = pages();
    const transport = fakeTransport({ snapshot: async (after) => served.get(after ?? 'first')! });
    const progress: Array<{ done: number; total: number | null }> = [];
    const done = await downloadSnapshot({ db: store.db, userId: store.userId }, transport, { limit: 2, onProgress: (p) => { progress.push(p); } });

    expect(done).toBe(5);
    expect(transport.calls).toEqual(['snapshot:first', `snapshot:${ids[1]}`, `snapshot:${ids[3]}`]);
    expect(progress).toEqual([{ done: 2, total: 5 }, { done: 4, total: 5 }, { done: 5, total: 5 }]);
    const stored = await store.db.customers.orderBy('id').toArray();
    expect(stored.map((row) => row.id)).toEqual(ids);
    expect(stored[2]).toMatchObject({ nameLower: 'anxela nunez 2', phones: ['+34600000002'], emails: [], customerNumbers: [], rev: 3 });
    expect((await store.db.customers.where('phones').equals('+34600000004').first())?.id).toBe(ids[4]);
    const interactions = await store.db.interactions.toArray();
    expect(interactions).toHaveLength(5);
    expect(interactions.every((row) => row.occurredAt === '2025-02-01T10:00:00.000Z')).toBe(true);
    const meta = await store.db.syncState.get('meta');
    expect(meta).toMatchObject({ cursor: '40', lastSyncAt: expect.any(String) });
    expect(await store.db.syncState.get('snapshot')).toBeUndefined();
    // The server's field stamps moved the local clock past them.
    const clock = await store.db.syncState.get('clock');
    expect(clock?.key === 'clock' ? clock.stamp : null).toEqual(expect.any(String));
    expect(clock?.key === 'clock' && clock.stamp! > formatHlc({ wallMs: AHEAD, counter: 4, node: 'server' })).toBe(true);
  });

  it('resumes an interrupted download after the last stored page, keeping the first cursor', async () => {
    store = await openStore(uniqueUserId('snap'));
    const served = pages();
    let failOnce = true;
    const transport = fakeTransport({
      snapshot: async (after) => {
        if (after === ids[3] && failOnce) {
          failOnce = false;
          throw new Error('connection reset');
        }
        return served.get(after ?? 'first')!;
      },
    });
    const target = { db: store.db, userId: store.userId };
    await expect(downloadSnapshot(target, transport, { limit: 2 })).rejects.toThrow('connection reset');
    expect(await store.db.customers.count()).toBe(4);
    expect(await store.db.syncState.get('snapshot')).toMatchObject({ cursor: '40', after: ids[3], done: 4 });
    expect((await store.db.syncState.get('meta'))).toMatchObject({ cursor: '0' });

    transport.calls.length = 0;
    expect(await downloadSnapshot(target, transport, { limit: 2 })).toBe(5);
    expect(transport.calls).toEqual([`snapshot:${ids[3]}`]);
    expect(await store.db.customers.count()).toBe(5);
    expect(await store.db.syncState.get('meta')).toMatchObject({ cursor: '40' });
  });

  it('keeps unsent local edits on top of the server rows it stores', async () => {
    store = await openStore(uniqueUserId('snap'));
    await store.db.customers.put({ id: ids[0]!, rev: 3, displayName: 'Old', nameLower: 'old', phones: [], emails: [], customerNumbers: [] });
    await updateCustomer(store, ids[0]!, { displayName: 'Edited Offline' });
    const served = pages();
    await downloadSnapshot({ db: store.db, userId: store.userId }, fakeTransport({ snapshot: async (after) => served.get(after ?? 'first')! }), { limit: 2 });
    expect(await store.db.customers.get(ids[0]!)).toMatchObject({ displayName: 'Edited Offline', nameLower: 'edited offline', phones: ['+34600000000'] });
    expect(await store.db.outbox.count()).toBe(1);
  });

  it('dead-letters a bad row of a reply and stores the rest', async () => {
    store = await openStore(uniqueUserId('snap'));
    const reply = parseSnapshotReply({
      cursor: '7', total: 2, next: null,
      customers: [customer(0), { id: ids[1], displayName: 'no revision' }],
      identities: [], consents: [], complaints: [], interactions: [], outcomeTags: [], queueItems: [],
    });
    await downloadSnapshot({ db: store.db, userId: store.userId }, fakeTransport({ snapshot: async () => reply }));
    expect(await store.db.customers.count()).toBe(1);
    const letters = await store.db.deadLetters.toArray();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ origin: 'pull', reason: 'invalid_reply', entity: 'customer' });
    expect(() => parseSnapshotReply({ cursor: 'x' })).toThrow(/Snapshot reply failed validation/);
  });
});
