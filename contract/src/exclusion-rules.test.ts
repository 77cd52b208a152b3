import { describe, expect, it } from 'vitest';
import {
  callFrequencyThreshold, complaintCallCounts, DEFAULT_EXCLUSION_THRESHOLD_VALUES, evaluateExclusions, type ExclusionRecords,
} from './exclusion-rules';
import { CALL_FREQUENCY_EXPECTED, POPULATION_NOW, populationRecords } from './exclusion-rules.fixtures';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
const daysAgo = (days: number) => hoursAgo(days * 24);

const quiet: ExclusionRecords = { customer: { influencer: false }, complaints: [], interactions: [], consents: [{ channel: 'email', status: 'granted' }] };

describe('evaluateExclusions (the backend exclusion rules over one customer)', () => {
  it('finds nothing for a customer with no complaint, no negative emotion and no revocation', () => {
    expect(evaluateExclusions(quiet, NOW)).toEqual([]);
  });

  it('an angry customer with an open, overdue complaint is excluded for every matching reason, in the server order', () => {
    const findings = evaluateExclusions({
      customer: { influencer: true, influencerReach: 50_000 },
      complaints: [
        { id: 'c1', status: 'open', typeId: 'refund', slaDueAt: hoursAgo(10) },
        { id: 'c2', status: 'resolved', typeId: 'billing_error', slaDueAt: hoursAgo(100) },
      ],
      interactions: [{ id: 'i1', channel: 'call', queuedAt: daysAgo(2), emotionStart: { emotion: 'calm', intensity: 1 }, emotionEnd: { emotion: 'angry', intensity: 3 } }],
      consents: [{ channel: 'sms', status: 'revoked' }, { channel: 'email', status: 'revoked' }, { channel: 'phone', status: 'granted' }],
    }, NOW);
    expect(findings).toEqual([
      { code: 'open_complaint', detail: { count: 1, types: ['refund'] } },
      { code: 'sla_breached', detail: { dueAt: hoursAgo(10), hoursOverdue: 10 } },
      { code: 'negative_emotion', detail: { emotion: 'angry', at: daysAgo(2) } },
      { code: 'influencer_open_complaint', detail: { reach: 50_000 } },
      { code: 'consent_revoked', detail: { channels: ['email', 'sms'] } },
    ]);
  });

  it('a negative emotion counts only inside the window; a start emotion counts when the end is not negative', () => {
    const old = evaluateExclusions({ ...quiet, interactions: [{ id: 'i1', queuedAt: daysAgo(15), emotionEnd: { emotion: 'angry', intensity: 2 } }] }, NOW);
    expect(old).toEqual([]);
    const startOnly = evaluateExclusions({ ...quiet, interactions: [{ id: 'i1', createdAt: daysAgo(1), emotionStart: { emotion: 'frustrated', intensity: 1 }, emotionEnd: { emotion: 'calm', intensity: 1 } }] }, NOW);
    expect(startOnly).toEqual([{ code: 'negative_emotion', detail: { emotion: 'frustrated', at: daysAgo(1) } }]);
    const narrower = evaluateExclusions({ ...quiet, interactions: [{ id: 'i1', queuedAt: daysAgo(5), emotionEnd: { emotion: 'angry', intensity: 2 } }] }, NOW, {
      thresholds: { negativeEmotionDays: 3, callWindowDays: 7, callFrequencyK: 2, minCalls: 3 },
    });
    expect(narrower).toEqual([]);
  });

  it('flags unusual call frequency from linked calls in the window, against minCalls and the server threshold when known', () => {
    const calls = (count: number, days: number) => Array.from({ length: count }, (_, index) => ({ id: `call-${days}-${index}`, channel: 'call', queuedAt: daysAgo(days), complaintId: 'c1' }));
    const records: ExclusionRecords = {
      ...quiet,
      complaints: [{ id: 'c1', status: 'resolved', typeId: 'refund', interactionIds: ['email-1'] }],
      interactions: [...calls(3, 1), ...calls(5, 9), { id: 'email-1', channel: 'email', queuedAt: daysAgo(1) }],
    };
    expect(evaluateExclusions(records, NOW)).toEqual([
      { code: 'unusual_call_frequency', detail: { complaintId: 'c1', calls: 3, threshold: null, windowDays: 7 } },
    ]);
    expect(evaluateExclusions(records, NOW, { callFrequencyThreshold: 3.5 })).toEqual([]);
    expect(evaluateExclusions({ ...records, interactions: calls(2, 1) }, NOW)).toEqual([]);
  });
});

describe('call-frequency population (the fixture the server SQL is tested with too)', () => {
  const records = populationRecords();
  const everyone = [...records.values()];
  const counts = complaintCallCounts(everyone.flatMap((record) => record.complaints), everyone.flatMap((record) => record.interactions), POPULATION_NOW);

  it('counts calls per complaint in the window, by complaintId or link list; chats and older calls stay out', () => {
    expect(counts.get('caller-c')).toBe(8);
    expect(counts.get('repeat-c')).toBe(3);
    expect(counts.get('single1-c')).toBe(1);
    expect(counts.has('lapsed-c')).toBe(false);
    expect(counts.has('chatty-c')).toBe(false);
    expect(counts.size).toBe(10);
  });

  it('the threshold is mean + k·population sd; only the customer above it (and ≥ minCalls) is unusual', () => {
    const threshold = callFrequencyThreshold(counts.values(), DEFAULT_EXCLUSION_THRESHOLD_VALUES.callFrequencyK);
    expect(Math.round(threshold! * 100) / 100).toBe(CALL_FREQUENCY_EXPECTED.threshold);
    for (const [customer, record] of records) {
      const finding = evaluateExclusions(record, POPULATION_NOW, { callFrequencyThreshold: threshold }).find((item) => item.code === 'unusual_call_frequency');
      const expected = CALL_FREQUENCY_EXPECTED.unusual[customer];
      expect(finding?.detail ?? null, customer).toEqual(expected ? { complaintId: expected.complaint, calls: expected.calls, threshold: CALL_FREQUENCY_EXPECTED.threshold, windowDays: 7 } : null);
    }
    // Without the population threshold, minCalls alone would also flag `repeat` (what the card did offline).
    expect(evaluateExclusions(records.get('repeat')!, POPULATION_NOW).map((item) => item.code)).toEqual(['unusual_call_frequency']);
  });

  it('no population → no threshold', () => {
    expect(callFrequencyThreshold([], 2)).toBeNull();
    expect(callFrequencyThreshold([4], 2)).toBe(4);
  });
});
