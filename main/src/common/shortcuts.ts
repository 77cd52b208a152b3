/**
 * Global call shortcuts (answer, hang up, mute, hold): Electron accelerator validation and
 * the defaults. A global shortcut without a modifier would steal plain typing from every
 * other app, so one is required except for function and media keys.
 */
import type { CallShortcut } from '@contract';

export type ShortcutMap = Record<CallShortcut, string | null>;

export const DEFAULT_SHORTCUTS: Readonly<ShortcutMap> = {
  answer: 'CommandOrControl+Alt+A',
  hangup: 'CommandOrControl+Alt+H',
  mute: 'CommandOrControl+Alt+M',
  hold: 'CommandOrControl+Alt+P',
};

const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'backspace', 'delete', 'insert', 'return', 'enter', 'up', 'down', 'left', 'right',
  'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9', 'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);
const STANDALONE_KEYS = /^(f([1-9]|1[0-9]|2[0-4])|mediaplaypause|medianexttrack|mediaprevioustrack|mediastop|volumeup|volumedown|volumemute)$/;
const PUNCTUATION = new Set([')', '!', '@', '#', '$', '%', '^', '&', '*', '(', ':', ';', '<', '=', '>', '?', '_', '~', '{', '|', '}', '"', ',', '-', '.', '/', '`', '[', '\\', ']', "'"]);

export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; reason: string };

export function validateAccelerator(raw: string): AcceleratorCheck {
  const parts = raw.split('+').map((part) => part.trim());
  if (raw.length > 64 || parts.some((part) => part.length === 0)) return { ok: false, reason: `"${raw}" is not an accelerator` };
  const key = parts.at(-1) ?? '';
  const modifiers = parts.slice(0, -1).map((part) => part.toLowerCase());
  const unknownModifier = modifiers.find((modifier) => !MODIFIERS.has(modifier));
  if (unknownModifier !== undefined) return { ok: false, reason: `"${unknownModifier}" is not a modifier` };
  if (new Set(modifiers).size !== modifiers.length) return { ok: false, reason: `"${raw}" repeats a modifier` };
  const lowerKey = key.toLowerCase();
  const standalone = STANDALONE_KEYS.test(lowerKey);
  const validKey = /^[a-z0-9]$/i.test(key) || NAMED_KEYS.has(lowerKey) || PUNCTUATION.has(key) || standalone;
  if (!validKey) return { ok: false, reason: `"${key}" is not a key` };
  if (modifiers.length === 0 && !standalone) return { ok: false, reason: `"${raw}" needs a modifier such as Ctrl+Alt` };
  return { ok: true, accelerator: parts.join('+') };
}

/**
 * Shortcuts from the settings file over the defaults. `null` turns one off; an invalid or
 * duplicated accelerator keeps the default and produces a warning.
 */
export function resolveShortcuts(overrides: Partial<Record<CallShortcut, string | null>> | undefined): { shortcuts: ShortcutMap; warnings: string[] } {
  const shortcuts: ShortcutMap = { ...DEFAULT_SHORTCUTS };
  const warnings: string[] = [];
  for (const action of Object.keys(DEFAULT_SHORTCUTS) as CallShortcut[]) {
    const wanted = overrides?.[action];
    if (wanted === undefined) continue;
    if (wanted === null) {
      shortcuts[action] = null;
      continue;
    }
    const check = validateAccelerator(wanted);
    if (check.ok) shortcuts[action] = check.accelerator;
    else warnings.push(`shortcut for ${action}: ${check.reason}; keeping ${DEFAULT_SHORTCUTS[action]}`);
  }
  const seen = new Map<string, CallShortcut>();
  for (const action of Object.keys(shortcuts) as CallShortcut[]) {
    const accelerator = shortcuts[action];
    if (accelerator === null) continue;
    const normalized = accelerator.toLowerCase();
    const owner = seen.get(normalized);
    if (owner !== undefined) {
      warnings.push(`shortcut ${accelerator} is used by both ${owner} and ${action}; using the defaults`);
      return { shortcuts: { ...DEFAULT_SHORTCUTS }, warnings };
    }
    seen.set(normalized, action);
  }
  return { shortcuts, warnings };
}
