/**
 * Change notifications for SSE clients. A push announces its newest cursor with NOTIFY after
 * commit; on PostgreSQL every server process LISTENs, so clients of all processes hear it.
 */
import type { Database } from '../db/database';
import { CHANGES_CHANNEL } from './change-log';

export type FeedListener = (cursor: string) => void;

export class ChangeFeed {
  private readonly listeners = new Set<FeedListener>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(CHANGES_CHANNEL, (payload) => {
      for (const listener of this.listeners) listener(payload);
    });
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.unlisten?.();
    this.unlisten = null;
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Tell every listening process that the log now reaches `cursor`. */
  async announce(cursor: number): Promise<void> {
    await this.db.notify(CHANGES_CHANNEL, String(cursor));
  }
}
