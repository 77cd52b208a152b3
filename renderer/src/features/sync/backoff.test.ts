import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles the ceiling with each attempt, between half and all of it', () => {
    const low = () => 0;
    const high = () => 0.999_999;
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { baseMs: 100, random: low }))).toEqual([50, 100, 200, 400]);
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { baseMs: 100, random: high }))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the cap, even after many failures', () => {
    expect(backoffDelay(1000, { baseMs: 100, maxMs: 5000, random: () => 0.999_999 })).toBe(5000);
    expect(backoffDelay(1000, { baseMs: 100, maxMs: 5000, random: () => 0 })).toBe(2500);
  });

  it('spreads retries out with jitter', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
