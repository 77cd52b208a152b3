import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_WEIGHTS, type PriorityScore } from '@contract';
import { CentralitaDb, firstScoredQueueItems, queueItemsInStates, readQueueScores, saveQueueScores, type EntityRow, type SavedQueueScore } from '@features/sync';
import { buildQueue, firstPageAccept, firstPageOf, NO_FILTERS, type QueueFilters } from './model';
import { asLastKnown } from './saved-scores';

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

const STATES = ['open', 'claimed'];

async function firstPage(store: CentralitaDb, filters: QueueFilters, size: number) {
  const accept = firstPageAccept(me, filters, now);
  if (!accept) throw new Error('no first page for these filters');
  const page = await firstScoredQueueItems(store, STATES, size, accept);
  return firstPageOf(page.rows, { userId: me, now, complaintTypes: new Map(), pendingIds: new Set(['item-pending']), filters }, asLastKnown(page.scores), size);
}

async function fullOrder(store: CentralitaDb, filters: QueueFilters) {
  const all = await queueItemsInStates(store, STATES);
  const saved = await readQueueScores(store);
  const scores = saved ? asLastKnown(saved.scores) : new Map();
  return buildQueue({ rows: all, userId: me, now, scores, complaintTypes: new Map(), pendingIds: new Set(['item-pending']), filters }).entries;
}

/** The type and due filters the first page applies while reading. */
const FILTER_CASES = [
  { ...NO_FILTERS, kind: 'complaint_follow_up' as const },
  { ...NO_FILTERS, due: 'later' as const },
  { ...NO_FILTERS, kind: 'callback' as const, due: 'overdue' as const },
];

const priority = (score: number): PriorityScore => ({ score, factors: [{ factor: 'loyalty', input: 'gold', normalized: 1, weight: score, contribution: score }] });

/** Saves a score for every `every`-th row (any state: done items and others' claims too), with many ties. */
async function saveScores(store: CentralitaDb, items: readonly EntityRow[], every: number): Promise<number> {
  const scores = new Map<string, SavedQueueScore>();
  items.forEach((item, n) => {
    if (n % every === 0) scores.set(item.id, { priority: priority((n * 7) % 9 * 5), customerName: `Customer ${n}`, complaintTypeId: null });
  });
  await saveQueueScores(store, scores, DEFAULT_PRIORITY_WEIGHTS, '2026-03-10T11:00:00.000Z');
  return scores.size;
}

describe('the first page of the work queue, with no saved scores: read through the due-time index', () => {
  it('is exactly the first rows of the whole queue built without scores', async () => {
    const store = await openWith(rows(600));
    const full = await fullOrder(store, NO_FILTERS);
    expect(full.length).toBeGreaterThan(100);
    for (const size of [1, 12, 40]) expect(await firstPage(store, NO_FILTERS, size)).toEqual(full.slice(0, size));
  });

  it('stays a prefix under the type and due filters, which it applies while reading', async () => {
    const store = await openWith(rows(600));
    for (const filters of FILTER_CASES) {
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
    expect(firstPageAccept(me, { ...NO_FILTERS, complaintType: 'billing' }, now)).toBeNull();
    expect(firstPageAccept(me, { ...NO_FILTERS, complaintType: 'none' }, now)).toBeNull();
  });

  it('reads only what it needs: the index walks stop after the page', async () => {
    const store = await openWith(rows(600));
    const accept = firstPageAccept(me, NO_FILTERS, now)!;
    let seen = 0;
    await firstScoredQueueItems(store, STATES, 10, (row) => {
      seen += 1;
      return accept(row);
    });
    // Rows without a customer and others' claims are skipped: a few dozen looked at, not ~480.
    expect(seen).toBeGreaterThanOrEqual(20);
    expect(seen).toBeLessThan(60);
  });
});

describe('the first page of the work queue, read by the saved (last known) scores', () => {
  it('is exactly the first rows of the whole queue built with the same scores, ties included', async () => {
    const items = rows(600);
    const store = await openWith(items);
    expect(await saveScores(store, items, 2)).toBe(300);
    const full = await fullOrder(store, NO_FILTERS);
    // The order really is by score: the top rows are the highest saved scores, marked last known.
    expect(full[0]!.priority?.score).toBe(40);
    expect(full[0]!.lastKnown).toBe(true);
    expect(full.at(-1)!.priority).toBeNull();
    for (const size of [1, 12, 40]) expect(await firstPage(store, NO_FILTERS, size)).toEqual(full.slice(0, size));
  });

  it('stays a prefix under the type and due filters', async () => {
    const items = rows(600);
    const store = await openWith(items);
    await saveScores(store, items, 3);
    for (const filters of FILTER_CASES) {
      const full = await fullOrder(store, filters);
      expect(full.length).toBeGreaterThan(20);
      expect(await firstPage(store, filters, 20)).toEqual(full.slice(0, 20));
    }
  });

  it('continues with the unscored rows by due time when fewer saved scores than a page match', async () => {
    const items = rows(600);
    const store = await openWith(items);
    await saveScores(store, items, 40);
    const full = await fullOrder(store, NO_FILTERS);
    const page = await firstPage(store, NO_FILTERS, 40);
    expect(page.some((entry) => entry.priority === null)).toBe(true);
    expect(page).toEqual(full.slice(0, 40));
  });

  it('walks the score index only as far as the page and its ties', async () => {
    const items = rows(600);
    const store = await openWith(items);
    await saveScores(store, items, 1);
    const accept = firstPageAccept(me, NO_FILTERS, now)!;
    let seen = 0;
    await firstScoredQueueItems(store, STATES, 10, (row) => {
      seen += 1;
      return accept(row);
    });
    // Every row with the top score (600 / 9 share each score) is looked at, not all 600.
    expect(seen).toBeLessThan(200);
  });
});
