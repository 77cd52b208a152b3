/**
 * Exponential backoff with "equal jitter": half the capped exponential delay is fixed, the other
 * half random, so retries from many agents after an outage spread out but never hammer at once.
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, { baseMs = 500, maxMs = 30_000, random = Math.random }: BackoffOptions = {}): number {
  const exponent = Math.max(0, Math.min(attempt, 30));
  const capped = Math.min(maxMs, baseMs * 2 ** exponent);
  const half = capped / 2;
  return Math.round(half + random() * half);
}
