/**
 * Transfer hand-off over SIP: a short text (the app sends JSON) that travels with a transferred
 * call in a `User-to-User` header (RFC 7433), so the receiving agent sees it on ring, before any
 * sync. Wire form: `User-to-User: <hex of the UTF-8 bytes>;encoding=hex;purpose=centralita`.
 *
 * - Blind transfer: the value rides in the REFER's Refer-To URI headers
 *   (`<sip:1002@pbx?User-to-User=…>`, escaped); the transferee copies it into its INVITE
 *   (RFC 3261 §19.1.5), which sip.js does not do by itself: the engine does it in onReferral.
 * - Attended transfer: on the consultation INVITE (the target sees it while consulting), and
 *   again in the completing REFER's Refer-To when given, so the customer's INVITE with Replaces
 *   carries the latest text; without one, the target's line keeps the consultation's hand-off.
 */

/** Cap on the hand-off text, in UTF-8 bytes (the header carries twice as many hex digits). */
export const HANDOFF_MAX_BYTES = 512;
export const UUI_HEADER = 'User-to-User';
const PURPOSE = 'centralita';
const HEX = /^(?:[0-9a-f]{2})+$/i;

/** Whether `text` fits the cap (callers trim notes until it does). */
export function handoffFits(text: string): boolean {
  return new TextEncoder().encode(text).length <= HANDOFF_MAX_BYTES;
}

/** The header value for `text`, or null when the text is empty or over the cap. */
export function encodeHandoff(text: string): string | null {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length === 0 || bytes.length > HANDOFF_MAX_BYTES) return null;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex};encoding=hex;purpose=${PURPOSE}`;
}

/**
 * The hand-off text in a `User-to-User` header value, or null when the value is not ours
 * (another purpose, another encoding, not valid hex or UTF-8, over the cap).
 */
export function decodeHandoff(value: string | undefined | null): string | null {
  if (!value) return null;
  const [data = '', ...rawParams] = value.split(';').map((part) => part.trim());
  const params = new Map(rawParams.map((param) => {
    const [name = '', paramValue = ''] = param.split('=');
    return [name.trim().toLowerCase(), paramValue.trim().replace(/^"|"$/g, '').toLowerCase()];
  }));
  if (params.get('purpose') !== PURPOSE || params.get('encoding') !== 'hex') return null;
  if (!HEX.test(data) || data.length / 2 > HANDOFF_MAX_BYTES) return null;
  const bytes = new Uint8Array(data.length / 2);
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = Number.parseInt(data.slice(index * 2, index * 2 + 2), 16);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The `User-to-User` value escaped for a URI header (`?User-to-User=…` in Refer-To). */
export function handoffUriHeaderValue(headerValue: string): string {
  return encodeURIComponent(headerValue);
}

/**
 * The `User-to-User` value a Refer-To URI carried, unescaped and checked to be ours, ready to
 * copy into the INVITE; null when absent or not ours (nothing foreign is copied through).
 */
export function handoffFromReferTo(uriHeader: string | readonly string[] | undefined): string | null {
  const first = Array.isArray(uriHeader) ? (uriHeader as readonly string[])[0] : (uriHeader as string | undefined);
  if (!first) return null;
  let value: string;
  try {
    value = decodeURIComponent(first);
  } catch {
    return null;
  }
  if (/[\r\n]/.test(value)) return null;
  return decodeHandoff(value) === null ? null : value;
}
