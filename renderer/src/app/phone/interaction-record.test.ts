import { describe, expect, it } from 'vitest';
import { mutationPatchSchemas } from '@contract';
import { idleLine, type LineSnapshot } from '@features/softphone';
import { interactionFromCall } from './interaction-record';

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
});
