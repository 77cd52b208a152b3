/**
 * Per-user token generation: every access token carries the generation its user had when it was
 * issued (claim `gen`, absent = 0). A password reset, a role or team change and a deactivation
 * bump the user's generation, so every token issued before is refused at once instead of running
 * out its 15 minutes (a refresh then issues one with the user's current role and team).
 * Each server process keeps the generations above 0 in memory (loaded at start, few users ever
 * have one) and hears bumps over the database (NOTIFY on PostgreSQL: every process agrees), so
 * the check on every request costs no query. A bump announced while this process's notification
 * connection was down is caught by re-reading the generations when it comes back.
 */
import { sql } from 'kysely';
import type { Database, Tx } from '../db/database';

export const TOKEN_GENERATIONS_CHANNEL = 'centralita_token_generations';

interface Announcement { userId: string; generation: number }

export class TokenGenerations {
  private readonly generations = new Map<string, number>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    // Listen first, then read: a bump committed in between is in the read or in a notification.
    this.unlisten = await this.db.listen(TOKEN_GENERATIONS_CHANNEL, (payload) => {
      try {
        const { userId, generation } = JSON.parse(payload) as Announcement;
        if (typeof userId === 'string' && Number.isInteger(generation)) this.raise(userId, generation);
      } catch {
        // Not ours: ignore.
      }
    }, { onReconnect: () => this.reload() });
    await this.reload();
  }

  /** Reads every stored generation; raising is monotonic, so it may race with notifications freely. */
  async reload(): Promise<void> {
    const rows = await this.db.kysely.selectFrom('users').select(['id', 'token_generation']).where('token_generation', '>', 0).execute();
    for (const row of rows) this.raise(row.id, row.token_generation);
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
  }

  /** Whether a token of `userId` issued at generation `tokenGeneration` is still good. */
  isCurrent(userId: string, tokenGeneration: number): boolean {
    return tokenGeneration >= (this.generations.get(userId) ?? 0);
  }

  /** Call after the commit that bumped the user's generation. This process applies it at once. */
  announce(userId: string, generation: number): Promise<void> {
    this.raise(userId, generation);
    return this.db.notify(TOKEN_GENERATIONS_CHANNEL, JSON.stringify({ userId, generation } satisfies Announcement));
  }

  // Generations only grow: a late or repeated announcement never lowers one.
  private raise(userId: string, generation: number): void {
    if (generation > (this.generations.get(userId) ?? 0)) this.generations.set(userId, generation);
  }
}

/** Bumps the user's generation inside the caller's transaction; returns the new one to announce after commit. */
export async function bumpTokenGeneration(trx: Tx, userId: string): Promise<number> {
  const row = await sql<{ token_generation: number }>`update users set token_generation = token_generation + 1
    where id = ${userId}::uuid returning token_generation`.execute(trx);
  return Number(row.rows[0]?.token_generation ?? 0);
}
