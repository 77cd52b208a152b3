/**
 * Strict parsing of tel:, sip: and callto: links from the OS. The result only PREFILLS the
 * dialer; nothing here or downstream dials by itself. Accepted: digits, one leading `+`,
 * `*` and `#`, after stripping visual separators (spaces, dots, dashes, parentheses).
 */
import type { DialRefusal, DialRefusalReason, DialRequest } from '@contract';
import { truncate } from './navigation';

export const DIAL_NUMBER_MAX_LENGTH = 32;
/** Raw links longer than this are refused before any decoding work. */
const RAW_LINK_MAX_LENGTH = 512;
const SCHEMES = ['tel', 'sip', 'callto'] as const;
type DialScheme = (typeof SCHEMES)[number];

export type DialLinkResult = { ok: true; request: DialRequest } | { ok: false; refusal: DialRefusal };

/** Spaces (incl. no-break), dots, dashes, parentheses: how people write numbers. Not tabs or newlines. */
const VISUAL_SEPARATORS = /[ .\-()\u00a0]/g;

function refuse(source: DialScheme | null, reason: DialRefusalReason, link: string): DialLinkResult {
  return { ok: false, refusal: { source, reason, link: truncate(link, 80) } };
}

export function schemeOf(link: string): DialScheme | null {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(link);
  const scheme = match?.[1]?.toLowerCase();
  return SCHEMES.find((known) => known === scheme) ?? null;
}

export function isDialLink(arg: string): boolean {
  return schemeOf(arg) !== null;
}

/** The dialable part of the link, before number validation. */
function extractTarget(scheme: DialScheme, rest: string): string | null {
  // callto://+34..., sip://... : some apps add the authority slashes.
  let target = rest.replace(/^\/\//, '');
  // RFC 3966 parameters (`;phone-context=`, `;ext=`) and a query are not dialled. `#` is
  // kept: links like `tel:*21#` are common even though RFC 3966 wants it as %23.
  target = target.split(/[;?]/, 1)[0] ?? '';
  if (scheme === 'sip') {
    // sip:user@host → the user part is the number; a bare host is not a number.
    const at = target.indexOf('@');
    if (at === 0) return null;
    if (at > 0) target = target.slice(0, at);
  }
  return target;
}

export function parseDialLink(link: string): DialLinkResult {
  const raw = link.trim();
  const scheme = schemeOf(raw);
  if (!scheme) return refuse(null, 'unsupported_scheme', raw);
  if (raw.length > RAW_LINK_MAX_LENGTH) return refuse(scheme, 'too_long', raw);
  // Split the encoded form first so a decoded `;` or `?` can not cut the number short.
  const target = extractTarget(scheme, raw.slice(scheme.length + 1));
  if (target === null) return refuse(scheme, 'malformed', raw);
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return refuse(scheme, 'malformed', raw);
  }
  const number = decoded.replace(VISUAL_SEPARATORS, '');
  if (number.length === 0) return refuse(scheme, 'empty', raw);
  if (!/^\+?[0-9*#]+$/.test(number)) return refuse(scheme, 'invalid_characters', raw);
  if (number.length > DIAL_NUMBER_MAX_LENGTH) return refuse(scheme, 'too_long', raw);
  return { ok: true, request: { number, source: scheme } };
}

/**
 * Dial links in a process argv (cold start, or the `second-instance` event). Chromium
 * switches are skipped; only the last link counts, as the agent clicked it last.
 */
export function dialLinkFromArgv(argv: readonly string[]): DialLinkResult | null {
  const links = argv.filter((arg) => !arg.startsWith('-') && isDialLink(arg.trim()));
  const last = links.at(-1);
  return last === undefined ? null : parseDialLink(last);
}
