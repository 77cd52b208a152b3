import { describe, expect, it } from 'vitest';
import { canTransition, IllegalLineTransition, isBusy, isFree, nextLineStatus, type LineEvent } from './line-machine';
import type { LineStatus } from './types';

describe('line state machine', () => {
  it('walks an inbound call: ringing → connected ⇄ held → ended → idle', () => {
    let status: LineStatus = 'idle';
    for (const [event, expected] of [
      ['incoming', 'ringing'], ['answered', 'connected'], ['hold', 'held'], ['resume', 'connected'],
      ['hold', 'held'], ['end', 'ended'], ['reset', 'idle'],
    ] as [LineEvent, LineStatus][]) {
      status = nextLineStatus(status, event);
      expect(status).toBe(expected);
    }
  });

  it('walks an outbound call and a cancelled one', () => {
    expect(nextLineStatus(nextLineStatus('idle', 'dial'), 'answered')).toBe('connected');
    expect(nextLineStatus('dialing', 'end')).toBe('ended');
    expect(nextLineStatus('ringing', 'end')).toBe('ended');
  });

  it('refuses impossible steps with a named error', () => {
    expect(() => nextLineStatus('idle', 'answered')).toThrow(IllegalLineTransition);
    expect(() => nextLineStatus('ringing', 'hold')).toThrow("line cannot 'hold' while ringing");
    expect(() => nextLineStatus('held', 'hold')).toThrow(IllegalLineTransition);
    expect(() => nextLineStatus('ended', 'resume')).toThrow(IllegalLineTransition);
    expect(canTransition('connected', 'incoming')).toBe(false);
    expect(canTransition('connected', 'hold')).toBe(true);
  });

  it('says which lines can take a new call', () => {
    expect(isFree('idle')).toBe(true);
    expect(isFree('ended')).toBe(true);
    for (const status of ['ringing', 'dialing', 'connected', 'held'] as const) {
      expect(isFree(status)).toBe(false);
      expect(isBusy(status)).toBe(true);
    }
  });
});
