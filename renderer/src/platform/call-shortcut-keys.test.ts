import { describe, expect, it } from 'vitest';
import { callShortcutForKey, type ShortcutKeyEvent } from './call-shortcut-keys';

const press = (code: string, modifiers: Partial<ShortcutKeyEvent> = {}): ShortcutKeyEvent => ({
  code, ctrlKey: true, altKey: true, shiftKey: false, metaKey: false, repeat: false, ...modifiers,
});

describe('callShortcutForKey', () => {
  it('maps Ctrl+Alt+A/H/M/P to answer, hang up, mute and hold', () => {
    expect(callShortcutForKey(press('KeyA'))).toBe('answer');
    expect(callShortcutForKey(press('KeyH'))).toBe('hangup');
    expect(callShortcutForKey(press('KeyM'))).toBe('mute');
    expect(callShortcutForKey(press('KeyP'))).toBe('hold');
  });

  it('ignores the same letters without both Ctrl and Alt, or with extra modifiers', () => {
    expect(callShortcutForKey(press('KeyA', { ctrlKey: false }))).toBeNull();
    expect(callShortcutForKey(press('KeyA', { altKey: false }))).toBeNull();
    expect(callShortcutForKey(press('KeyA', { shiftKey: true }))).toBeNull();
    expect(callShortcutForKey(press('KeyA', { metaKey: true }))).toBeNull();
  });

  it('ignores auto-repeat so holding the keys does not toggle mute or hold repeatedly', () => {
    expect(callShortcutForKey(press('KeyM', { repeat: true }))).toBeNull();
  });

  it('ignores other keys', () => {
    expect(callShortcutForKey(press('KeyB'))).toBeNull();
    expect(callShortcutForKey(press('Digit1'))).toBeNull();
  });
});
