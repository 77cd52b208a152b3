/** OS-wide call shortcuts → `shortcut:call` events to the renderer. */
import { globalShortcut, type WebContents } from 'electron';
import type { CallShortcut } from '@contract';
import type { ShortcutMap } from '../common/shortcuts';
import { sendEvent } from './ipc';
import { log } from './log';

/** Registers what it can; an accelerator taken by another app is reported, not fatal. */
export function registerCallShortcuts(shortcuts: ShortcutMap, target: () => WebContents | undefined): CallShortcut[] {
  const registered: CallShortcut[] = [];
  for (const [action, accelerator] of Object.entries(shortcuts) as [CallShortcut, string | null][]) {
    if (accelerator === null) continue;
    const ok = globalShortcut.register(accelerator, () => sendEvent(target(), 'shortcut:call', action));
    if (ok) registered.push(action);
    else log.warn(`global shortcut ${accelerator} (${action}) is taken by another application`);
  }
  return registered;
}

export function unregisterCallShortcuts(): void {
  globalShortcut.unregisterAll();
}
