import { describe, expect, it } from 'vitest';
import { safeExternalUrl } from './external-url';

describe('safeExternalUrl', () => {
  it('allows http, https and mailto links, normalised', () => {
    expect(safeExternalUrl('https://example.com/help?q=1')).toBe('https://example.com/help?q=1');
    expect(safeExternalUrl('HTTP://Example.com')).toBe('http://example.com/');
    expect(safeExternalUrl('mailto:support@example.com')).toBe('mailto:support@example.com');
  });

  it('refuses every other scheme', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<b>x</b>', 'tel:+34600000000', 'sip:100@pbx', 'ftp://example.com', 'chrome://settings']) {
      expect(safeExternalUrl(url), url).toBeNull();
    }
  });

  it('refuses URLs with credentials, relative URLs, junk, non-strings and over-long input', () => {
    expect(safeExternalUrl('https://user:pass@example.com/')).toBeNull();
    expect(safeExternalUrl('/relative/path')).toBeNull();
    expect(safeExternalUrl('not a url')).toBeNull();
    expect(safeExternalUrl('')).toBeNull();
    expect(safeExternalUrl(42)).toBeNull();
    expect(safeExternalUrl(`https://example.com/${'a'.repeat(2100)}`)).toBeNull();
  });
});
