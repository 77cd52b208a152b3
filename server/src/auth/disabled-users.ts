/**
 * Access tokens are stateless and live 15 minutes. So that deactivating a user takes effect at
 * once rather than when their token expires, every server process keeps the ids of users
 * deactivated within the last token lifetime and refuses their tokens. Deactivations are
 * announced over the database (NOTIFY on PostgreSQL: every process hears them), and a process
 * that starts later, or whose notification connection came back, loads the recent ones.
 */
import type { Database } from '../db/database';
import { ACCESS_TOKEN_TTL_SECONDS } from './tokens';

export const DISABLED_USERS_CHANNEL = 'centralita_disabled_users';
const TTL_MS = ACCESS_TOKEN_TTL_SECONDS * 1000;

interface Announcement { userId: string; disabled: boolean }

export class DisabledUsers {
  /** user id → when their last possible token expires (ms). */
  private readonly until = new Map<string, number>();
  private unlisten: (() => Promise<void>) | null = null;
  /** Counts announcements applied, so a reload can tell one raced with its query. */
  private version = 0;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(DISABLED_USERS_CHANNEL, (payload) => {
      try {
        const { userId, disabled } = JSON.parse(payload) as Announcement;
        this.apply(userId, disabled);
      } catch {
        // Not ours: ignore.
      }
    }, { onReconnect: () => this.reload() });
    await this.reload();
  }

  /**
   * Replaces the set with the recent deactivations stored now (a notification connection that
   * came back may have missed deactivations and reactivations). An announcement heard while the
   * query ran may be newer than its answer: then read again.
   */
  async reload(): Promise<void> {
    for (;;) {
      const version = this.version;
      const recent = await this.db.kysely.selectFrom('users').select(['id', 'disabled_at'])
        .where('disabled_at', '>', new Date(Date.now() - TTL_MS)).execute();
      if (version !== this.version) continue;
      this.until.clear();
      for (const row of recent) this.until.set(row.id, row.disabled_at!.getTime() + TTL_MS);
      return;
    }
  }

  private apply(userId: string, disabled: boolean): void {
    this.version++;
    if (disabled) this.until.set(userId, Date.now() + TTL_MS);
    else this.until.delete(userId);
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
  }

  has(userId: string, now = Date.now()): boolean {
    const until = this.until.get(userId);
    if (until === undefined) return false;
    if (until > now) return true;
    this.until.delete(userId);
    return false;
  }

  /** Call after the commit that (de)activated the user. This process applies it at once. */
  announce(userId: string, disabled: boolean): Promise<void> {
    this.apply(userId, disabled);
    return this.db.notify(DISABLED_USERS_CHANNEL, JSON.stringify({ userId, disabled } satisfies Announcement));
  }
}
