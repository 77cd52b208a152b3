/**
 * Login rate limit per (client IP, username): after `maxFailures` failed attempts within
 * `windowMs`, further attempts get 429 until the window has passed. A success clears the key.
 * Failures live in the database (login_failures), so every server process sharing a PostgreSQL
 * counts the same attempts: a guesser cannot multiply their tries by the number of processes.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../db/database';

export interface LoginRateLimitOptions { maxFailures: number; windowMs: number }

const DEFAULT_OPTIONS: LoginRateLimitOptions = { maxFailures: 5, windowMs: 15 * 60_000 };
/** Old failures are swept at most this often (per process). */
const SWEEP_EVERY_MS = 60_000;

export class LoginRateLimiter {
  private lastSweep = 0;

  constructor(private readonly db: Database, private readonly options: LoginRateLimitOptions = DEFAULT_OPTIONS) {}

  /** Seconds until the key may try again; 0 when it may try now. */
  async retryAfterSeconds(key: string, now = Date.now()): Promise<number> {
    const rows = await this.db.kysely.selectFrom('login_failures').select('failed_at')
      .where('key', '=', key).where('failed_at', '>', new Date(now - this.options.windowMs))
      .orderBy('failed_at', 'desc').limit(this.options.maxFailures).execute();
    if (rows.length < this.options.maxFailures) return 0;
    // The oldest of the newest `maxFailures` failures leaves the window first.
    const oldest = rows[rows.length - 1]!.failed_at.getTime();
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - now) / 1000));
  }

  async recordFailure(key: string, now = Date.now()): Promise<void> {
    await this.db.kysely.insertInto('login_failures').values({ key, failed_at: new Date(now) }).execute();
    if (now - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = now;
      await this.db.kysely.deleteFrom('login_failures').where('failed_at', '<', new Date(now - this.options.windowMs)).execute();
    }
  }

  async recordSuccess(key: string): Promise<void> {
    await this.db.kysely.deleteFrom('login_failures').where('key', '=', key).execute();
  }
}

export function loginRateLimitKey(ip: string, username: string): string {
  return createHash('sha256').update(`${ip}\u0000${username.trim().toLowerCase()}`).digest('hex');
}
