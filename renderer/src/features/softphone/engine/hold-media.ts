/**
 * Hold verified from the media, not only from the SDP: after the far end confirmed our hold
 * (recvonly/inactive answer) its audio must stop arriving. A phone that says "held" but keeps
 * sending is caught here from the inbound RTP counters, sampled about once a second.
 */
export interface HoldMediaSample {
  at: number;
  /** Inbound audio packets received on the call so far (getStats `inbound-rtp`). */
  packetsReceived: number;
}

/** Packets already in flight, and the far end's own switch-over, are forgiven this long. */
export const HOLD_MEDIA_GRACE_MS = 2000;
/** Window over which arrivals are counted. */
export const HOLD_MEDIA_WINDOW_MS = 3000;
/** More than this many packets within the window (0.5 s of 20 ms packets) is audio, not stragglers. */
export const HOLD_LEAK_PACKETS = 25;

/**
 * Whether audio still arrives on a held call: more than HOLD_LEAK_PACKETS packets within the
 * last HOLD_MEDIA_WINDOW_MS, counting only after the grace period since the hold was confirmed.
 * `samples` are in time order.
 */
export function holdLeaking(confirmedAt: number, samples: readonly HoldMediaSample[]): boolean {
  const counted = samples.filter((sample) => sample.at >= confirmedAt + HOLD_MEDIA_GRACE_MS);
  const last = counted.at(-1);
  if (!last) return false;
  // The oldest sample still inside the window is the baseline.
  const base = counted.find((sample) => last.at - sample.at <= HOLD_MEDIA_WINDOW_MS) ?? last;
  return last.packetsReceived - base.packetsReceived > HOLD_LEAK_PACKETS;
}

/** Keeps only the samples holdLeaking can still use (bounded memory on a long hold). */
export function trimHoldSamples(samples: HoldMediaSample[], now: number): HoldMediaSample[] {
  return samples.filter((sample) => now - sample.at <= HOLD_MEDIA_WINDOW_MS + 1000);
}
