import { describe, expect, it } from 'vitest';
import { isHlc, parseHlc } from '@contract';
import { nextStamp, observeStamp } from './clock';

describe('client hybrid logical clock', () => {
  it('starts from the wall clock and stays monotonic when the clock stands still', () => {
    const first = nextStamp(null, 'nodeA', 1000);
    const second = nextStamp(first, 'nodeA', 1000);
    expect(isHlc(first)).toBe(true);
    expect(second > first).toBe(true);
    expect(parseHlc(second)).toEqual({ wallMs: 1000, counter: 1, node: 'nodeA' });
  });

  it('never goes backwards when the wall clock does', () => {
    const ahead = nextStamp(null, 'nodeA', 5000);
    const afterJump = nextStamp(ahead, 'nodeA', 1000);
    expect(afterJump > ahead).toBe(true);
  });

  it('sorts after a remote stamp it has observed', () => {
    const remote = nextStamp(null, 'nodeB', 9000);
    const merged = observeStamp(nextStamp(null, 'nodeA', 1000), 'nodeA', remote, 2000);
    const next = nextStamp(merged, 'nodeA', 2000);
    expect(next > remote).toBe(true);
    expect(parseHlc(next)?.node).toBe('nodeA');
  });

  it('ignores a malformed remote stamp instead of corrupting the clock', () => {
    const mine = nextStamp(null, 'nodeA', 1000);
    expect(observeStamp(mine, 'nodeA', 'garbage', 1000)).toBe(mine);
  });
});
