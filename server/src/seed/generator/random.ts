/**
 * Deterministic randomness for the data generator. Every customer gets its own generator seeded
 * from (run seed, customer index), so the data does not depend on chunk size or insert order.
 */

/** A 32-bit integer hash (murmur3 finaliser) used to derive independent seeds. */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= Math.imul(part | 0, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** 128 random bits formatted as a version-4 UUID. */
  uuid(): string;
}

/** mulberry32: tiny, fast and good enough for synthetic data (not for secrets). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex8 = (): string => Math.floor(next() * 4294967296).toString(16).padStart(8, '0');
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    chance: (probability) => next() < probability,
    weighted: (entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new Error('cannot pick from an empty list');
      return last[0];
    },
    uuid: () => {
      const a = hex8();
      const b = hex8();
      const c = hex8();
      const d = hex8();
      const variant = ((parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
  };
}

/**
 * A bijection on [0, modulus): x ↦ (x·multiplier + offset) mod modulus. With a multiplier coprime
 * to the modulus every input maps to a distinct output, which makes generated phone numbers unique
 * without a lookup table while still looking random.
 */
export function permute(value: number, modulus: number, multiplier: number, offset: number): number {
  if (value < 0 || value >= modulus) throw new RangeError(`value ${value} outside [0, ${modulus})`);
  const product = value * multiplier + offset;
  // Plain doubles are exact below 2^53; fall back to BigInt only when the product could exceed it.
  if (Number.isSafeInteger(product)) return product % modulus;
  return Number((BigInt(value) * BigInt(multiplier) + BigInt(offset)) % BigInt(modulus));
}

/**
 * Ids unique by construction for (seed, customer index, n-th entity of that customer), formatted
 * as version-4 UUIDs. Random bits alone are not enough: per-customer generators are seeded with a
 * 32-bit hash, and at a million customers some of those seeds collide.
 */
export function idFactory(seed: number, index: number): () => string {
  const seedHex = hash32(seed, 0x5eed).toString(16).padStart(8, '0');
  const indexHex = index.toString(16).padStart(12, '0');
  if (indexHex.length > 12) throw new RangeError(`customer index ${index} too large for an id`);
  const mix = hash32(seed, index, 0x1d).toString(16).padStart(8, '0');
  let n = 0;
  return () => {
    if (n > 0xffff) throw new RangeError('more than 65 536 entities for one customer');
    const counter = (n++).toString(16).padStart(4, '0');
    return `${seedHex}-${counter}-4${mix.slice(0, 3)}-${((parseInt(mix[3] as string, 16) & 0x3) | 0x8).toString(16)}${mix.slice(4, 7)}-${indexHex}`;
  };
}
