/**
 * What the agent typed → the user part to call. Extensions (2–6 digits) pass as they are;
 * anything else must be a valid phone number and is normalised to E.164 with the default
 * country from settings. Junk is refused with a reason, never dialled.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type DialTarget =
  | { ok: true; kind: 'extension' | 'e164' | 'service'; user: string }
  | { ok: false; reason: 'empty' | 'invalid-characters' | 'too-long' | 'invalid-number' };

const MAX_LENGTH = 32;

export function parseDialTarget(input: string, defaultCountry?: string): DialTarget {
  // Agents paste numbers with spaces, dots, dashes and brackets: those carry no meaning.
  const compact = input.trim().replace(/[\s().-]/g, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  if (compact.length > MAX_LENGTH) return { ok: false, reason: 'too-long' };
  if (!/^\+?[0-9*#]+$/.test(compact)) return { ok: false, reason: 'invalid-characters' };
  if (/^[0-9]{2,6}$/.test(compact)) return { ok: true, kind: 'extension', user: compact };
  // Feature codes such as *72 or #31# go to the PBX untouched.
  if (/[*#]/.test(compact)) return /^[*#]/.test(compact) ? { ok: true, kind: 'service', user: compact } : { ok: false, reason: 'invalid-number' };
  const country = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const phone = parsePhoneNumberFromString(compact, country);
  if (!phone || !phone.isValid()) return { ok: false, reason: 'invalid-number' };
  return { ok: true, kind: 'e164', user: phone.number };
}
