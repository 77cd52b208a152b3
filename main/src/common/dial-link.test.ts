import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dialRequestSchema } from '@contract';
import { DIAL_NUMBER_MAX_LENGTH, dialLinkFromArgv, parseDialLink } from './dial-link';

describe('parseDialLink: accepted links prefill the dialer', () => {
  it.each([
    ['tel:+34911222333', '+34911222333', 'tel'],
    ['tel:+34 911 22 23 33', '+34911222333', 'tel'],
    ['tel:+34-911-222-333', '+34911222333', 'tel'],
    ['tel:(91) 122.23.33', '911222333', 'tel'],
    ['tel:+34%20911%20222%20333', '+34911222333', 'tel'],
    ['TEL:600111222', '600111222', 'tel'],
    ['tel:*21#', '*21#', 'tel'],
    ['tel:%2A21%23', '*21#', 'tel'],
    ['tel:+34911222333;phone-context=example.com', '+34911222333', 'tel'],
    ['tel:911222333;ext=12', '911222333', 'tel'],
    ['callto:+34911222333', '+34911222333', 'callto'],
    ['callto://+34911222333', '+34911222333', 'callto'],
    ['sip:600111222@pbx.example.com', '600111222', 'sip'],
    ['sip:+34911222333@pbx.example.com;user=phone', '+34911222333', 'sip'],
    ['sip:1000', '1000', 'sip'],
    ['  tel:112  ', '112', 'tel'],
  ])('%s → %s', (link, number, source) => {
    expect(parseDialLink(link)).toEqual({ ok: true, request: { number, source } });
  });

  it('accepts exactly the length cap', () => {
    const number = '9'.repeat(DIAL_NUMBER_MAX_LENGTH);
    expect(parseDialLink(`tel:${number}`)).toEqual({ ok: true, request: { number, source: 'tel' } });
  });
});

describe('parseDialLink: refused links say why and never reach the dialer', () => {
  it.each([
    ['https://example.com', null, 'unsupported_scheme'],
    ['sips:1000@pbx', null, 'unsupported_scheme'],
    ['javascript:alert(1)', null, 'unsupported_scheme'],
    ['not a link', null, 'unsupported_scheme'],
    ['tel:', 'tel', 'empty'],
    ['tel:  -- ', 'tel', 'empty'],
    ['tel:;phone-context=x', 'tel', 'empty'],
    ['tel:+34abc', 'tel', 'invalid_characters'],
    ['tel:1+2', 'tel', 'invalid_characters'],
    ['tel:++34911', 'tel', 'invalid_characters'],
    ['tel:911<script>', 'tel', 'invalid_characters'],
    ['tel:911%0A222', 'tel', 'invalid_characters'],
    ['tel:911,222', 'tel', 'invalid_characters'],
    ['tel:911%3B222', 'tel', 'invalid_characters'],
    ['sip:alice@example.com', 'sip', 'invalid_characters'],
    ['sip:@example.com', 'sip', 'malformed'],
    ['tel:%E0%A4%A', 'tel', 'malformed'],
    [`tel:${'1'.repeat(DIAL_NUMBER_MAX_LENGTH + 1)}`, 'tel', 'too_long'],
    [`tel:+${'1'.repeat(DIAL_NUMBER_MAX_LENGTH)}`, 'tel', 'too_long'],
    [`callto:${'1 '.repeat(400)}`, 'callto', 'too_long'],
  ])('%s → %s/%s', (link, source, reason) => {
    const result = parseDialLink(link);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.refusal.source).toBe(source);
      expect(result.refusal.reason).toBe(reason);
      expect(result.refusal.link.length).toBeLessThanOrEqual(80);
    }
  });

  it('never produces a number the contract would reject (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.constantFrom('tel:', 'sip:', 'callto:', 'callto://'), (body, prefix) => {
        const result = parseDialLink(prefix + body);
        if (result.ok) expect(dialRequestSchema.safeParse(result.request).success).toBe(true);
      }),
    );
  });
});

describe('dialLinkFromArgv (cold start and second-instance)', () => {
  it('finds the link among Chromium switches and the app path', () => {
    const argv = ['/opt/Centralita/centralita', '--no-sandbox', '--allow-file-access-from-files', 'tel:+34 911 222 333'];
    expect(dialLinkFromArgv(argv)).toEqual({ ok: true, request: { number: '+34911222333', source: 'tel' } });
  });

  it('uses the last link when several are passed', () => {
    expect(dialLinkFromArgv(['app', 'tel:111', 'callto:222'])).toEqual({ ok: true, request: { number: '222', source: 'callto' } });
  });

  it('returns a refusal for a junk link', () => {
    const result = dialLinkFromArgv(['app', 'tel:rm -rf /']);
    expect(result?.ok).toBe(false);
  });

  it('ignores switches that merely contain a link-like value', () => {
    expect(dialLinkFromArgv(['app', '--open=tel:123', '.'])).toBeNull();
  });

  it('returns null without a link', () => {
    expect(dialLinkFromArgv(['/usr/bin/electron', '/work/main', '--enable-logging'])).toBeNull();
    expect(dialLinkFromArgv([])).toBeNull();
  });
});
