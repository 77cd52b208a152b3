import { useCallback, useContext } from 'react';
import { SoftphoneContext } from './context';
import type { RoundTripOutcome } from './engine/self-test-call';

/** Runs the pre-shift round trip through the PBX on the current engine (see engine/self-test-call.ts). */
export function useSelfTestRoundTrip(): () => Promise<RoundTripOutcome> {
  const runtime = useContext(SoftphoneContext);
  return useCallback(async (): Promise<RoundTripOutcome> => {
    const engine = runtime?.engine();
    if (!engine) return { ok: false, failure: 'not-registered', detail: '' };
    return engine.selfTestRoundTrip();
  }, [runtime]);
}
