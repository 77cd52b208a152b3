import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { customerChildren, soonestQueueItems } from './queries';
import { withChildIndexes } from './customer-children';
import { storesClosedAfterEach, uniqueUserId } from './test-support';
import { uuidv7 } from './uuid7';
import type { CustomerRow, EntityRow } from './rows';

const ITEMS = 600;
const dueAt = (index: number) => new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();

describe('soonestQueueItems: the work queue\'s first page', () => {
  const openStore = storesClosedAfterEach();

  /** 600 open items due one minute apart; `mine` says which ones the agent's filters keep. */
  async function queue(mine: (index: number) => boolean) {
    const store = await openStore(uniqueUserId('soonest'));
    const items = Array.from({ length: ITEMS }, (_, index) => ({
      id: uuidv7(), rev: 1, state: 'open', dueAt: dueAt(index), assigneeId: mine(index) ? 'me' : 'other', position: index,
    }));
    // Stored out of due order: the index orders them.
    await store.db.queueItems.bulkPut([...items].reverse());
    await store.db.queueItems.put({ id: uuidv7(), rev: 1, state: 'claimed', dueAt: dueAt(0), assigneeId: 'me', position: -1 });
    const seen: number[] = [];
    const accept = (row: EntityRow) => {
      seen.push(Number(row.position));
      return row.assigneeId === 'me';
    };
    return { store, seen, accept };
  }

  it('walks only as far as the first page when most rows match', async () => {
    const { store, seen, accept } = await queue((index) => index % 3 !== 0);
    const rows = await soonestQueueItems(store.db, 'open', 10, accept, 50);
    expect(rows.map((row) => row.position)).toEqual([1, 2, 4, 5, 7, 8, 10, 11, 13, 14]);
    // Rows 0…14 in due order, no more.
    expect(seen).toEqual(Array.from({ length: 15 }, (_, index) => index));
  });

  it('stops walking after maxRejected turned-down rows and reads the state whole instead, with the same answer', async () => {
    // Only the last rows match: an unbounded walk would step through all 600.
    const { store, seen, accept } = await queue((index) => index >= 590);
    const rows = await soonestQueueItems(store.db, 'open', 5, accept, 50);
    expect(rows.map((row) => row.position)).toEqual([590, 591, 592, 593, 594]);
    // The walk saw rows 0…49 (50 rejections), then the whole-range read judged every open row once.
    expect(seen.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, index) => index));
    expect(seen.slice(50)).toEqual(Array.from({ length: ITEMS }, (_, index) => index));
  });

  it('returns fewer than a page when fewer match, never items of another state', async () => {
    const { store, accept } = await queue((index) => index === 7 || index === 400);
    expect((await soonestQueueItems(store.db, 'open', 10, accept, 50)).map((row) => row.position)).toEqual([7, 400]);
    expect((await soonestQueueItems(store.db, 'open', 10, accept)).map((row) => row.position)).toEqual([7, 400]);
    expect((await soonestQueueItems(store.db, 'claimed', 10, accept, 50)).map((row) => row.position)).toEqual([-1]);
  });
});

describe('customerChildren', () => {
  const openStore = storesClosedAfterEach();

  it('gives identities and consents from one row, whole', async () => {
    const store = await openStore(uniqueUserId('children-read'));
    const customerId = uuidv7();
    const phone = { id: uuidv7(), rev: 1, customerId, kind: 'phone', value: '+34600111222', label: 'mobile' };
    const sms = { id: uuidv7(), rev: 2, customerId, channel: 'sms', status: 'granted', source: 'web' };
    await store.db.customers.put(withChildIndexes({
      id: customerId, rev: 1, displayName: 'Olga', nameLower: 'olga', phones: [], emails: [], customerNumbers: [], identities: [phone], consents: [sms],
    } as CustomerRow));
    expect(await customerChildren(store.db, customerId)).toEqual({ identities: [phone], consents: [sms] });
    expect(await customerChildren(store.db, uuidv7())).toEqual({ identities: [], consents: [] });
  });
});
