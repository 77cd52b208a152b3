import { describe, expect, it } from 'vitest';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { COUNTRIES, phoneForSlot } from './phones';
import { createRandom, hash32, idFactory } from './random';

describe('phoneForSlot', () => {
  it('produces valid E.164 numbers of the right country', () => {
    for (const country of COUNTRIES) {
      for (let slot = 0; slot < 2000; slot += 37) {
        const phone = phoneForSlot(country, slot, 42);
        expect(phone).toMatch(/^\+\d{8,15}$/);
        expect(isValidPhoneNumber(phone), `${phone} (${country})`).toBe(true);
        expect(parsePhoneNumberFromString(phone)?.country).toBe(country);
      }
    }
  });

  it('never repeats a number for distinct slots', () => {
    for (const country of COUNTRIES) {
      const seen = new Set<string>();
      for (let slot = 0; slot < 50_000; slot++) seen.add(phoneForSlot(country, slot, 7));
      expect(seen.size).toBe(50_000);
    }
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(phoneForSlot('ES', 123, 1)).toBe(phoneForSlot('ES', 123, 1));
    expect(phoneForSlot('ES', 123, 1)).not.toBe(phoneForSlot('ES', 123, 2));
  });
});

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and formats valid UUIDs', () => {
    const a = createRandom(hash32(1, 2));
    const b = createRandom(hash32(1, 2));
    const sequence = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sequence);
    expect(a.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('idFactory', () => {
  it('gives distinct, well-formed ids for every (customer, entity) pair, even when per-customer seeds collide', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 20_000; index++) {
      const next = idFactory(9, index);
      for (let n = 0; n < 5; n++) seen.add(next());
    }
    expect(seen.size).toBe(100_000);
    expect([...seen][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
