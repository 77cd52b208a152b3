/**
 * Reconnection delays: fast first retries (a restarted PBX is back in well under a second),
 * doubling up to a cap, with jitter so a whole floor of agents does not reconnect in lockstep.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** 0..1: fraction of the delay that is randomised. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 4000, jitter: 0.2 };

/** Delay before reconnection attempt `attempt` (1-based). `random` is injectable for tests. */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt - 1, 30));
  const spread = base * policy.jitter;
  return Math.round(base - spread + random() * 2 * spread);
}

/**
 * RFC 3261 §14.1: after a 491 the re-INVITE is retried after a random delay:
 * 2.1–4 s if we own the Call-ID (we placed the call), 0–2 s otherwise.
 */
export function requestPendingRetryDelay(ownsCallId: boolean, random: () => number = Math.random): number {
  return ownsCallId ? Math.round(2100 + random() * 1900) : Math.round(random() * 2000);
}
