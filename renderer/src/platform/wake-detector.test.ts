import { describe, expect, it } from 'vitest';
import { createWakeDetector } from './wake-detector';

describe('createWakeDetector', () => {
  it('stays quiet while ticks arrive on time or with ordinary jitter', () => {
    const gaps: number[] = [];
    const detector = createWakeDetector(1000, 0, (gap) => gaps.push(gap));
    expect(detector.tick(1000)).toBe(false);
    expect(detector.tick(2300)).toBe(false);
    expect(detector.tick(4300)).toBe(false); // exactly two periods: still not a sleep
    expect(gaps).toEqual([]);
  });

  it('reports a wake when a tick comes more than two periods after the previous one', () => {
    const gaps: number[] = [];
    const detector = createWakeDetector(1000, 0, (gap) => gaps.push(gap));
    detector.tick(1000);
    expect(detector.tick(61_000)).toBe(true);
    expect(gaps).toEqual([60_000]);
    // Measured from the late tick, so the next on-time tick is quiet again.
    expect(detector.tick(62_000)).toBe(false);
  });

  it('refuses a period that is not positive', () => {
    expect(() => createWakeDetector(0, 0, () => undefined)).toThrow(RangeError);
    expect(() => createWakeDetector(Number.NaN, 0, () => undefined)).toThrow(RangeError);
  });
});
