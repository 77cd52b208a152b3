/**
 * A call as the interaction record the backend keeps. Pure, so what goes into the record
 * (times, queue, hold, transfer target) is unit-tested apart from the phone and the database.
 *
 * A call is recorded when it is answered (`interactionStart`, `endedAt` null) and closed when it
 * ends (`interactionEnd`), so a window that crashes mid-call still leaves the call on record; a
 * call never answered, or first seen ended (the data layer was not open yet), is recorded whole
 * (`interactionFromCall`).
 */
import type { InteractionEnd, InteractionFields } from '@features/sync';
import type { LineSnapshot } from '@features/softphone';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function interactionFromCall(line: LineSnapshot, customerId: string | null): InteractionFields | null {
  const start = interactionStart(line, customerId);
  return start && { ...start, ...interactionEnd(line, line.endedAt ?? Date.now()) };
}

/** The record of a call that is up (answered, or still ringing): not ended yet. */
export function interactionStart(line: LineSnapshot, customerId: string | null): InteractionFields | null {
  if (line.direction === null || line.startedAt === null) return null;
  return {
    customerId,
    channel: 'call',
    direction: line.direction,
    queue: line.queue,
    remoteNumber: line.remoteNumber?.slice(0, 64) ?? null,
    line: line.id + 1,
    // Inbound: when the PBX queued the caller (X-Queued-At), else when it started ringing here.
    queuedAt: iso(line.queuedAt ?? line.startedAt),
    answeredAt: iso(line.connectedAt),
    endedAt: null,
    holdSeconds: 0,
    transferTarget: null,
  };
}

/**
 * How the call ended, or, for a call still up, how it stands at `now` (what a crash leaves:
 * ended when the window was last alive, with the hold running until then).
 */
export function interactionEnd(line: LineSnapshot, now: number): InteractionEnd {
  const runningHold = line.heldSince === null ? 0 : Math.max(0, now - line.heldSince);
  return {
    answeredAt: iso(line.connectedAt),
    endedAt: iso(line.endedAt ?? now) as string,
    holdSeconds: Math.min(86_400, Math.round((line.holdMs + runningHold) / 1000)),
    transferTarget: line.endReason === 'transferred' ? (line.transferTarget?.slice(0, 128) ?? null) : null,
  };
}
