import { describe, expect, it } from 'vitest';
import { callQuality, estimateMos, mosFromR, rateMos } from './call-quality';

describe('E-model MOS estimate', () => {
  it('maps the R factor to MOS with the G.107 curve and its bounds', () => {
    expect(mosFromR(-5)).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
    expect(mosFromR(93.2)).toBeCloseTo(4.41, 2);
    expect(mosFromR(50)).toBeCloseTo(2.58, 2);
  });

  it('a clean LAN call rates good; latency, jitter and loss each pull it down', () => {
    const clean = estimateMos(2, 0.5, 0);
    expect(clean).toBeGreaterThan(4.3);
    expect(estimateMos(400, 0.5, 0)).toBeLessThan(clean);
    expect(estimateMos(2, 40, 0)).toBeLessThan(clean);
    expect(estimateMos(2, 0.5, 5)).toBeLessThan(clean);
    expect(rateMos(estimateMos(2, 0.5, 10))).toBe('poor');
    expect(rateMos(clean)).toBe('good');
  });

  it('counts loss over the interval between two samples, not since the call started', () => {
    const first = { at: 0, packetsReceived: 1000, packetsLost: 100, jitter: 0.002, roundTripTime: 0.004 };
    const second = { at: 2000, packetsReceived: 1100, packetsLost: 100, jitter: 0.002, roundTripTime: 0.004 };
    expect(callQuality(first, second)).toMatchObject({ lossPercent: 0, rttMs: 4, jitterMs: 2, rating: 'good' });
    expect(callQuality(null, first).lossPercent).toBeCloseTo(9.1, 1);
  });

  it('has no MOS before any audio arrived', () => {
    expect(callQuality(null, { at: 0, packetsReceived: 0, packetsLost: 0, jitter: null, roundTripTime: null }))
      .toEqual({ rttMs: null, jitterMs: null, lossPercent: 0, mos: null, rating: 'unknown' });
  });
});
