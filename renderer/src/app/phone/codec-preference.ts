/**
 * The agent's preferred audio codecs (Settings), in order: the engine puts them first in every
 * offer and answer (SoftphoneSettings.preferredCodecs). Not a secret: kept in localStorage.
 */
import { create } from 'zustand';

/** Codecs Chromium's WebRTC offers, by rtpmap name as the engine matches them. */
export const KNOWN_CODECS = ['opus', 'G722', 'PCMU', 'PCMA'] as const;
export type KnownCodec = (typeof KNOWN_CODECS)[number];

const STORAGE_KEY = 'centralita.preferred-codecs';

export type CodecParse = { ok: true; codecs: KnownCodec[] } | { ok: false; problem: 'unknown'; name: string } | { ok: false; problem: 'duplicate'; name: string };

/** Reads "PCMA, opus" strictly: known names only (any case), no repeats; empty means the browser's order. */
export function parsePreferredCodecs(text: string): CodecParse {
  const codecs: KnownCodec[] = [];
  for (const raw of text.split(/[\s,]+/).filter(Boolean)) {
    const codec = KNOWN_CODECS.find((known) => known.toLowerCase() === raw.toLowerCase());
    if (!codec) return { ok: false, problem: 'unknown', name: raw.slice(0, 32) };
    if (codecs.includes(codec)) return { ok: false, problem: 'duplicate', name: codec };
    codecs.push(codec);
  }
  return { ok: true, codecs };
}

function load(): KnownCodec[] {
  try {
    const parsed = parsePreferredCodecs(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '');
    return parsed.ok ? parsed.codecs : [];
  } catch {
    return [];
  }
}

const codecStore = create<{ codecs: KnownCodec[] }>()(() => ({ codecs: load() }));

export const usePreferredCodecs = (): KnownCodec[] => codecStore((state) => state.codecs);

export function savePreferredCodecs(codecs: KnownCodec[]): void {
  try {
    if (codecs.length === 0) globalThis.localStorage?.removeItem(STORAGE_KEY);
    else globalThis.localStorage?.setItem(STORAGE_KEY, codecs.join(','));
  } catch {
    // Storage blocked: the choice still applies to this session.
  }
  codecStore.setState({ codecs });
}
