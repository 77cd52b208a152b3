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
