import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppResource } from './app-protocol-paths';

const ROOT = '/opt/centralita/out/renderer';

describe('resolveAppResource', () => {
  it('serves index.html for the root', () => {
    expect(resolveAppResource(ROOT, 'app://centralita/')).toEqual({ kind: 'file', path: join(ROOT, 'index.html'), mimeType: 'text/html; charset=utf-8', spaFallback: null });
  });

  it('serves assets with their MIME type and ignores query and hash', () => {
    expect(resolveAppResource(ROOT, 'app://centralita/assets/index-abc.js?v=1#x')).toMatchObject({ kind: 'file', path: join(ROOT, 'assets/index-abc.js'), mimeType: 'text/javascript; charset=utf-8' });
  });

  it('decodes percent-encoded names that stay inside the root', () => {
    expect(resolveAppResource(ROOT, 'app://centralita/sounds/ring%20tone.ogg')).toMatchObject({ kind: 'file', path: join(ROOT, 'sounds/ring tone.ogg'), mimeType: 'audio/ogg' });
  });

  it('offers index.html as the fallback for extension-less client routes', () => {
    expect(resolveAppResource(ROOT, 'app://centralita/queues/42')).toMatchObject({ kind: 'file', spaFallback: join(ROOT, 'index.html') });
  });

  it('keeps dot-segments that the URL parser resolves inside the root', () => {
    expect(resolveAppResource(ROOT, 'app://centralita/%2e%2e/%2e%2e/etc/passwd')).toMatchObject({ kind: 'file', path: join(ROOT, 'etc/passwd') });
  });

  it.each([
    ['app://centralita/assets/..%2f..%2f..%2fetc/passwd', 403],
    ['app://centralita/..%5c..%5cwindows%5cwin.ini', 400],
    ['app://centralita/index.html%00.png', 400],
    ['app://centralita/%E0%A4%A', 400],
    ['app://other/index.html', 403],
    ['app://centralita:99/index.html', 403],
    ['file:///etc/passwd', 400],
    ['garbage', 400],
  ])('refuses %s with %d', (url, status) => {
    expect(resolveAppResource(ROOT, url)).toMatchObject({ kind: 'refused', status });
  });
});

describe('mimeTypeFor', () => {
  it('knows the renderer file types and defaults to octet-stream', () => {
    expect(mimeTypeFor('a.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
