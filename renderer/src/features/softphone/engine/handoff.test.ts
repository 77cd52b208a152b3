import { describe, expect, it } from 'vitest';
import { Grammar, URI } from 'sip.js';
import { decodeHandoff, encodeHandoff, HANDOFF_MAX_BYTES, handoffFits, handoffFromReferTo, handoffUriHeaderValue } from './handoff';

const note = JSON.stringify({ notes: 'Quiere la baja; ya llamó dos veces — ñ €', emotion: 'angry', complaint: 'billing' });

describe('transfer hand-off in a User-to-User header', () => {
  it('round-trips UTF-8 text through the RFC 7433 hex form with our purpose', () => {
    const header = encodeHandoff(note);
    expect(header).toMatch(/^[0-9a-f]+;encoding=hex;purpose=centralita$/);
    expect(decodeHandoff(header)).toBe(note);
  });

  it('accepts parameters in any order, case and with spaces', () => {
    const hex = encodeHandoff('hola')?.split(';')[0] ?? '';
    expect(decodeHandoff(`${hex} ; Purpose="Centralita" ; ENCODING=HEX`)).toBe('hola');
  });

  it('refuses empty and oversized text', () => {
    expect(encodeHandoff('')).toBeNull();
    const max = 'x'.repeat(HANDOFF_MAX_BYTES);
    expect(handoffFits(max)).toBe(true);
    expect(encodeHandoff(max)).not.toBeNull();
    expect(handoffFits(`${max}x`)).toBe(false);
    expect(encodeHandoff(`${max}x`)).toBeNull();
    // The cap counts bytes, not characters: 200 euro signs are 600 bytes.
    expect(handoffFits('€'.repeat(200))).toBe(false);
  });

  it('ignores user-to-user data that is not ours or not valid', () => {
    expect(decodeHandoff(undefined)).toBeNull();
    expect(decodeHandoff('686f6c61;encoding=hex')).toBeNull(); // no purpose: someone else's UUI
    expect(decodeHandoff('686f6c61;encoding=hex;purpose=isdn-interwork')).toBeNull();
    expect(decodeHandoff('aG9sYQ==;encoding=base64;purpose=centralita')).toBeNull();
    expect(decodeHandoff('686f6c6;encoding=hex;purpose=centralita')).toBeNull(); // odd length
    expect(decodeHandoff('zz;encoding=hex;purpose=centralita')).toBeNull();
    expect(decodeHandoff('c328;encoding=hex;purpose=centralita')).toBeNull(); // invalid UTF-8
    expect(decodeHandoff(`${'61'.repeat(HANDOFF_MAX_BYTES + 1)};encoding=hex;purpose=centralita`)).toBeNull();
  });

  it('survives a Refer-To URI: escaped into its headers, written and read back by sip.js', () => {
    const header = encodeHandoff(note) ?? '';
    const uri = new URI('sip', '1002', 'pbx.test', undefined, {}, { 'User-to-User': [handoffUriHeaderValue(header)] });
    const written = uri.toString();
    expect(written).not.toMatch(/[;=]purpose/); // escaped, so it is not read as URI parameters
    const parsed = Grammar.nameAddrHeaderParse(`<${written}>`);
    expect(parsed?.uri.user).toBe('1002');
    const carried = handoffFromReferTo(parsed?.uri.getHeader('User-to-User'));
    expect(carried).toBe(header);
    expect(decodeHandoff(carried)).toBe(note);
  });

  it('copies nothing foreign or malformed from a Refer-To into the INVITE', () => {
    expect(handoffFromReferTo(undefined)).toBeNull();
    expect(handoffFromReferTo([])).toBeNull();
    expect(handoffFromReferTo(encodeURIComponent('686f6c61;encoding=hex;purpose=other'))).toBeNull();
    expect(handoffFromReferTo('%E0%A4%A')).toBeNull(); // broken escape
    expect(handoffFromReferTo(encodeURIComponent('686f6c61;encoding=hex;purpose=centralita\r\nX-Evil: 1'))).toBeNull();
  });
});
