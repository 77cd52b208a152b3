/**
 * Validation for `shell.openExternal`: only http, https and mailto, well-formed, without
 * embedded credentials or control characters. The normalised href is what gets opened.
 */
import { parseUrl } from './app-origin';

export const EXTERNAL_URL_MAX_LENGTH = 2048;
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export type ExternalUrlDecision = { ok: true; url: string } | { ok: false; reason: string };

export function validateExternalUrl(raw: unknown): ExternalUrlDecision {
  if (typeof raw !== 'string' || raw.trim().length === 0) return { ok: false, reason: 'not a URL' };
  if (raw.length > EXTERNAL_URL_MAX_LENGTH) return { ok: false, reason: 'URL too long' };
  // Control characters and spaces are how shell-handler injection usually starts.
  if (hasSpaceOrControl(raw)) return { ok: false, reason: 'URL contains whitespace or control characters' };
  const url = parseUrl(raw);
  if (!url) return { ok: false, reason: 'malformed URL' };
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return { ok: false, reason: `scheme ${url.protocol} is not allowed` };
  if (url.protocol === 'mailto:') {
    if (!/^[^@\s]+@[^@\s]+$/.test(safeDecode(url.pathname))) return { ok: false, reason: 'mailto without a valid address' };
    return { ok: true, url: url.href };
  }
  if (url.hostname === '') return { ok: false, reason: 'URL has no host' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'URL carries credentials' };
  return { ok: true, url: url.href };
}

function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
