import { describe, expect, it } from 'vitest';
import { mapHeader, validateRow } from './validate';

const header = mapHeader(['Customer Number', 'Name', 'Phone', 'Email', 'Country', 'Language', 'Loyalty', 'CLV']);
const options = { defaultCountry: 'ES' as const };
const row = (overrides: Partial<Record<'number' | 'name' | 'phone' | 'email' | 'country' | 'language' | 'loyalty' | 'clv', string>>) => [
  overrides.number ?? 'CN-1', overrides.name ?? 'Ana García', overrides.phone ?? '612 34 56 78', overrides.email ?? 'Ana@Example.com',
  overrides.country ?? '', overrides.language ?? 'es-ES', overrides.loyalty ?? 'Gold', overrides.clv ?? '1200.50',
];

describe('mapHeader', () => {
  it('refuses a file with no name or no identifier column', () => {
    expect(() => mapHeader(['phone', 'email'])).toThrow(/no name column/);
    expect(() => mapHeader(['name', 'notes'])).toThrow(/no identifier column/);
  });

  it('accepts first_name/last_name instead of name', () => {
    const split = mapHeader(['first_name', 'last_name', 'email']);
    expect(validateRow(2, ['Ana', 'García', 'ana@example.com'], split, options)).toMatchObject({ ok: true, customer: { displayName: 'Ana García' } });
  });
});

describe('validateRow', () => {
  it('normalises a good row: E.164 phone from the default country, lower-case email, loyalty, CLV', () => {
    expect(validateRow(2, row({}), header, options)).toEqual({
      ok: true,
      customer: {
        line: 2, displayName: 'Ana García', phones: ['+34612345678'], emails: ['ana@example.com'], customerNumber: 'CN-1',
        language: 'es-ES', loyaltyLevel: 'gold', lifetimeValue: 1200.5,
      },
    });
  });

  it('uses the row country for national numbers and accepts several phones', () => {
    const result = validateRow(3, row({ country: 'mx', phone: '55 1234 5678; +1 212 765 4321' }), header, options);
    expect(result).toMatchObject({ ok: true, customer: { phones: ['+525512345678', '+12127654321'] } });
  });

  it.each([
    [{ phone: '12' }, 'bad phone "12"'],
    [{ name: '  ' }, 'missing name'],
    [{ email: 'ana@' }, 'bad email "ana@"'],
    [{ email: 'a b@example.com' }, 'bad email "a b@example.com"'],
    [{ loyalty: 'diamond' }, 'bad loyalty level "diamond"'],
    [{ clv: '-5' }, 'bad lifetime value "-5"'],
    [{ clv: '12,5' }, 'bad lifetime value "12,5"'],
    [{ language: 'Spanish!' }, 'bad language "Spanish!"'],
    [{ number: '', phone: '', email: '' }, 'no identifier (phone, email or customer number)'],
  ])('rejects %o with a reason', (overrides, reason) => {
    const result = validateRow(7, row(overrides), header, options);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.line).toBe(7);
      expect(result.reason).toContain(reason);
    }
  });

  it('reports every problem of a row, and a wrong field count', () => {
    const result = validateRow(4, row({ name: '', phone: 'abc' }), header, options);
    expect(result).toEqual({ ok: false, line: 4, reason: 'missing name; bad phone "abc"' });
    expect(validateRow(5, ['only', 'two'], header, options)).toEqual({ ok: false, line: 5, reason: 'expected 8 fields, found 2' });
  });
});
