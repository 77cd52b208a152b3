import { describe, expect, it } from 'vitest';
import { ScreenLockTracker } from './screen-lock';

describe('ScreenLockTracker', () => {
  it('reports only changes between locked and unlocked', () => {
    const tracker = new ScreenLockTracker();
    expect(['active', 'idle', 'locked', 'locked', 'idle', 'active', 'locked'].map((state) => tracker.observe(state as 'active'))).toEqual([
      null,
      null,
      true,
      null,
      false,
      null,
      true,
    ]);
  });

  it('ignores unknown samples', () => {
    const tracker = new ScreenLockTracker();
    tracker.observe('locked');
    expect(tracker.observe('unknown')).toBeNull();
    expect(tracker.observe('active')).toBe(false);
  });

  it('does not repeat an event the OS already delivered', () => {
    const tracker = new ScreenLockTracker();
    expect(tracker.set(true)).toBe(true);
    expect(tracker.observe('locked')).toBeNull();
    expect(tracker.set(false)).toBe(false);
    expect(tracker.set(false)).toBeNull();
  });
});
