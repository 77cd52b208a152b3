import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-origin';
import { decideNavigation } from './navigation';
import { decideWindowOpen } from './window-open';
import { validateExternalUrl } from './external-url';

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://centralita/', 'app://centralita', 'app://CENTRALITA/assets/x.js', 'app://centralita/#/queues'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://evil/index.html',
    'app://centralita.evil.com/',
    'app://centralita:8080/',
    'app://user@centralita/',
    'file:///work/main/out/renderer/index.html',
    'http://centralita/',
    'https://127.0.0.1:8787/',
    'javascript:alert(1)',
    'not a url',
    '',
    null,
    undefined,
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('decideNavigation (will-navigate / will-redirect)', () => {
  it('allows moving inside the app', () => {
    expect(decideNavigation('app://centralita/index.html#/settings')).toEqual({ allow: true });
  });

  it.each(['https://example.com/', 'http://127.0.0.1:8787/api', 'file:///etc/passwd', 'data:text/html,<script>1</script>', 'about:blank', 'chrome://gpu'])(
    'blocks %s with a reason',
    (url) => {
      const decision = decideNavigation(url);
      expect(decision.allow).toBe(false);
      if (!decision.allow) expect(decision.reason).toContain('blocked');
    },
  );

  it('truncates very long URLs in the reason', () => {
    const decision = decideNavigation(`https://example.com/${'a'.repeat(500)}`);
    expect(decision.allow).toBe(false);
    if (!decision.allow) expect(decision.reason.length).toBeLessThan(140);
  });
});

describe('validateExternalUrl (shell.openExternal)', () => {
  it.each([
    ['https://example.com/help?q=1', 'https://example.com/help?q=1'],
    ['http://intranet.local/wiki', 'http://intranet.local/wiki'],
    ['mailto:soporte@example.com', 'mailto:soporte@example.com'],
    ['mailto:soporte@example.com?subject=Hola', 'mailto:soporte@example.com?subject=Hola'],
    ['HTTPS://Example.COM', 'https://example.com/'],
  ])('opens %s as %s', (raw, normalised) => {
    expect(validateExternalUrl(raw)).toEqual({ ok: true, url: normalised });
  });

  it.each([
    ['file:///etc/passwd', 'scheme file: is not allowed'],
    ['javascript:alert(1)', 'scheme javascript: is not allowed'],
    ['smb://server/share', 'scheme smb: is not allowed'],
    ['ms-msdt:/id PCWDiagnostic', 'whitespace or control characters'],
    ['app://centralita/index.html', 'scheme app: is not allowed'],
    ['tel:+34911222333', 'scheme tel: is not allowed'],
    ['https://user:secret@example.com/', 'carries credentials'],
    ['https://exa mple.com', 'whitespace or control characters'],
    ['https://example.com/\u0000', 'whitespace or control characters'],
    ['mailto:', 'mailto without a valid address'],
    ['mailto:%E0%A4%A', 'mailto without a valid address'],
    ['example.com', 'malformed URL'],
    ['', 'not a URL'],
    [`https://example.com/${'x'.repeat(2048)}`, 'URL too long'],
  ])('refuses %s', (raw, reason) => {
    const decision = validateExternalUrl(raw);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.reason).toContain(reason);
  });

  it('refuses values that are not strings', () => {
    expect(validateExternalUrl(42)).toEqual({ ok: false, reason: 'not a URL' });
    expect(validateExternalUrl({ href: 'https://example.com' })).toEqual({ ok: false, reason: 'not a URL' });
  });
});

describe('decideWindowOpen (setWindowOpenHandler)', () => {
  it('never opens a window, but hands safe links to the system browser', () => {
    expect(decideWindowOpen('https://example.com/docs')).toEqual({ action: 'deny', openExternally: 'https://example.com/docs', reason: 'opened in the system browser' });
  });

  it.each(['app://centralita/index.html', 'about:blank', 'file:///tmp/x.html', 'javascript:void(0)', ''])('denies %s without opening anything', (url) => {
    const decision = decideWindowOpen(url);
    expect(decision.action).toBe('deny');
    expect(decision.openExternally).toBeNull();
    expect(decision.reason.length).toBeGreaterThan(0);
  });
});
