/**
 * Narrow reads of the softphone store for the dock's own components: each returns a value that
 * changes only when what the component shows does, so a call ringing on one line does not
 * re-render the other line's card or the dock around them (the screen pop paints in the same
 * frames as the ring).
 */
import { useContext } from 'react';
import { useStore } from 'zustand';
import { SoftphoneContext, type SoftphoneRuntime } from '../context';
import type { LineId, LineSnapshot } from '../engine/types';
import type { SoftphoneState } from '../store';

function useDockRuntime(): SoftphoneRuntime {
  const runtime = useContext(SoftphoneContext);
  if (!runtime) throw new Error('the softphone dock must be inside <SoftphoneProvider>');
  return runtime;
}

const busy = (other: LineSnapshot) => other.status !== 'idle' && other.status !== 'ended';
const live = (other: LineSnapshot) => other.status === 'connected' || other.status === 'held';

/** Whether the OTHER line has a call (a ringing call is then "waiting") or a live one (conference offer). */
export function useOtherLineFlags(line: LineId): { otherBusy: boolean; otherLive: boolean } {
  const { store } = useDockRuntime();
  const otherBusy = useStore(store, (state) => state.lines.some((other) => other.id !== line && busy(other)));
  const otherLive = useStore(store, (state) => state.lines.some((other) => other.id !== line && live(other)));
  return { otherBusy, otherLive };
}

/** The lines as they are NOW, read when needed (shortcuts), without subscribing the caller to them. */
export function useLinesReader(): () => SoftphoneState['lines'] {
  const { store } = useDockRuntime();
  return () => store.getState().lines;
}
