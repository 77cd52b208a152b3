/**
 * Serves the built renderer from `app://centralita/` instead of file://, so the page gets a
 * real, stable origin (permissions, storage, CSP) and cannot read arbitrary files.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME } from '../common/app-origin';
import { mimeTypeFor, resolveAppResource } from '../common/app-protocol-paths';
import { stripMetaCsp } from '../common/csp';
import { log } from './log';

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

async function readFirst(paths: readonly string[]): Promise<{ path: string; body: Buffer } | null> {
  for (const path of paths) {
    try {
      return { path, body: await readFile(path) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') throw error;
    }
  }
  return null;
}

export function serveRenderer(rendererRoot: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resource = resolveAppResource(rendererRoot, request.url);
    if (resource.kind === 'refused') {
      log.warn(`app:// ${request.url} refused (${resource.status}): ${resource.reason}`);
      return new Response(resource.reason, { status: resource.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const candidates = resource.spaFallback ? [resource.path, resource.spaFallback] : [resource.path];
    const found = await readFirst(candidates);
    if (!found) return new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': mimeTypeFor(found.path) };
    if (!found.path.endsWith('.html')) return new Response(new Uint8Array(found.body), { status: 200, headers });
    headers['Content-Security-Policy'] = csp;
    return new Response(stripMetaCsp(found.body.toString('utf8')), { status: 200, headers });
  });
}
