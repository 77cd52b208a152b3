import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadOlderInteractions } from './history';
import { customerTimeline } from './queries';
import type { SyncStore } from './store';
import { fakeTransport, storesClosedAfterEach, uniqueUserId } from './test-support';
import { uuidv7 } from './uuid7';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe('loadOlderInteractions (history past the snapshot window)', () => {
  let store: SyncStore | null = null;
  const openStore = storesClosedAfterEach();

  it('starts below the oldest call inside the 90-day window, stores older pages, and continues from `next`', async () => {
    store = await openStore(uniqueUserId('history'));
    const customerId = uuidv7();
    const recent = { id: uuidv7(), rev: 1, customerId, occurredAt: daysAgo(80), answeredAt: daysAgo(80) };
    // Pulled because it changed lately: old, but not a resume point (the calls between are missing).
    const heldOld = { id: uuidv7(), rev: 5, customerId, occurredAt: daysAgo(700), answeredAt: daysAgo(700), notes: 'edited lately' };
    await store.db.interactions.bulkPut([recent, heldOld]);
    const older = [150, 300, 700].map((days) => ({ id: days === 700 ? heldOld.id : uuidv7(), rev: days === 700 ? 2 : 1, customerId, answeredAt: daysAgo(days), occurredAt: daysAgo(days), notes: `server ${days}` }));
    const transport = fakeTransport({
      history: async (_customer, before) => {
        if (before?.beforeId === recent.id) return { interactions: older.slice(0, 2), outcomeTags: [], next: { before: older[1]!.occurredAt, beforeId: older[1]!.id } };
        if (before?.beforeId === older[1]!.id) return { interactions: older.slice(2), outcomeTags: [], next: null };
        throw new Error(`unexpected resume point ${JSON.stringify(before)}`);
      },
    });

    const first = await loadOlderInteractions(store.db, transport, customerId);
    expect(first).toEqual({ loaded: 2, next: { before: older[1]!.occurredAt, beforeId: older[1]!.id } });
    const second = await loadOlderInteractions(store.db, transport, customerId, first.next);
    expect(second).toEqual({ loaded: 1, next: null });
    expect(transport.calls).toEqual([`history:${customerId}:${recent.id}`, `history:${customerId}:${older[1]!.id}`]);

    const timeline = await customerTimeline(store.db, customerId);
    expect(timeline.map((row) => row.id)).toEqual([recent.id, older[0]!.id, older[1]!.id, heldOld.id]);
    // The newer revision already held is not replaced by the older one the history page carried.
    expect(await store.db.interactions.get(heldOld.id)).toMatchObject({ rev: 5, notes: 'edited lately' });
  });
});
