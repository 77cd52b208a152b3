import { describe, expect, it } from 'vitest';
import { priorityInputsFromRecords, priorityScore } from './priority';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

describe('priorityInputsFromRecords (the queue SQL inputs, from the card cache)', () => {
  it('derives the same inputs the queue read gathers', () => {
    const inputs = priorityInputsFromRecords({
      customer: { loyaltyLevel: 'gold', clv: 999, influencer: true, influencerReach: 10_000 },
      complaints: [
        { status: 'open', slaDueAt: hoursAgo(36) },
        { status: 'in_progress', slaDueAt: hoursAgo(-5) },
        { status: 'resolved', slaDueAt: hoursAgo(200) },
      ],
      interactions: [
        { nps: 7, endedAt: hoursAgo(100) },
        { nps: 2, endedAt: hoursAgo(50) },
        { emotionEnd: { emotion: 'angry', intensity: 3 }, endedAt: hoursAgo(2) },
        { emotionEnd: { emotion: 'calm', intensity: 1 }, endedAt: hoursAgo(30) },
        { emotionEnd: { emotion: 'satisfied', intensity: 1 }, endedAt: hoursAgo(24 * 40) },
      ],
    }, NOW);
    expect(inputs).toEqual({
      loyaltyLevel: 'gold', lifetimeValue: 999, latestNps: 2, influencer: true, influencerReach: 10_000,
      openComplaints: 2, slaOverdueHours: 36, recentEmotion: { emotion: 'angry', intensity: 3 },
    });
    // The same figures as the documented hand-computed example in server/src/queues/priority.test.ts.
    expect(priorityScore(inputs).score).toBe(70.5);
  });

  it('ignores emotions older than 30 days and reads a customer with nothing as zero', () => {
    const inputs = priorityInputsFromRecords({
      customer: {},
      complaints: [],
      interactions: [{ emotionEnd: { emotion: 'angry', intensity: 3 }, createdAt: hoursAgo(24 * 31) }],
    }, NOW);
    expect(inputs.recentEmotion).toBeNull();
    expect(inputs.loyaltyLevel).toBeNull();
    expect(priorityScore(inputs).score).toBe(0);
  });
});
