import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, requestPendingRetryDelay } from './backoff';

describe('reconnection backoff', () => {
  const middle = (): number => 0.5;

  it('doubles from the initial delay up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 10, 50].map((attempt) => backoffDelay(attempt, DEFAULT_BACKOFF, middle));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000, 4000]);
  });

  it('spreads each delay within ± the jitter fraction', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(800);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 1)).toBe(1200);
  });

  it('refuses a non-positive or fractional attempt', () => {
    expect(() => backoffDelay(0)).toThrow(RangeError);
    expect(() => backoffDelay(1.5)).toThrow(RangeError);
  });

  it('retries a 491 after 2.1–4 s when we own the Call-ID, 0–2 s otherwise (RFC 3261 §14.1)', () => {
    expect(requestPendingRetryDelay(true, () => 0)).toBe(2100);
    expect(requestPendingRetryDelay(true, () => 1)).toBe(4000);
    expect(requestPendingRetryDelay(false, () => 0)).toBe(0);
    expect(requestPendingRetryDelay(false, () => 1)).toBe(2000);
  });
});
