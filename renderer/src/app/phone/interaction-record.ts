/**
 * A finished call as the interaction record the backend keeps. Pure, so what goes into the
 * record (times, hold, transfer target) is unit-tested apart from the phone and the database.
 */
import type { InteractionFields } from '@features/sync';
import type { LineSnapshot } from '@features/softphone';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function interactionFromCall(line: LineSnapshot, customerId: string | null): InteractionFields | null {
  if (line.direction === null || line.startedAt === null) return null;
  return {
    customerId,
    channel: 'call',
    direction: line.direction,
    queue: null,
    remoteNumber: line.remoteNumber?.slice(0, 64) ?? null,
    line: line.id + 1,
    // Inbound: when it started ringing here (the PBX's queue time is not known to the phone).
    queuedAt: iso(line.startedAt),
    answeredAt: iso(line.connectedAt),
    endedAt: iso(line.endedAt ?? Date.now()),
    holdSeconds: Math.min(86_400, Math.round(line.holdMs / 1000)),
    transferTarget: line.endReason === 'transferred' ? (line.transferTarget?.slice(0, 128) ?? null) : null,
  };
}
