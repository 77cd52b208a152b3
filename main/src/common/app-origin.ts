/**
 * The renderer's only trusted origin. It is a privileged standard+secure custom scheme,
 * so Chromium gives it a real origin; WHATWG `URL.origin` is "null" for custom schemes in
 * Node, which is why we compare scheme and host instead of `origin` strings.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'centralita';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True only for `app://centralita/...` without credentials or port. */
export function isAppUrl(raw: string | null | undefined): boolean {
  if (typeof raw !== 'string' || raw.length === 0) return false;
  const url = parseUrl(raw);
  if (!url) return false;
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname.toLowerCase() === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
