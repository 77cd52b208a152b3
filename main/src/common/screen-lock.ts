/**
 * Screen lock for auto-away. macOS and Windows emit lock/unlock events; Linux does not, so
 * there main polls the idle state and this tracker turns samples into lock/unlock changes.
 */
export type IdleState = 'active' | 'idle' | 'locked' | 'unknown';

export class ScreenLockTracker {
  private locked = false;

  /** The new locked value when it changed, otherwise null. 'unknown' never flips the state. */
  observe(state: IdleState): boolean | null {
    if (state === 'unknown') return null;
    const locked = state === 'locked';
    if (locked === this.locked) return null;
    this.locked = locked;
    return locked;
  }

  /** Keeps the tracker in step with the lock/unlock events where the OS sends them. */
  set(locked: boolean): boolean | null {
    if (locked === this.locked) return null;
    this.locked = locked;
    return locked;
  }
}
