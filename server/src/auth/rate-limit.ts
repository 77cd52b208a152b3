/**
 * Login rate limit per (client IP, username): after `maxFailures` failed attempts within
 * `windowMs`, further attempts get 429 until the window has passed. A success clears the key.
 * In-process: behind a load balancer each process limits on its own (documented trade-off).
 */
export interface LoginRateLimitOptions { maxFailures: number; windowMs: number }

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: LoginRateLimitOptions = { maxFailures: 5, windowMs: 15 * 60_000 }) {}

  /** Seconds until the key may try again; 0 when it may try now. */
  retryAfterSeconds(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    if (recent.length < this.options.maxFailures) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.options.windowMs - now) / 1000));
  }

  recordFailure(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 100_000) this.prune(now);
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - this.options.windowMs);
  }

  private prune(now: number): void {
    for (const [key] of this.failures) if (this.recent(key, now).length === 0) this.failures.delete(key);
  }
}

export function loginRateLimitKey(ip: string, username: string): string {
  return `${ip}\u0000${username.trim().toLowerCase()}`;
}
