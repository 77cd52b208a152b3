/**
 * Deny-by-default permission table for the session. The softphone needs the microphone and
 * nothing else: `media` is granted only when every requested type is audio and the request
 * comes from the app's own main-frame origin. Used by BOTH the request and the check handler,
 * because Chromium consults the check handler without ever asking (enumerateDevices, etc.).
 */
import { isAppUrl } from './app-origin';

export type PermissionDecision = { grant: true } | { grant: false; reason: string };

export interface PermissionRequestInput {
  permission: string;
  /** `details.securityOrigin` when Electron provides it, else `details.requestingUrl`. */
  origin: string | undefined;
  isMainFrame: boolean;
  mediaTypes: readonly string[] | undefined;
}

export interface PermissionCheckInput {
  permission: string;
  origin: string | undefined;
  isMainFrame: boolean;
  mediaType: string | undefined;
}

const deny = (reason: string): PermissionDecision => ({ grant: false, reason });

function fromApp(origin: string | undefined, isMainFrame: boolean): PermissionDecision | null {
  if (!isAppUrl(origin)) return deny(`origin ${origin ?? '(none)'} is not the app`);
  if (!isMainFrame) return deny('subframes get no permissions');
  return null;
}

export function decidePermissionRequest(input: PermissionRequestInput): PermissionDecision {
  if (input.permission !== 'media') return deny(`permission ${input.permission} is never granted`);
  const originProblem = fromApp(input.origin, input.isMainFrame);
  if (originProblem) return originProblem;
  const types = input.mediaTypes ?? [];
  if (types.length === 0) return deny('media request without media types');
  if (!types.every((type) => type === 'audio')) return deny('only audio capture is allowed');
  return { grant: true };
}

export function decidePermissionCheck(input: PermissionCheckInput): PermissionDecision {
  if (input.permission !== 'media') return deny(`permission ${input.permission} is never granted`);
  const originProblem = fromApp(input.origin, input.isMainFrame);
  if (originProblem) return originProblem;
  if (input.mediaType !== 'audio') return deny('only audio capture is allowed');
  return { grant: true };
}

/** HID, serial, USB, Bluetooth: the app never needs device access. */
export function decideDevicePermission(): PermissionDecision {
  return deny('device access (HID, serial, USB) is never granted');
}
