import { describe, expect, it } from 'vitest';
import { uuidV7Schema } from '@contract';
import { randomClientId, uuidv7, uuidv7Time } from './uuid7';

describe('uuidv7', () => {
  it('produces ids the contract accepts as UUIDv7', () => {
    for (let index = 0; index < 200; index += 1) expect(uuidV7Schema.safeParse(uuidv7()).success).toBe(true);
  });

  it('encodes the timestamp in the first 48 bits', () => {
    const now = Date.UTC(2026, 10, 24, 1, 2, 3, 456);
    expect(uuidv7Time(uuidv7(now))).toBe(now);
  });

  it('sorts by creation time as a string', () => {
    const zeros = (bytes: Uint8Array) => bytes.fill(0xff);
    const earlier = uuidv7(1_700_000_000_000, zeros);
    const later = uuidv7(1_700_000_000_001, () => undefined);
    expect(earlier < later).toBe(true);
  });

  it('sets version and variant bits whatever the random bytes are', () => {
    const id = uuidv7(0, (bytes) => bytes.fill(0xff));
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(id).toBe('00000000-0000-7fff-bfff-ffffffffffff');
  });

  it('refuses timestamps that do not fit in 48 bits', () => {
    expect(() => uuidv7(-1)).toThrow(RangeError);
    expect(() => uuidv7(2 ** 48)).toThrow(RangeError);
  });

  it('gives client ids usable as HLC nodes', () => {
    const id = randomClientId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
