import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralitaDb, queueItemsInStates, soonestQueueItems, type EntityRow } from '@features/sync';
import { buildQueue, firstPageOf, firstPageReads, NO_FILTERS, type QueueFilters } from './model';

const me = 'agent-1';
const now = new Date('2026-03-10T12:00:00');
let db: CentralitaDb | null = null;

afterEach(async () => {
  db?.close();
  if (db) await db.delete();
  db = null;
});

/** A deterministic mixed queue: both states, other agents' claims, shared due times, odd rows. */
function rows(count: number): EntityRow[] {
  let seed = 7;
  const next = () => (seed = (seed * 48_271) % 2_147_483_647);
  return Array.from({ length: count }, (_, n) => {
    const roll = next() % 10;
    const state = roll < 5 ? 'open' : roll < 8 ? 'claimed' : 'done';
    const hours = (next() % 96) - 48;
    return {
      id: `item-${String(next() % 100_000).padStart(5, '0')}-${n}`,
      rev: 1,
      kind: next() % 3 === 0 ? 'complaint_follow_up' : 'callback',
      // Every fifth row has no customer: buildQueue drops it, so the first page must too.
      customerId: n % 5 === 4 ? null : `c-${n % 40}`,
      complaintId: null,
      state,
      assigneeId: state === 'claimed' ? (next() % 2 === 0 ? me : 'agent-2') : null,
      // Many items share a due time, so ties are broken by id as in the server's order.
      dueAt: new Date(now.getTime() + Math.trunc(hours / 4) * 4 * 3_600_000).toISOString(),
      note: '',
    };
  });
}

async function openWith(items: EntityRow[]): Promise<CentralitaDb> {
  db = new CentralitaDb(`queues-first-page-${Math.random().toString(36).slice(2)}`);
  await db.queueItems.bulkPut(items);
  return db;
}

async function firstPage(store: CentralitaDb, filters: QueueFilters, size: number) {
  const reads = firstPageReads(me, filters, now);
  if (!reads) throw new Error('no first page for these filters');
  const perRead = await Promise.all(reads.map((read) => soonestQueueItems(store, read.state, size, read.accept)));
  return firstPageOf(perRead, { userId: me, now, complaintTypes: new Map(), pendingIds: new Set(['item-pending']), filters }, size);
}

async function fullOrder(store: CentralitaDb, filters: QueueFilters) {
  const all = await queueItemsInStates(store, ['open', 'claimed']);
  return buildQueue({ rows: all, userId: me, now, scores: new Map(), complaintTypes: new Map(), pendingIds: new Set(['item-pending']), filters }).entries;
}

describe('the first page of the work queue, read through the due-time index', () => {
  it('is exactly the first rows of the whole queue built without scores', async () => {
    const store = await openWith(rows(600));
    const full = await fullOrder(store, NO_FILTERS);
    expect(full.length).toBeGreaterThan(100);
    for (const size of [1, 12, 40]) expect(await firstPage(store, NO_FILTERS, size)).toEqual(full.slice(0, size));
  });

  it('stays a prefix under the type and due filters, which it applies while reading', async () => {
    const store = await openWith(rows(600));
    for (const filters of [
      { ...NO_FILTERS, kind: 'complaint_follow_up' as const },
      { ...NO_FILTERS, due: 'later' as const },
      { ...NO_FILTERS, kind: 'callback' as const, due: 'overdue' as const },
    ]) {
      const full = await fullOrder(store, filters);
      expect(full.length).toBeGreaterThan(20);
      expect(await firstPage(store, filters, 20)).toEqual(full.slice(0, 20));
    }
  });

  it('is the whole queue when the queue is shorter than a page', async () => {
    const store = await openWith(rows(30));
    const full = await fullOrder(store, NO_FILTERS);
    expect(await firstPage(store, NO_FILTERS, 40)).toEqual(full);
  });

  it('is not used with a complaint-type filter: the rows do not carry the type', () => {
    expect(firstPageReads(me, { ...NO_FILTERS, complaintType: 'billing' }, now)).toBeNull();
    expect(firstPageReads(me, { ...NO_FILTERS, complaintType: 'none' }, now)).toBeNull();
  });

  it('reads only what it needs: the index walk stops after the page', async () => {
    const store = await openWith(rows(600));
    const [open] = firstPageReads(me, NO_FILTERS, now)!;
    let seen = 0;
    await soonestQueueItems(store, 'open', 10, (row) => {
      seen += 1;
      return open!.accept(row);
    });
    // Open rows without a customer are skipped, so a few more than 10 are looked at, not ~300.
    expect(seen).toBeGreaterThanOrEqual(10);
    expect(seen).toBeLessThan(20);
  });
});
