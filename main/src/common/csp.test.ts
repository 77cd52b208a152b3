import { describe, expect, it } from 'vitest';
import { buildCsp, cspOrigin, stripMetaCsp } from './csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split('; ').map((part) => {
    const [name = '', ...sources] = part.split(' ');
    return [name, sources];
  }));
}

describe('buildCsp', () => {
  const csp = directives(buildCsp({ backendUrl: 'http://127.0.0.1:8787/api', sipWssUrl: 'wss://pbx.example.com:7443/ws' }));

  it('allows scripts from the app only, with no eval or inline', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
    expect(csp.get('default-src')).toEqual(["'none'"]);
  });

  it('limits connections to the backend and SIP origins', () => {
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:8787', 'wss://pbx.example.com:7443']);
  });

  it('allows bundled ringtones and blocks frames, objects, forms and base changes', () => {
    expect(csp.get('media-src')).toContain("'self'");
    for (const directive of ['object-src', 'frame-src', 'frame-ancestors', 'base-uri', 'form-action']) expect(csp.get(directive)).toEqual(["'none'"]);
  });

  it('omits the SIP origin when none is configured', () => {
    expect(directives(buildCsp({ backendUrl: 'https://crm.example.com', sipWssUrl: null })).get('connect-src')).toEqual(["'self'", 'https://crm.example.com']);
  });
});

describe('cspOrigin refuses values that would widen the policy', () => {
  it.each([
    ['*', ['http:', 'https:']],
    ['https://*.example.com', ['http:', 'https:']],
    ['ftp://files.example.com', ['http:', 'https:']],
    ['https://crm.example.com', ['ws:', 'wss:']],
    ["https://a.example.com; script-src 'unsafe-inline'", ['http:', 'https:']],
    ['', ['http:', 'https:']],
  ])('%s', (raw, schemes) => {
    expect(() => cspOrigin(raw, schemes)).toThrow(/CSP/);
  });

  it('keeps an explicit port', () => {
    expect(cspOrigin('ws://127.0.0.1:5066/', ['ws:', 'wss:'])).toBe('ws://127.0.0.1:5066');
  });
});

describe('stripMetaCsp', () => {
  it('removes meta CSP tags in any spelling and keeps the rest of the page', () => {
    const html = [
      '<head><meta charset="UTF-8" />',
      '<meta\n  http-equiv="Content-Security-Policy"\n  content="default-src \'self\'; connect-src \'self\' ws: wss:"\n/>',
      "<META HTTP-EQUIV='content-security-policy' CONTENT=\"script-src 'self'\">",
      '<meta name="description" content="Content-Security-Policy is great" />',
      '<title>Centralita</title></head>',
    ].join('\n');
    const stripped = stripMetaCsp(html);
    expect(stripped).not.toMatch(/http-equiv/i);
    expect(stripped).toContain('<meta charset="UTF-8" />');
    expect(stripped).toContain('<meta name="description" content="Content-Security-Policy is great" />');
    expect(stripped).toContain('<title>Centralita</title>');
  });

  it('leaves HTML without a meta CSP untouched', () => {
    const html = '<!doctype html><html><head><title>x</title></head><body></body></html>';
    expect(stripMetaCsp(html)).toBe(html);
  });
});
