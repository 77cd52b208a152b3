/**
 * Content-Security-Policy for the renderer, sent as a response header by the app protocol.
 * Scripts only from the app itself (no inline, no eval); network only to the backend and
 * the SIP WebSocket origins from the host config.
 */
import { parseUrl } from './app-origin';

export interface CspInput {
  backendUrl: string;
  sipWssUrl: string | null;
}

const SAFE_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[a-z0-9.\-[\]:]+$/i;

/** The origin of an http(s) or ws(s) URL, or an error: a bad value must not widen the policy. */
export function cspOrigin(raw: string, allowed: readonly string[]): string {
  const url = parseUrl(raw);
  if (!url || !allowed.includes(url.protocol)) throw new Error(`CSP: ${raw} must be a ${allowed.join(' or ')} URL`);
  const origin = `${url.protocol}//${url.host}`;
  if (!SAFE_ORIGIN.test(origin)) throw new Error(`CSP: ${raw} has an unsafe origin`);
  return origin;
}

export function buildCsp(input: CspInput): string {
  const connect = new Set(["'self'", cspOrigin(input.backendUrl, ['http:', 'https:'])]);
  if (input.sipWssUrl !== null) connect.add(cspOrigin(input.sipWssUrl, ['ws:', 'wss:']));
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    // No inline styles either (React style props go through CSSOM, which CSP does not block).
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // Ringtones ship with the app; remote audio arrives as a MediaStream (not governed here).
    'media-src': ["'self'", 'blob:', 'data:'],
    'connect-src': [...connect],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'child-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/**
 * Removes `<meta http-equiv="Content-Security-Policy">` from served HTML. The browser edition
 * ships one whose `connect-src 'self'` means "the backend" there; under app:// it would block
 * the backend, and CSPs intersect. The header from buildCsp is the single policy in Electron,
 * and it is at least as strict everywhere else.
 */
export function stripMetaCsp(html: string): string {
  return html.replace(/<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/gi, '');
}
