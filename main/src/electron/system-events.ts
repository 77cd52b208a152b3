/**
 * Power events for the softphone: resume → re-register at once; screen lock/unlock → auto
 * away and back. macOS and Windows send lock events; on Linux main polls the idle state.
 */
import { powerMonitor, type WebContents } from 'electron';
import { ScreenLockTracker } from '../common/screen-lock';
import { sendEvent } from './ipc';

const LINUX_LOCK_POLL_MS = 10_000;
/** Seconds of inactivity before Electron reports 'idle' (lock detection ignores it). */
const IDLE_THRESHOLD_S = 60;

export function forwardSystemEvents(target: () => WebContents | undefined): () => void {
  const tracker = new ScreenLockTracker();
  const report = (locked: boolean | null): void => {
    if (locked !== null) sendEvent(target(), 'system:screen-lock', locked);
  };
  powerMonitor.on('resume', () => sendEvent(target(), 'system:resume', null));
  powerMonitor.on('lock-screen', () => report(tracker.set(true)));
  powerMonitor.on('unlock-screen', () => report(tracker.set(false)));
  if (process.platform !== 'linux') return () => undefined;
  const timer = setInterval(() => report(tracker.observe(powerMonitor.getSystemIdleState(IDLE_THRESHOLD_S))), LINUX_LOCK_POLL_MS);
  return () => clearInterval(timer);
}
