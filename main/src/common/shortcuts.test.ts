import { describe, expect, it } from 'vitest';
import { DEFAULT_SHORTCUTS, resolveShortcuts, validateAccelerator } from './shortcuts';

describe('validateAccelerator', () => {
  it.each(['CommandOrControl+Alt+A', 'Ctrl+Shift+F1', 'Alt+Space', 'F9', 'MediaPlayPause', 'Super+num5', 'CmdOrCtrl + Alt + H', 'Ctrl+/'])('accepts %s', (raw) => {
    expect(validateAccelerator(raw).ok).toBe(true);
  });

  it('trims spaces around parts', () => {
    expect(validateAccelerator('CmdOrCtrl + Alt + H')).toEqual({ ok: true, accelerator: 'CmdOrCtrl+Alt+H' });
  });

  it.each([
    ['A', 'needs a modifier'],
    ['Space', 'needs a modifier'],
    ['Ctrl+', 'is not an accelerator'],
    ['Ctrl+Hyper+A', 'is not a modifier'],
    ['Ctrl+Ctrl+A', 'repeats a modifier'],
    ['Ctrl+Alt+Banana', 'is not a key'],
    ['Ctrl+F25', 'is not a key'],
    ['', 'is not an accelerator'],
  ])('refuses %s', (raw, reason) => {
    const check = validateAccelerator(raw);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });
});

describe('resolveShortcuts', () => {
  it('uses the defaults without overrides', () => {
    expect(resolveShortcuts(undefined)).toEqual({ shortcuts: DEFAULT_SHORTCUTS, warnings: [] });
  });

  it('applies valid overrides and disables with null', () => {
    expect(resolveShortcuts({ answer: 'F8', hangup: null })).toEqual({ shortcuts: { ...DEFAULT_SHORTCUTS, answer: 'F8', hangup: null }, warnings: [] });
  });

  it('keeps the default for an invalid accelerator and warns', () => {
    const { shortcuts, warnings } = resolveShortcuts({ mute: 'M' });
    expect(shortcuts.mute).toBe(DEFAULT_SHORTCUTS.mute);
    expect(warnings).toEqual([`shortcut for mute: "M" needs a modifier such as Ctrl+Alt; keeping ${DEFAULT_SHORTCUTS.mute}`]);
  });

  it('reverts to the defaults when two actions share an accelerator', () => {
    const { shortcuts, warnings } = resolveShortcuts({ answer: 'F8', hangup: 'f8' });
    expect(shortcuts).toEqual(DEFAULT_SHORTCUTS);
    expect(warnings[0]).toContain('used by both answer and hangup');
  });
});
