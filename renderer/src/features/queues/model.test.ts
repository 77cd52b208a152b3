import { describe, expect, it } from 'vitest';
import { priorityScore } from '@contract';
import { buildQueue, dueStateOf, NO_FILTERS, type BuildQueueInput, type ServerScore } from './model';

const now = new Date('2026-03-10T12:00:00');
const me = 'agent-1';

function score(openComplaints: number): ServerScore {
  return {
    priority: priorityScore({
      loyaltyLevel: 'none', lifetimeValue: 0, latestNps: null, influencer: false, influencerReach: null,
      openComplaints, slaOverdueHours: 0, recentEmotion: null,
    }),
    customerName: `Customer ${openComplaints}`,
    complaintTypeId: null,
  };
}

function input(rows: Record<string, unknown>[], overrides: Partial<BuildQueueInput> = {}): BuildQueueInput {
  return { rows, userId: me, now, scores: new Map(), complaintTypes: new Map(), pendingIds: new Set(), filters: NO_FILTERS, ...overrides };
}

const item = (id: string, fields: Record<string, unknown>) => ({
  id, rev: 1, kind: 'callback', customerId: `c-${id}`, complaintId: null, state: 'open', assigneeId: null, dueAt: '2026-03-11T09:00:00.000Z', note: '', ...fields,
});

describe('dueStateOf', () => {
  it('tells overdue, due later today and later apart in local time', () => {
    expect(dueStateOf(new Date('2026-03-10T11:59:00').toISOString(), now)).toBe('overdue');
    expect(dueStateOf(new Date('2026-03-10T23:30:00').toISOString(), now)).toBe('due_today');
    expect(dueStateOf(new Date('2026-03-11T00:30:00').toISOString(), now)).toBe('later');
    expect(dueStateOf('not a date', now)).toBe('overdue');
  });
});

describe('buildQueue', () => {
  it("keeps the agent's own claims and the team's unassigned items, not other agents' claims or closed items", () => {
    const built = buildQueue(input([
      item('a', {}),
      item('b', { state: 'claimed', assigneeId: me }),
      item('c', { state: 'claimed', assigneeId: 'agent-2' }),
      item('d', { state: 'claimed', assigneeId: null, claimRejected: true }),
      item('e', { state: 'done', assigneeId: me }),
    ]));
    expect(built.entries.map((entry) => [entry.id, entry.ownership])).toEqual([['a', 'unassigned'], ['b', 'mine']].sort());
    expect(built.total).toBe(2);
    expect(built.mine).toBe(1);
  });

  it('orders by the server score (highest first), unscored last, then by due time', () => {
    const scores = new Map([['low', score(1)], ['high', score(3)]]);
    const built = buildQueue(input([
      item('unscored-early', { dueAt: '2026-03-09T00:00:00.000Z' }),
      item('low', { dueAt: '2026-03-09T00:00:00.000Z' }),
      item('high', { dueAt: '2026-03-20T00:00:00.000Z' }),
      item('unscored-late', { dueAt: '2026-03-12T00:00:00.000Z' }),
    ], { scores }));
    expect(built.entries.map((entry) => entry.id)).toEqual(['high', 'low', 'unscored-early', 'unscored-late']);
    expect(built.entries[0]!.priority?.score).toBe(15);
    expect(built.entries[0]!.customerName).toBe('Customer 3');
  });

  it('breaks ties of score and due time by id in code-unit order, as PostgreSQL orders uuids', () => {
    const due = '2026-03-09T00:00:00.000Z';
    const ids = ['0195f0a0-0000-7000-8000-00000000000b', '0195f0a0-0000-7000-8000-0000000000a0', '0195f0a0-0000-7000-8000-000000000009'];
    const built = buildQueue(input(ids.map((id) => item(id, { dueAt: due }))));
    expect(built.entries.map((entry) => entry.id)).toEqual([...ids].sort());
  });

  it('filters by type, due state and complaint type (from the cached complaint), and counts before filtering', () => {
    const rows = [
      item('cb', { dueAt: new Date('2026-03-10T08:00:00').toISOString() }),
      item('fu', { kind: 'complaint_follow_up', complaintId: 'k1' }),
      item('fu2', { kind: 'complaint_follow_up', complaintId: 'k2' }),
    ];
    const complaintTypes = new Map([['k1', 'billing_error'], ['k2', 'lost_parcel']]);
    const byKind = buildQueue(input(rows, { complaintTypes, filters: { ...NO_FILTERS, kind: 'complaint_follow_up' } }));
    expect(byKind.entries.map((entry) => entry.id)).toEqual(['fu', 'fu2']);
    expect(byKind.total).toBe(3);
    expect(byKind.overdue).toBe(1);
    expect(byKind.complaintTypes).toEqual(['billing_error', 'lost_parcel']);
    expect(buildQueue(input(rows, { complaintTypes, filters: { ...NO_FILTERS, due: 'overdue' } })).entries.map((entry) => entry.id)).toEqual(['cb']);
    expect(buildQueue(input(rows, { complaintTypes, filters: { ...NO_FILTERS, complaintType: 'lost_parcel' } })).entries.map((entry) => entry.id)).toEqual(['fu2']);
    expect(buildQueue(input(rows, { complaintTypes, filters: { ...NO_FILTERS, complaintType: 'none' } })).entries.map((entry) => entry.id)).toEqual(['cb']);
  });

  it('marks items with changes still waiting for the server', () => {
    const built = buildQueue(input([item('a', { state: 'claimed', assigneeId: me })], { pendingIds: new Set(['a']) }));
    expect(built.entries[0]!.pending).toBe(true);
  });
});
