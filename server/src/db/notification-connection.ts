/**
 * The one PostgreSQL connection a server process LISTENs on. NOTIFY is fire-and-forget: whatever
 * is announced while this connection is down never arrives. So when it drops (a PostgreSQL
 * restart, a failover, an idle-connection reaper) it is re-opened with backoff, every channel is
 * listened to again, and only then each subscriber's `onReconnect` re-reads the state its channel
 * announces. Listening before re-reading means nothing falls in between: a change committed
 * before the LISTEN is in the re-read, one after it is notified.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';

const CHANNEL_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
export function checkChannel(channel: string): void {
  if (!CHANNEL_PATTERN.test(channel)) throw new Error(`invalid notification channel name: ${channel}`);
}

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;
/** Shown in pg_stat_activity, so operators (and the tests) can tell this connection apart. */
export const LISTENER_APPLICATION_NAME = 'centralita-listen';

type ReconnectHook = () => Promise<void> | void;
type Types = NonNullable<pg.ClientConfig['types']>;

export class NotificationConnection {
  private readonly emitter = new EventEmitter();
  private readonly channels = new Set<string>();
  private readonly reconnectHooks: ReconnectHook[] = [];
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly connectionString: string, private readonly types: Types) {
    this.emitter.setMaxListeners(0);
  }

  async listen(channel: string, onPayload: (payload: string) => void, options: { onReconnect?: ReconnectHook } = {}): Promise<() => Promise<void>> {
    checkChannel(channel);
    const client = await this.connected();
    this.emitter.on(channel, onPayload);
    const hook = options.onReconnect;
    if (hook) this.reconnectHooks.push(hook);
    if (!this.channels.has(channel)) {
      this.channels.add(channel);
      await client.query(`LISTEN ${channel}`);
    }
    return async () => {
      this.emitter.off(channel, onPayload);
      if (hook) this.reconnectHooks.splice(this.reconnectHooks.indexOf(hook), 1);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.emitter.removeAllListeners();
    this.reconnectHooks.length = 0;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }

  /** The live connection, opening the first one (its failure is the caller's: the server cannot start without it). */
  private connected(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => { this.connecting = null; });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString, types: this.types, application_name: LISTENER_APPLICATION_NAME });
    client.on('notification', (message) => this.emitter.emit(message.channel, message.payload ?? ''));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      // Subscribers wait for this open to finish before adding channels, so none is left out.
      for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      void client.end().catch(() => {});
      throw error;
    }
    this.client = client;
    return client;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => {});
    if (!this.closed) this.scheduleReconnect(0);
  }

  private scheduleReconnect(attempt: number): void {
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt);
    this.retryTimer = setTimeout(() => { this.retryTimer = null; void this.reconnect(attempt); }, delay);
  }

  private async reconnect(attempt: number): Promise<void> {
    if (this.closed) return;
    try {
      await this.connected();
    } catch {
      if (!this.closed) this.scheduleReconnect(attempt + 1);
      return;
    }
    for (const hook of [...this.reconnectHooks]) {
      if (this.closed) return;
      try {
        await hook();
      } catch {
        // One subscriber's failed re-read must not keep the others from theirs.
      }
    }
  }
}
