/**
 * Notices that the machine slept: a repeating timer whose ticks arrive much later than
 * scheduled means the process was frozen. Pure logic; the caller drives `tick` from a
 * setInterval and passes the current time.
 */
export interface WakeDetector {
  /** Returns true (and calls onWake) when the gap since the previous tick exceeds the threshold. */
  tick(now: number): boolean;
}

export function createWakeDetector(periodMs: number, startedAt: number, onWake: (gapMs: number) => void): WakeDetector {
  if (!(periodMs > 0)) throw new RangeError(`wake detector period must be positive, got ${periodMs}`);
  // More than two periods between ticks cannot be ordinary timer jitter or throttling of a busy tab.
  const threshold = periodMs * 2;
  let previous = startedAt;
  return {
    tick(now) {
      const gap = now - previous;
      previous = now;
      if (gap <= threshold) return false;
      onWake(gap);
      return true;
    },
  };
}
