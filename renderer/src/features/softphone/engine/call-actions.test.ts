import { describe, expect, it } from 'vitest';
import { actionForShortcut } from './call-actions';
import { idleLine, type LineSnapshot } from './types';

const lines = (first: Partial<LineSnapshot>, second: Partial<LineSnapshot> = {}): LineSnapshot[] => [
  { ...idleLine(0), ...first },
  { ...idleLine(1), ...second },
];

describe('call shortcut targets', () => {
  it('does nothing when no line fits', () => {
    for (const shortcut of ['answer', 'decline', 'hangup', 'mute', 'hold', 'transfer', 'completeTransfer', 'conference'] as const) {
      expect(actionForShortcut(shortcut, lines({}))).toBeNull();
    }
  });

  it('answers and declines the ringing line, even the waiting one on line 2', () => {
    const waiting = lines({ status: 'connected' }, { status: 'ringing' });
    expect(actionForShortcut('answer', waiting)).toEqual({ kind: 'answer', line: 1 });
    expect(actionForShortcut('decline', waiting)).toEqual({ kind: 'decline', line: 1 });
  });

  it('hangs up the live call before a held or dialing one', () => {
    expect(actionForShortcut('hangup', lines({ status: 'held' }, { status: 'connected' }))).toEqual({ kind: 'hangup', line: 1 });
    expect(actionForShortcut('hangup', lines({ status: 'dialing' }))).toEqual({ kind: 'hangup', line: 0 });
    expect(actionForShortcut('hangup', lines({ status: 'ringing' }))).toBeNull();
  });

  it('toggles mute on the connected line', () => {
    expect(actionForShortcut('mute', lines({ status: 'connected', muted: false }))).toEqual({ kind: 'mute', line: 0, muted: true });
    expect(actionForShortcut('mute', lines({ status: 'connected', muted: true }))).toEqual({ kind: 'mute', line: 0, muted: false });
  });

  it('holds the connected line, or resumes the held one', () => {
    expect(actionForShortcut('hold', lines({ status: 'connected' }))).toEqual({ kind: 'hold', line: 0 });
    expect(actionForShortcut('hold', lines({ status: 'ended' }, { status: 'held' }))).toEqual({ kind: 'resume', line: 1 });
  });

  it('opens the transfer of the call being talked on, else of the held one', () => {
    expect(actionForShortcut('transfer', lines({ status: 'held' }, { status: 'connected' }))).toEqual({ kind: 'openTransfer', line: 1 });
    expect(actionForShortcut('transfer', lines({ status: 'held' }))).toEqual({ kind: 'openTransfer', line: 0 });
    expect(actionForShortcut('transfer', lines({ status: 'ringing' }))).toBeNull();
  });

  it('joins two answered calls in a conference, and splits a running one', () => {
    expect(actionForShortcut('conference', lines({ status: 'held' }, { status: 'connected' }))).toEqual({ kind: 'startConference' });
    expect(actionForShortcut('conference', lines({ status: 'connected' }, { status: 'ringing' }))).toBeNull();
    expect(actionForShortcut('conference', lines({ status: 'connected', conference: true }, { status: 'connected', conference: true })))
      .toEqual({ kind: 'endConference' });
  });

  it('completes the attended transfer of the held call the consultation is for', () => {
    expect(actionForShortcut('completeTransfer', lines({ status: 'held' }, { status: 'connected', consultFor: 0 })))
      .toEqual({ kind: 'completeTransfer', line: 0 });
    // A plain second call is no consultation: nothing to complete.
    expect(actionForShortcut('completeTransfer', lines({ status: 'held' }, { status: 'connected' }))).toBeNull();
    expect(actionForShortcut('completeTransfer', lines({ status: 'held' }, { status: 'ended', consultFor: 0 }))).toBeNull();
  });
});
