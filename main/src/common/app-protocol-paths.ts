/**
 * Maps `app://centralita/<path>` requests to files under the built renderer folder.
 * Anything that would leave that folder (`..`, encoded separators, absolute paths, NUL) is
 * refused; other hosts are refused; unknown extension-less paths fall back to index.html
 * so client-side routes survive a reload.
 */
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, parseUrl } from './app-origin';

export type AppResource =
  | { kind: 'file'; path: string; mimeType: string; spaFallback: string | null }
  | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.webm': 'audio/webm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function resolveAppResource(rendererRoot: string, requestUrl: string): AppResource {
  const url = parseUrl(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:`) return { kind: 'refused', status: 400, reason: 'not an app:// URL' };
  if (url.hostname.toLowerCase() !== APP_HOST || url.port !== '' || url.username !== '') return { kind: 'refused', status: 403, reason: `unknown host ${url.host}` };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'malformed path encoding' };
  }
  // Encoded backslashes and NUL bytes are traversal tricks on Windows and in C APIs.
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refused', status: 400, reason: 'forbidden characters in path' };
  const relativePath = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  if (relativePath.split('/').some((segment) => segment === '..')) return { kind: 'refused', status: 403, reason: 'path traversal refused' };
  const root = normalize(rendererRoot);
  const candidate = normalize(join(root, relativePath));
  const inside = relative(root, candidate);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) {
    return { kind: 'refused', status: 403, reason: 'path traversal refused' };
  }
  const spaFallback = extname(candidate) === '' ? join(root, 'index.html') : null;
  return { kind: 'file', path: candidate, mimeType: mimeTypeFor(candidate), spaFallback };
}
