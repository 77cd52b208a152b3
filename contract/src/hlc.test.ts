import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc, parseHlc, receiveHlc, tickHlc, type HlcState } from './hlc';

const state = (wallMs: number, counter = 0, node = 'a'): HlcState => ({ wallMs, counter, node });

describe('hybrid logical clock', () => {
  it('formats stamps that round-trip through parse', () => {
    const stamp = formatHlc(state(1_700_000_000_123, 42, 'client-1'));
    expect(stamp).toBe('001700000000123-002a-client-1');
    expect(parseHlc(stamp)).toEqual(state(1_700_000_000_123, 42, 'client-1'));
  });

  it('refuses malformed stamps', () => {
    for (const bad of ['', '12-0000-a', '001700000000123-zzzz-a', '001700000000123-0000-', '001700000000123-0000-a b']) {
      expect(parseHlc(bad)).toBeNull();
    }
  });

  it('never goes backwards when the wall clock does', () => {
    const first = tickHlc(state(1000), 5000);
    const second = tickHlc(first, 4000);
    expect(formatHlc(second) > formatHlc(first)).toBe(true);
  });

  it('carries into the next millisecond when the counter is exhausted', () => {
    expect(tickHlc(state(1000, 0xffff), 1000)).toEqual(state(1001, 0));
  });

  it('sorts after a received remote stamp', () => {
    const local = state(1000, 3, 'a');
    const remote = state(2000, 7, 'b');
    const merged = receiveHlc(local, remote, 1500);
    expect(merged.node).toBe('a');
    expect(formatHlc(merged) > formatHlc(remote)).toBe(true);
  });

  it('string order matches causal order for any sequence of ticks and receives', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e12 })), { maxLength: 50 }),
      (steps) => {
        let clock = state(0);
        let previous = formatHlc(clock);
        for (const [isReceive, now, remoteWall] of steps) {
          clock = isReceive ? receiveHlc(clock, state(remoteWall, 1, 'z'), now) : tickHlc(clock, now);
          const stamp = formatHlc(clock);
          if (!(stamp > previous)) return false;
          if (isReceive && !(stamp > formatHlc(state(remoteWall, 1, 'z')))) return false;
          previous = stamp;
        }
        return true;
      },
    ));
  });
});
