/**
 * Realistic, unique E.164 numbers for the five markets of the demo. Each phone "slot" (a global
 * counter) goes through a bijective permutation inside one country's numbering space, so no two
 * slots ever produce the same number and no lookup table is needed at 1M customers.
 */
import { permute } from './random';

export const COUNTRIES = ['ES', 'MX', 'AR', 'CO', 'US'] as const;
export type Country = (typeof COUNTRIES)[number];

interface NumberingPlan {
  /** Leading digits of the area/mobile prefix, chosen by the permuted value's high part. */
  prefixes: readonly string[];
  /** How many subscriber numbers each prefix has. */
  subscriberSpace: number;
  /** Digits of a subscriber number after the prefix. */
  subscriberDigits: number;
  /** Smallest subscriber number (US exchanges cannot start with 0 or 1). */
  subscriberBase: number;
  multiplier: number;
}

const PLANS: Record<Country, NumberingPlan> = {
  // Spanish mobiles: 6xx xxx xxx.
  ES: { prefixes: ['+346'], subscriberSpace: 1e8, subscriberDigits: 8, subscriberBase: 0, multiplier: 48_271 },
  // Mexico City, Guadalajara and Monterrey (10-digit national numbers).
  MX: { prefixes: ['+5255', '+5233', '+5281'], subscriberSpace: 1e8, subscriberDigits: 8, subscriberBase: 0, multiplier: 69_623 },
  // Buenos Aires mobiles in international format: +54 9 11 xxxx xxxx.
  AR: { prefixes: ['+54911'], subscriberSpace: 1e8, subscriberDigits: 8, subscriberBase: 0, multiplier: 16_807 },
  // Colombian mobiles 310–319.
  CO: { prefixes: ['+5731'], subscriberSpace: 1e8, subscriberDigits: 8, subscriberBase: 0, multiplier: 40_693 },
  // US: real area codes, exchange 200–999.
  US: {
    prefixes: ['+1212', '+1305', '+1312', '+1415', '+1512', '+1617', '+1702', '+1713', '+1786', '+1917'],
    subscriberSpace: 8e6, subscriberDigits: 7, subscriberBase: 2e6, multiplier: 1_234_567,
  },
};

/** Largest slot count any plan supports without repeating a number. */
export const MAX_PHONE_SLOTS = Math.min(...COUNTRIES.map((c) => PLANS[c].prefixes.length * PLANS[c].subscriberSpace));

/** The E.164 number for a slot in a country; distinct slots give distinct numbers. */
export function phoneForSlot(country: Country, slot: number, seed: number): string {
  const plan = PLANS[country];
  const space = plan.prefixes.length * plan.subscriberSpace;
  const value = permute(slot, space, plan.multiplier, (seed >>> 0) % space);
  const prefix = plan.prefixes[Math.floor(value / plan.subscriberSpace)];
  const subscriber = plan.subscriberBase + (value % plan.subscriberSpace);
  return `${prefix}${String(subscriber).padStart(plan.subscriberDigits, '0')}`;
}

export const COUNTRY_LANGUAGE: Record<Country, string> = { ES: 'es-ES', MX: 'es-MX', AR: 'es-AR', CO: 'es-CO', US: 'en-US' };
