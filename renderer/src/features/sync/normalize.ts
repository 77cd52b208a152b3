/** Normalisation used for both indexing and lookups, so a search key always matches its index. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** Lowercase and strip accents: "José Núñez" → "jose nunez". */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** E.164 for a dialled or stored number, or null when it is not a possible phone number. */
export function normalizePhone(raw: string, defaultCountry: CountryCode = 'ES'): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return parsed && parsed.isPossible() ? parsed.number : null;
}

export function normalizeIdentityValue(kind: string, value: string, defaultCountry: CountryCode = 'ES'): string {
  const trimmed = value.trim();
  if (kind === 'phone') return normalizePhone(trimmed, defaultCountry) ?? trimmed;
  if (kind === 'email') return trimmed.toLowerCase();
  return trimmed;
}
