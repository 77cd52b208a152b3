/**
 * Change notifications for SSE clients. A push announces its newest cursor with NOTIFY after
 * commit; on PostgreSQL every server process LISTENs, so clients of all processes hear it.
 * Admin changes to the reference lists are announced the same way with their new revision.
 */
import type { Database } from '../db/database';
import { REFERENCE_CHANNEL, referenceRevision } from '../reference/reference-data';
import { CHANGES_CHANNEL } from './change-log';

export type FeedListener = (cursor: string) => void;

/**
 * At most one `changes` delivery per this interval (the first at once, then the newest cursor at
 * the end of the interval). Every push notifies every open stream, so undamped the work grows with
 * pushes × streams: 1,000 agents pushing every 5 s would be 200,000 event writes a second.
 * Throttled it is at most streams × 4 a second. Clients pull only for a cursor beyond their own
 * (renderer sync engine), after a random spread of up to 100 ms.
 */
export const CHANGES_THROTTLE_MS = 250;

export class ChangeFeed {
  private readonly listeners = new Set<FeedListener>();
  private readonly referenceListeners = new Set<FeedListener>();
  private unlisten: (() => Promise<void>) | null = null;
  private unlistenReference: (() => Promise<void>) | null = null;
  private pendingCursor: number | null = null;
  /** Every stream open now has heard this cursor (or a newer one, in its hello on connect). */
  private deliveredCursor = -1;
  private lastDelivery = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database, private readonly throttleMs = CHANGES_THROTTLE_MS) {}

  async start(): Promise<void> {
    // Notifications sent while the connection was down are lost: tell the clients the newest
    // cursor and revision again (a pull with nothing new, or a 304 on the lists, costs little).
    this.unlisten = await this.db.listen(CHANGES_CHANNEL, (payload) => this.onChange(payload), {
      onReconnect: async () => {
        const state = await this.db.kysely.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow();
        this.onChange(String(state.last_seq));
      },
    });
    this.unlistenReference = await this.db.listen(REFERENCE_CHANNEL, (payload) => this.onReference(payload), {
      onReconnect: async () => this.onReference(String(await referenceRevision(this.db.kysely))),
    });
  }

  private onReference(revision: string): void {
    for (const listener of this.referenceListeners) listener(revision);
  }

  /**
   * Notifications from several processes may arrive out of order: keep the newest cursor. One
   * the streams have already heard (late, or re-read after a reconnect that lost nothing) is
   * dropped: it would only make every client compare cursors for nothing.
   */
  private onChange(payload: string): void {
    const cursor = Number(payload);
    if (!Number.isSafeInteger(cursor) || cursor <= this.deliveredCursor) return;
    this.pendingCursor = Math.max(this.pendingCursor ?? cursor, cursor);
    if (this.timer) return;
    const wait = this.lastDelivery + this.throttleMs - Date.now();
    if (wait <= 0) this.deliver();
    else this.timer = setTimeout(() => { this.timer = null; this.deliver(); }, wait);
  }

  private deliver(): void {
    if (this.pendingCursor === null) return;
    const cursor = String(this.pendingCursor);
    this.deliveredCursor = this.pendingCursor;
    this.pendingCursor = null;
    this.lastDelivery = Date.now();
    for (const listener of this.listeners) listener(cursor);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
    this.referenceListeners.clear();
    await this.unlisten?.();
    await this.unlistenReference?.();
    this.unlisten = null;
    this.unlistenReference = null;
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** `listener` gets the new reference revision (as text) whenever an admin changes the lists. */
  subscribeReference(listener: FeedListener): () => void {
    this.referenceListeners.add(listener);
    return () => { this.referenceListeners.delete(listener); };
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Tell every listening process that the log now reaches `cursor`. */
  async announce(cursor: number): Promise<void> {
    await this.db.notify(CHANGES_CHANNEL, String(cursor));
  }
}
