import { describe, expect, it } from 'vitest';
import type { PriorityScore } from '@contract';
import type { SavedQueueScore } from '@features/sync';
import { buildQueue, NO_FILTERS, type ServerScore } from './model';
import { asLastKnown } from './saved-scores';

const me = 'agent-1';
const now = new Date('2026-03-10T12:00:00');
const priority = (score: number): PriorityScore => ({ score, factors: [{ factor: 'loyalty', input: 'gold', normalized: 1, weight: 20, contribution: score }] });

const items = Array.from({ length: 300 }, (_, n) => ({
  id: `item-${String(n).padStart(3, '0')}`,
  rev: 1,
  kind: 'callback',
  customerId: `c-${n % 50}`,
  state: n % 4 === 0 ? 'claimed' : 'open',
  assigneeId: n % 4 === 0 ? me : null,
  dueAt: new Date(now.getTime() + ((n * 37) % 100 - 50) * 3_600_000).toISOString(),
  complaintId: null,
  note: '',
}));

/** The server's read: scores with many ties (items of one customer share theirs). */
function serverRead(change: ReadonlyMap<string, number> = new Map()): Map<string, ServerScore> {
  return new Map(items.map((item, n) => [item.id, { priority: priority(change.get(item.id) ?? ((n % 50) * 13) % 60), customerName: `Customer ${n % 50}`, complaintTypeId: null }]));
}

const orderWith = (scores: ReadonlyMap<string, ServerScore>) =>
  buildQueue({ rows: items, userId: me, now, scores, complaintTypes: new Map(), pendingIds: new Set(), filters: NO_FILTERS }).entries;

describe('the queue ordered by the last known scores', () => {
  it('marks every saved score as last known, and the rows and badges with it', () => {
    const saved: Map<string, SavedQueueScore> = serverRead();
    const entries = orderWith(asLastKnown(saved));
    expect(entries.every((entry) => entry.lastKnown && !entry.estimated && entry.priority !== null)).toBe(true);
    expect(orderWith(serverRead()).some((entry) => entry.lastKnown)).toBe(false);
    // The saved map itself is left as it was.
    expect([...saved.values()].some((score) => 'lastKnown' in score)).toBe(false);
  });

  it('is the live order when no score changed: nothing moves when the live read lands', () => {
    const before = orderWith(asLastKnown(serverRead())).map((entry) => entry.id);
    const after = orderWith(serverRead()).map((entry) => entry.id);
    expect(after).toEqual(before);
  });

  it('when the live read lands only the items whose score changed move; the others keep their order', () => {
    const changed = new Map([['item-007', 99], ['item-120', 0], ['item-250', 31.5]]);
    const before = orderWith(asLastKnown(serverRead())).map((entry) => entry.id);
    const after = orderWith(serverRead(changed)).map((entry) => entry.id);
    expect(after).not.toEqual(before);
    expect(after[0]).toBe('item-007');
    const unchanged = (ids: string[]) => ids.filter((id) => !changed.has(id));
    expect(unchanged(after)).toEqual(unchanged(before));
  });
});
