import { describe, expect, it } from 'vitest';
import { HOLD_LEAK_PACKETS, holdLeaking, trimHoldSamples, type HoldMediaSample } from './hold-media';

const HELD = 100_000;
/** One sample a second from `from` ms after the hold, `rate` packets a second (50: live audio). */
const samples = (from: number, count: number, rate: number, start = 1000): HoldMediaSample[] =>
  Array.from({ length: count }, (_, index) => ({ at: HELD + from + index * 1000, packetsReceived: start + index * rate }));

describe('hold verified from the inbound RTP', () => {
  it('a far end that went quiet: not leaking', () => {
    expect(holdLeaking(HELD, samples(0, 8, 0))).toBe(false);
  });

  it('a far end that keeps sending audio after confirming the hold: leaking', () => {
    expect(holdLeaking(HELD, samples(0, 6, 50))).toBe(true);
  });

  it('forgives what arrives during the grace period (packets in flight)', () => {
    const burstThenQuiet = [{ at: HELD + 500, packetsReceived: 1000 }, { at: HELD + 1500, packetsReceived: 1200 }, ...samples(2000, 4, 0, 1200)];
    expect(holdLeaking(HELD, burstThenQuiet)).toBe(false);
    // Nothing after the grace yet: no verdict of leaking.
    expect(holdLeaking(HELD, samples(0, 2, 50))).toBe(false);
  });

  it('ignores a trickle (comfort noise, RTCP-ish stragglers) under the threshold', () => {
    expect(holdLeaking(HELD, samples(2000, 4, Math.floor(HOLD_LEAK_PACKETS / 4)))).toBe(false);
  });

  it('catches audio that starts again later in a long hold, over the window only', () => {
    const quiet = samples(2000, 30, 0);
    const resumed = samples(32_000, 3, 50, 1000);
    expect(holdLeaking(HELD, [...quiet, ...resumed])).toBe(true);
    // Old arrivals outside the window do not count.
    const oldBurst = [{ at: HELD + 2000, packetsReceived: 0 }, ...samples(3000, 10, 0, 500)];
    expect(holdLeaking(HELD, oldBurst)).toBe(false);
  });

  it('keeps memory bounded on a long hold', () => {
    const many = samples(0, 600, 0);
    expect(trimHoldSamples(many, HELD + 600_000).length).toBeLessThanOrEqual(5);
  });
});
