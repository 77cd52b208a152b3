import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_WEIGHTS, type PriorityInputs, parsePriorityWeights, priorityScore } from './priority';

const quiet: PriorityInputs = {
  loyaltyLevel: 'none', lifetimeValue: 0, latestNps: null, influencer: false, influencerReach: null,
  openComplaints: 0, slaOverdueHours: 0, recentEmotion: null,
};

describe('priorityScore', () => {
  it('is zero for a customer with nothing to prioritise', () => {
    const result = priorityScore(quiet);
    expect(result.score).toBe(0);
    expect(result.factors.every((f) => f.contribution === 0)).toBe(true);
  });

  it('computes each factor by the documented formula', () => {
    // Hand-computed: loyalty gold .75×15 = 11.25; CLV 999 → log10(1000)/log10(50001) = 3/4.69898 = .63844×15 = 9.58;
    // NPS 2 → .8×10 = 8; influencer reach 10 000 → 4/6 ×10 = 6.67; 2 open complaints → 2/3 ×15 = 10;
    // 36 h overdue → .5×20 = 10; angry (3) → 1×15 = 15. Total 70.49… → 70.5.
    const result = priorityScore({
      loyaltyLevel: 'gold', lifetimeValue: 999, latestNps: 2, influencer: true, influencerReach: 10_000,
      openComplaints: 2, slaOverdueHours: 36, recentEmotion: { emotion: 'angry', intensity: 3 },
    });
    const byFactor = Object.fromEntries(result.factors.map((f) => [f.factor, f.contribution]));
    expect(byFactor).toEqual({
      loyalty: 11.25, lifetimeValue: 9.58, nps: 8, influencer: 6.67, openComplaints: 10, slaOverdue: 10, recentEmotion: 15,
    });
    expect(result.score).toBe(70.5);
    expect(result.factors.find((f) => f.factor === 'slaOverdue')?.input).toBe('36 h overdue');
  });

  it('caps every factor at its weight, so the maximum is the sum of the weights', () => {
    const result = priorityScore({
      loyaltyLevel: 'platinum', lifetimeValue: 10_000_000, latestNps: 0, influencer: true, influencerReach: 50_000_000,
      openComplaints: 12, slaOverdueHours: 1000, recentEmotion: { emotion: 'angry', intensity: 3 },
    });
    expect(result.score).toBe(100);
    for (const factor of result.factors) expect(factor.contribution).toBe(DEFAULT_PRIORITY_WEIGHTS[factor.factor]);
  });

  it('ranks a worse-served customer above a merely valuable one', () => {
    const valuable = priorityScore({ ...quiet, loyaltyLevel: 'platinum', lifetimeValue: 20_000 });
    const angryOverdue = priorityScore({ ...quiet, openComplaints: 2, slaOverdueHours: 48, recentEmotion: { emotion: 'angry', intensity: 3 } });
    expect(angryOverdue.score).toBeGreaterThan(valuable.score);
  });

  it('uses configured weights', () => {
    const inputs: PriorityInputs = { ...quiet, openComplaints: 3 };
    expect(priorityScore(inputs).score).toBe(15);
    expect(priorityScore(inputs, parsePriorityWeights('{"openComplaints": 40}')).score).toBe(40);
  });
});

describe('parsePriorityWeights', () => {
  it('falls back to the defaults when unset', () => {
    expect(parsePriorityWeights(undefined)).toEqual(DEFAULT_PRIORITY_WEIGHTS);
  });

  it('rejects unknown factors, negative weights and bad JSON with a clear message', () => {
    expect(() => parsePriorityWeights('{"vip": 3}')).toThrow(/unknown factor "vip"/);
    expect(() => parsePriorityWeights('{"nps": -1}')).toThrow(/non-negative/);
    expect(() => parsePriorityWeights('{nps')).toThrow(/JSON object/);
  });
});
