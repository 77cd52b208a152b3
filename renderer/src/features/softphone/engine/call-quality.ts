/**
 * Live call quality from WebRTC stats: round-trip time, jitter, packet loss over the last
 * interval, and a MOS estimated with the simplified ITU-T G.107 E-model (the usual VoIP-monitor
 * form: effective latency → R factor, minus 2.5 per % loss, R → MOS). It is an estimate for the
 * agent's eye ("the line is bad"), not a certified measurement.
 */

/** Cumulative counters read from one getStats() call. */
export interface StatsSample {
  at: number;
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, as WebRTC reports them (null when not reported yet). */
  jitter: number | null;
  roundTripTime: number | null;
}

export interface CallQuality {
  rttMs: number | null;
  jitterMs: number | null;
  /** Percent of packets lost since the previous sample. */
  lossPercent: number;
  mos: number | null;
  rating: 'good' | 'fair' | 'poor' | 'unknown';
}

/** R factor → MOS (G.107 Annex B). */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r);
}

/** Simplified E-model: one-way effective latency from RTT and jitter, loss as an impairment. */
export function estimateMos(rttMs: number, jitterMs: number, lossPercent: number): number {
  const effectiveLatency = rttMs / 2 + jitterMs * 2 + 10;
  const r = effectiveLatency < 160 ? 93.2 - effectiveLatency / 40 : 93.2 - (effectiveLatency - 120) / 10;
  return Math.round(mosFromR(r - lossPercent * 2.5) * 100) / 100;
}

export function rateMos(mos: number | null): CallQuality['rating'] {
  if (mos === null) return 'unknown';
  if (mos >= 4) return 'good';
  if (mos >= 3.6) return 'fair';
  return 'poor';
}

/** Quality over the interval between two samples of the same call (`previous` null: since the start). */
export function callQuality(previous: StatsSample | null, current: StatsSample): CallQuality {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = Math.max(0, current.packetsLost - (previous?.packetsLost ?? 0));
  const lossPercent = received + lost > 0 ? Math.round((lost / (received + lost)) * 1000) / 10 : 0;
  const rttMs = current.roundTripTime === null ? null : Math.round(current.roundTripTime * 1000);
  const jitterMs = current.jitter === null ? null : Math.round(current.jitter * 1000 * 10) / 10;
  // Without any received audio there is nothing to judge yet.
  const mos = received + lost > 0 ? estimateMos(rttMs ?? 0, jitterMs ?? 0, lossPercent) : null;
  return { rttMs, jitterMs, lossPercent, mos, rating: rateMos(mos) };
}
