import type { CallShortcut } from '@contract';

/**
 * In-page call shortcuts of the browser edition. They mirror the Electron edition's global
 * accelerators (Ctrl+Alt+A answer, Ctrl+Alt+H hang up, Ctrl+Alt+M mute, Ctrl+Alt+P hold) but only
 * work while the Centralita tab has focus. `code` is used, not `key`, so they work on any keyboard
 * layout and on macOS, where Alt changes the produced character.
 */
export const CALL_SHORTCUT_KEYS: Readonly<Record<CallShortcut, string>> = {
  answer: 'KeyA',
  hangup: 'KeyH',
  mute: 'KeyM',
  hold: 'KeyP',
};

export interface ShortcutKeyEvent {
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
  readonly repeat: boolean;
}

export function callShortcutForKey(event: ShortcutKeyEvent): CallShortcut | null {
  if (!event.ctrlKey || !event.altKey || event.shiftKey || event.metaKey || event.repeat) return null;
  for (const [shortcut, code] of Object.entries(CALL_SHORTCUT_KEYS) as [CallShortcut, string][]) {
    if (code === event.code) return shortcut;
  }
  return null;
}
