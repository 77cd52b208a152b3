import { describe, expect, it } from 'vitest';
import { mutationPatchSchemas } from '@contract';
import { idleLine, type LineSnapshot } from '@features/softphone';
import { interactionEnd, interactionFromCall, interactionStart } from './interaction-record';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const call = (patch: Partial<LineSnapshot>): LineSnapshot => ({
  ...idleLine(1), callId: 'abc@host', status: 'ended', direction: 'inbound', remoteNumber: '2001', startedAt: T0, ...patch,
});

describe('interaction record of a call', () => {
  it('answered inbound call with hold time and a transfer', () => {
    const record = interactionFromCall(call({
      connectedAt: T0 + 4_000, endedAt: T0 + 64_000, holdMs: 12_400, endReason: 'transferred', transferTarget: '1002',
    }), '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    expect(record).toEqual({
      customerId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', channel: 'call', direction: 'inbound', queue: null, remoteNumber: '2001', line: 2,
      queuedAt: '2026-01-05T09:00:00.000Z', answeredAt: '2026-01-05T09:00:04.000Z', endedAt: '2026-01-05T09:01:04.000Z',
      holdSeconds: 12, transferTarget: '1002',
    });
    expect(mutationPatchSchemas.interaction.insert.safeParse(record).success).toBe(true);
  });

  it('missed call: no answer time, and a transfer target only when the call was transferred', () => {
    const record = interactionFromCall(call({ endedAt: T0 + 20_000, endReason: 'missed', transferTarget: '1002' }), null);
    expect(record).toMatchObject({ answeredAt: null, transferTarget: null, customerId: null, holdSeconds: 0 });
    expect(mutationPatchSchemas.interaction.insert.safeParse(record).success).toBe(true);
  });

  it('outbound call placed on line 1', () => {
    expect(interactionFromCall(call({ id: 0, direction: 'outbound', remoteNumber: '+34911222333', endedAt: T0 + 1 }), null))
      .toMatchObject({ direction: 'outbound', line: 1, remoteNumber: '+34911222333' });
  });

  it('a line that never had a call is no record', () => {
    expect(interactionFromCall(idleLine(0), null)).toBeNull();
  });

  it('a call that starts is recorded open, with the PBX queue facts when the INVITE had them', () => {
    const ringing = call({ status: 'ringing', queue: 'ventas', queuedAt: T0 - 45_000 });
    const record = interactionStart(ringing, null);
    expect(record).toMatchObject({ queue: 'ventas', queuedAt: '2026-01-05T08:59:15.000Z', answeredAt: null, endedAt: null, holdSeconds: 0, transferTarget: null });
    expect(mutationPatchSchemas.interaction.insert.safeParse(record).success).toBe(true);
    // Without the headers: the ring time, no queue.
    expect(interactionStart(call({ status: 'ringing' }), null)).toMatchObject({ queue: null, queuedAt: '2026-01-05T09:00:00.000Z' });
  });

  it('closes with the end of the call, or, still up, with how it stands now (a running hold counted)', () => {
    const ended = interactionEnd(call({ connectedAt: T0 + 2_000, endedAt: T0 + 90_000, holdMs: 30_000, endReason: 'transferred', transferTarget: '1002' }), T0 + 999_999);
    expect(ended).toEqual({ answeredAt: '2026-01-05T09:00:02.000Z', endedAt: '2026-01-05T09:01:30.000Z', holdSeconds: 30, transferTarget: '1002' });
    expect(mutationPatchSchemas.interaction.end.safeParse(ended).success).toBe(true);
    const live = interactionEnd(call({ status: 'held', connectedAt: T0 + 2_000, holdMs: 10_000, heldSince: T0 + 50_000 }), T0 + 60_000);
    expect(live).toEqual({ answeredAt: '2026-01-05T09:00:02.000Z', endedAt: '2026-01-05T09:01:00.000Z', holdSeconds: 20, transferTarget: null });
  });
});
