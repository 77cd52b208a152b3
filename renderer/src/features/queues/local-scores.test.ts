import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_WEIGHTS, priorityInputsFromRecords, priorityScore } from '@contract';
import { buildQueue, NO_FILTERS } from './model';
import { estimateScores, type CachedRecords } from './local-scores';

const now = new Date('2026-03-10T12:00:00.000Z');

const records: CachedRecords = {
  customers: new Map<string, Record<string, unknown>>([
    ['vip', { id: 'vip', displayName: 'Ada VIP', loyaltyLevel: 'platinum', clv: 40_000, influencer: true, influencerReach: 200_000 }],
    ['angry', { id: 'angry', displayName: 'Bo Angry', loyaltyLevel: 'none', clv: 0, influencer: false }],
    ['plain', { id: 'plain', displayName: 'Cy Plain', loyaltyLevel: 'bronze', clv: 10, influencer: false }],
  ]),
  complaintsByCustomer: new Map([
    ['angry', [{ id: 'k1', customerId: 'angry', status: 'open', slaDueAt: '2026-03-08T12:00:00.000Z' }, { id: 'k2', customerId: 'angry', status: 'resolved', slaDueAt: '2026-03-01T00:00:00.000Z' }]],
  ]),
  interactionsByCustomer: new Map([
    ['angry', [{ id: 'i1', customerId: 'angry', endedAt: '2026-03-09T10:00:00.000Z', emotionEnd: { emotion: 'angry', intensity: 3 }, nps: 2 }]],
  ]),
};

const item = (id: string, customerId: string) => ({ id, rev: 1, kind: 'callback', customerId, state: 'open', assigneeId: null, dueAt: '2026-03-11T09:00:00.000Z', note: '', complaintId: null });

describe('estimateScores', () => {
  it('is the contract formula over the cached records, marked as an estimate', () => {
    const scores = estimateScores([item('a', 'angry')], records, DEFAULT_PRIORITY_WEIGHTS, now);
    const expected = priorityScore(priorityInputsFromRecords({
      customer: records.customers.get('angry')!, complaints: records.complaintsByCustomer.get('angry')!, interactions: records.interactionsByCustomer.get('angry')!,
    }, now));
    expect(scores.get('a')).toEqual({ priority: expected, customerName: 'Bo Angry', complaintTypeId: null, estimated: true });
    // One open complaint 48 h past its SLA, angry (3) yesterday, NPS 2.
    const factors = Object.fromEntries(expected.factors.map((factor) => [factor.factor, factor.contribution]));
    expect(factors).toMatchObject({ openComplaints: 5, slaOverdue: 13.33, recentEmotion: 15, nps: 8 });
  });

  it('orders the queue by the estimate, and leaves items of uncached customers unscored (last)', () => {
    const rows = [item('p', 'plain'), item('v', 'vip'), item('x', 'not-cached'), item('a', 'angry')];
    const scores = estimateScores(rows, records, DEFAULT_PRIORITY_WEIGHTS, now);
    expect(scores.has('x')).toBe(false);
    const queue = buildQueue({ rows, userId: 'me', now, scores, complaintTypes: new Map(), pendingIds: new Set(), filters: NO_FILTERS });
    expect(queue.entries.map((entry) => entry.id)).toEqual(['a', 'v', 'p', 'x']);
    expect(queue.entries.map((entry) => entry.estimated)).toEqual([true, true, true, false]);
    expect(queue.entries[1]!.customerName).toBe('Ada VIP');
  });

  it('uses the weights the server last sent', () => {
    const weights = { ...DEFAULT_PRIORITY_WEIGHTS, loyalty: 100 };
    expect(estimateScores([item('v', 'vip')], records, weights, now).get('v')!.priority.score)
      .toBeGreaterThan(estimateScores([item('v', 'vip')], records, DEFAULT_PRIORITY_WEIGHTS, now).get('v')!.priority.score);
  });
});
