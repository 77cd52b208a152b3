/** The client's hybrid logical clock, persisted in `syncState` so every tab continues one sequence. */
import { formatHlc, parseHlc, receiveHlc, tickHlc, type HlcState } from '@contract';

export function initialClock(node: string): HlcState {
  return { wallMs: 0, counter: 0, node };
}

/** Issues the next stamp after `last` (which may be null on first use). */
export function nextStamp(last: string | null, node: string, nowMs: number): string {
  const state = (last ? parseHlc(last) : null) ?? initialClock(node);
  return formatHlc(tickHlc({ ...state, node }, nowMs));
}

/** Folds a stamp seen from the server into ours, so later local edits sort after it. */
export function observeStamp(last: string | null, node: string, remote: string, nowMs: number): string {
  const remoteState = parseHlc(remote);
  const state = (last ? parseHlc(last) : null) ?? initialClock(node);
  if (!remoteState) return formatHlc({ ...state, node });
  return formatHlc(receiveHlc({ ...state, node }, remoteState, nowMs));
}
