/** Small SDP readers for what the engine must verify (hold direction). */

export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

const DIRECTIONS: readonly MediaDirection[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/**
 * Direction of the first audio m-section: its own `a=` direction, else the session-level one,
 * else `sendrecv` (RFC 4566 default). Returns null when the SDP has no audio section.
 */
export function audioDirection(sdp: string): MediaDirection | null {
  const lines = sdp.split(/\r?\n/);
  let sessionDirection: MediaDirection | null = null;
  let inAudio = false;
  let sawAudio = false;
  for (const line of lines) {
    if (line.startsWith('m=')) {
      if (sawAudio) break;
      inAudio = line.startsWith('m=audio');
      sawAudio = inAudio;
      continue;
    }
    const direction = DIRECTIONS.find((candidate) => line === `a=${candidate}`);
    if (!direction) continue;
    if (inAudio) return direction;
    if (!sawAudio) sessionDirection = direction;
  }
  return sawAudio ? (sessionDirection ?? 'sendrecv') : null;
}

/** True when the far end's answer to our hold offer means it no longer sends us audio. */
export function remoteAcceptsHold(remoteDirection: MediaDirection | null): boolean {
  return remoteDirection === 'recvonly' || remoteDirection === 'inactive';
}

/**
 * Puts the preferred codecs first on the audio m-line, in the given order (names as in rtpmap,
 * case-insensitive, e.g. `opus`, `G722`, `PCMU`); other payloads keep their order after them.
 * Codecs the SDP does not offer are ignored, so a bad setting never breaks a call.
 */
export function preferCodecs(sdp: string, codecs: readonly string[]): string {
  if (codecs.length === 0) return sdp;
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(/\r?\n/);
  const mLine = lines.findIndex((line) => line.startsWith('m=audio '));
  if (mLine < 0) return sdp;
  let end = lines.findIndex((line, index) => index > mLine && line.startsWith('m='));
  if (end < 0) end = lines.length;
  const names = new Map<string, string>();
  for (const line of lines.slice(mLine + 1, end)) {
    const match = /^a=rtpmap:(\d+) ([^/]+)/.exec(line);
    if (match) names.set(match[1]!, match[2]!.toLowerCase());
  }
  const parts = lines[mLine]!.split(' ');
  const payloads = parts.slice(3);
  const wanted = codecs.map((codec) => codec.toLowerCase());
  const rank = (payload: string): number => {
    const index = wanted.indexOf(names.get(payload) ?? '');
    return index < 0 ? wanted.length : index;
  };
  const ordered = payloads.map((payload, index) => ({ payload, index })).sort((a, b) => rank(a.payload) - rank(b.payload) || a.index - b.index);
  lines[mLine] = [...parts.slice(0, 3), ...ordered.map((entry) => entry.payload)].join(' ');
  return lines.join(eol);
}
