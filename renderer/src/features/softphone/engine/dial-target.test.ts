import { describe, expect, it } from 'vitest';
import { parseDialTarget } from './dial-target';

describe('dial target', () => {
  it('passes extensions through untouched', () => {
    expect(parseDialTarget('2001')).toEqual({ ok: true, kind: 'extension', user: '2001' });
    expect(parseDialTarget(' 10 01 ', 'ES')).toEqual({ ok: true, kind: 'extension', user: '1001' });
  });

  it('normalises national numbers to E.164 with the default country', () => {
    expect(parseDialTarget('612 34 56 78', 'ES')).toEqual({ ok: true, kind: 'e164', user: '+34612345678' });
    expect(parseDialTarget('(202) 555-0143', 'US')).toEqual({ ok: true, kind: 'e164', user: '+12025550143' });
  });

  it('keeps international numbers whatever the default country', () => {
    expect(parseDialTarget('+44 20 7946 0958', 'ES')).toEqual({ ok: true, kind: 'e164', user: '+442079460958' });
  });

  it('sends feature codes to the PBX as typed', () => {
    expect(parseDialTarget('*72')).toEqual({ ok: true, kind: 'service', user: '*72' });
  });

  it('refuses junk, over-long and invalid numbers with a reason', () => {
    expect(parseDialTarget('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseDialTarget('call me')).toEqual({ ok: false, reason: 'invalid-characters' });
    expect(parseDialTarget('sip:evil@example.com')).toEqual({ ok: false, reason: 'invalid-characters' });
    expect(parseDialTarget('1'.repeat(33))).toEqual({ ok: false, reason: 'too-long' });
    expect(parseDialTarget('12345678', 'ES')).toEqual({ ok: false, reason: 'invalid-number' });
    expect(parseDialTarget('612345678')).toEqual({ ok: false, reason: 'invalid-number' });
    expect(parseDialTarget('12*34')).toEqual({ ok: false, reason: 'invalid-number' });
  });
});
