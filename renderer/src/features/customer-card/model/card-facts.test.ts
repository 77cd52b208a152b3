import { describe, expect, it } from 'vitest';
import { ageInDays, emotionTrend, recentHandover, slaState, splitMinutes, surveyHistory } from './card-facts';
import { callKey, pickFocusLine, type LineView } from './active-call';

const NOW = new Date('2026-06-15T12:00:00.000Z');

describe('SLA state', () => {
  it('counts down before the due time and counts up after it', () => {
    expect(slaState('2026-06-15T14:30:00.000Z', NOW)).toEqual({ kind: 'due', dueAt: '2026-06-15T14:30:00.000Z', minutesLeft: 150 });
    expect(slaState('2026-06-14T12:00:00.000Z', NOW)).toEqual({ kind: 'overdue', dueAt: '2026-06-14T12:00:00.000Z', minutesOverdue: 1440 });
    expect(slaState(null, NOW)).toEqual({ kind: 'none' });
    expect(splitMinutes(1530)).toEqual({ days: 1, hours: 1, minutes: 30 });
    expect(ageInDays('2026-06-12T13:00:00.000Z', NOW)).toBe(2);
  });
});

describe('emotion trend and surveys', () => {
  const newestFirst = [
    { id: 'c', occurredAt: '2026-06-14T10:00:00Z', emotionEnd: { emotion: 'angry', intensity: 3 }, nps: 1 },
    { id: 'b', occurredAt: '2026-06-10T10:00:00Z', emotionStart: { emotion: 'anxious', intensity: 2 }, emotionEnd: null, csat: 2, endedAt: '2026-06-10T10:05:00Z' },
    { id: 'x', occurredAt: '2026-06-09T10:00:00Z' },
    { id: 'a', occurredAt: '2026-06-01T10:00:00Z', emotionEnd: { emotion: 'satisfied', intensity: 1 }, emotionStart: { emotion: 'angry', intensity: 1 } },
  ];

  it('plots end emotions (start when no end) oldest to newest, skipping interactions without one', () => {
    expect(emotionTrend(newestFirst).map((point) => `${point.interactionId}:${point.emotion}${point.intensity}`)).toEqual(['a:satisfied1', 'b:anxious2', 'c:angry3']);
    expect(emotionTrend(newestFirst, 2).map((point) => point.interactionId)).toEqual(['b', 'c']);
  });

  it('lists NPS and CSAT answers newest first', () => {
    expect(surveyHistory(newestFirst)).toEqual([
      { kind: 'nps', score: 1, at: '2026-06-14T10:00:00Z' },
      { kind: 'csat', score: 2, at: '2026-06-10T10:05:00Z' },
    ]);
  });
});

describe('which call the card follows', () => {
  const line = (id: 0 | 1, status: LineView['status'], startedAt: number, remoteNumber: string | null = '600111222'): LineView => ({
    id, status, direction: 'inbound', remoteNumber, remoteName: null, startedAt, connectedAt: null, endedAt: null,
  });

  it('prefers the talking line, then a ringing one, then a held one, then the call that just ended', () => {
    expect(pickFocusLine([line(0, 'held', 1), line(1, 'connected', 2)])?.id).toBe(1);
    expect(pickFocusLine([line(0, 'connected', 1), line(1, 'ringing', 2)])?.id).toBe(0);
    expect(pickFocusLine([line(0, 'ended', 5), line(1, 'ringing', 2)])?.id).toBe(1);
    expect(pickFocusLine([line(0, 'ended', 1), line(1, 'ended', 2)])?.id).toBe(1);
    expect(pickFocusLine([line(0, 'idle', 1), line(1, 'ringing', 2, null)])).toBeNull();
    // An attended transfer's consultation call goes to a colleague, not a customer.
    expect(pickFocusLine([line(0, 'held', 1), { ...line(1, 'connected', 2, '1002'), consultFor: 0 }])?.id).toBe(0);
  });

  it('tells two calls on the same line apart', () => {
    expect(callKey(line(0, 'ringing', 1000))).not.toBe(callKey(line(0, 'ringing', 2000)));
  });
});

describe('handover from a transfer', () => {
  it('shows the newest interaction when it is a recent transfer, nothing otherwise', () => {
    const transfer = { id: 't', occurredAt: '2026-06-15T11:40:00Z', endedAt: '2026-06-15T11:50:00Z', transferTarget: '1002', notes: 'refund promised' };
    expect(recentHandover([transfer, { id: 'old' }], NOW)).toBe(transfer);
    expect(recentHandover([{ ...transfer, transferTarget: null, disposition: 'transferred' }], NOW)?.id).toBe('t');
    expect(recentHandover([{ ...transfer, endedAt: '2026-06-15T10:00:00Z' }], NOW)).toBeNull();
    expect(recentHandover([{ ...transfer, transferTarget: null }], NOW)).toBeNull();
    expect(recentHandover([], NOW)).toBeNull();
  });
});
