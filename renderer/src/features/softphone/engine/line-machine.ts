/**
 * The per-line state machine. Every change of a line's status goes through `nextLineStatus`, so an
 * impossible step (answer a line that is not ringing, hold an idle line) is refused, not half-done.
 *
 *   idle ─incoming→ ringing ─answered→ connected ⇄ held
 *   idle ─dial→ dialing ─answered→ connected
 *   any active status ─end→ ended ─reset→ idle
 */
import type { LineStatus } from './types';

export type LineEvent = 'incoming' | 'dial' | 'answered' | 'hold' | 'resume' | 'end' | 'reset';

const TRANSITIONS: Record<LineStatus, Partial<Record<LineEvent, LineStatus>>> = {
  idle: { incoming: 'ringing', dial: 'dialing' },
  ringing: { answered: 'connected', end: 'ended' },
  dialing: { answered: 'connected', end: 'ended' },
  connected: { hold: 'held', end: 'ended' },
  held: { resume: 'connected', end: 'ended' },
  ended: { reset: 'idle' },
};

export class IllegalLineTransition extends Error {
  constructor(readonly from: LineStatus, readonly event: LineEvent) {
    super(`line cannot '${event}' while ${from}`);
    this.name = 'IllegalLineTransition';
  }
}

export function canTransition(from: LineStatus, event: LineEvent): boolean {
  return TRANSITIONS[from][event] !== undefined;
}

export function nextLineStatus(from: LineStatus, event: LineEvent): LineStatus {
  const to = TRANSITIONS[from][event];
  if (to === undefined) throw new IllegalLineTransition(from, event);
  return to;
}

/** A line can take a new call when nothing is on it. */
export function isFree(status: LineStatus): boolean {
  return status === 'idle' || status === 'ended';
}

/** A line with a call in progress or established. */
export function isBusy(status: LineStatus): boolean {
  return !isFree(status);
}
