/**
 * Progressive paint: tells when a frame showing some content has been painted, so heavier parts
 * render only after it (the screen pop paints identity and key facts first). For a call's card it
 * also records the pop latency (INVITE → that frame) and the User Timing marks.
 */
import { useLayoutEffect, useState } from 'react';
import { markPop } from './model/pop-marks';
import { cardActions } from './store';

/** When frames are paused (hidden window), the details still follow after this long. */
const NO_FRAME_FALLBACK_MS = 250;

export interface PopClock {
  callKey: string;
  /** Epoch ms the INVITE reached the softphone (the line's start). */
  startedAt: number;
}

export function usePaintedOnce(ready: boolean, pop: PopClock | null): boolean {
  const [painted, setPainted] = useState(false);
  const callKey = pop?.callKey ?? null;
  const startedAt = pop?.startedAt ?? null;
  useLayoutEffect(() => {
    if (!ready || painted) return undefined;
    if (callKey) markPop('facts', callKey);
    let timer = 0;
    // rAF runs just before the frame is painted; a task queued from it runs just after.
    const frame = requestAnimationFrame(() => {
      window.clearTimeout(fallback);
      timer = window.setTimeout(() => {
        if (callKey && startedAt !== null) {
          markPop('painted', callKey);
          cardActions.recordPopLatency(callKey, Date.now() - startedAt);
        }
        setPainted(true);
      }, 0);
    });
    const fallback = window.setTimeout(() => {
      cancelAnimationFrame(frame);
      setPainted(true);
    }, NO_FRAME_FALLBACK_MS);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      window.clearTimeout(fallback);
    };
  }, [ready, painted, callKey, startedAt]);
  return painted;
}
