/**
 * The sync engine: one leader per user database across every window and tab (Web Locks), which
 * drains the outbox then pulls, whenever something may have changed — a local write, the
 * server's event stream, the browser coming online, or a periodic timer. Other windows follow
 * through IndexedDB (live queries) and see the leader's activity in `syncState`.
 */
import { liveQuery, type Subscription } from 'dexie';
import { backoffDelay } from './backoff';
import { pullAll, resetForRefetch } from './pull';
import { pushBatch } from './push';
import type { SyncStore } from './store';
import type { SyncPhase, SyncStateRow } from './rows';
import { SyncHttpError, type SyncTransport } from './transport';

export const PUSH_BATCH_SIZE = 200;

export interface SyncEngineOptions {
  batchSize?: number;
  pullLimit?: number;
  /** Periodic sync while idle. */
  periodMs?: number;
  /** Coalesces bursts of local writes into one push. */
  debounceMs?: number;
  /** Runs the very first download (cursor 0); defaults to pulling on this thread. */
  initialDownload?: (onProgress: (done: number) => void) => Promise<void>;
  lockManager?: LockManager | null;
  win?: Window;
}

export interface EngineStatus {
  leader: boolean;
  online: boolean;
  reachable: boolean;
  phase: SyncPhase;
  progress: { done: number; total: number | null } | null;
  lastError: string | null;
}

type Listener = (status: EngineStatus) => void;

export interface SyncEngine {
  start(): void;
  stop(): Promise<void>;
  /** Ask for a sync soon; `force` skips a pending backoff (the agent pressed "sync now"). */
  requestSync(force?: boolean): void;
  status(): EngineStatus;
  subscribe(listener: Listener): () => void;
  /** Resolves once the outbox is empty and a pull has completed after it (for tests and "sign out"). */
  whenIdle(): Promise<void>;
}

type ActivityRow = Extract<SyncStateRow, { key: 'activity' }>;

export function createSyncEngine(store: SyncStore, transport: SyncTransport, options: SyncEngineOptions = {}): SyncEngine {
  const {
    batchSize = PUSH_BATCH_SIZE, pullLimit = 1000, periodMs = 15_000, debounceMs = 30,
    win = window, lockManager = typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null,
  } = options;
  const target = { db: store.db, userId: store.userId, clientId: store.clientId };
  const listeners = new Set<Listener>();
  let status: EngineStatus = { leader: false, online: win.navigator.onLine, reachable: true, phase: 'idle', progress: null, lastError: null };
  let stopped = false;
  let wanted = true;
  let wake: (() => void) | null = null;
  let nextAttemptAt = 0;
  let failures = 0;
  let idleWaiters: Array<() => void> = [];
  const lockAbort = new AbortController();
  const streamAbort = new AbortController();
  let leaderDone: Promise<void> = Promise.resolve();
  const subscriptions: Subscription[] = [];
  const cleanups: Array<() => void> = [];

  function setStatus(patch: Partial<EngineStatus>): void {
    status = { ...status, ...patch };
    for (const listener of listeners) listener(status);
  }

  /** Shares what the leader is doing with follower windows (written at page/batch granularity). */
  async function publishActivity(): Promise<void> {
    if (!status.leader) return;
    const row: ActivityRow = {
      key: 'activity', phase: status.phase, done: status.progress?.done ?? 0, total: status.progress?.total ?? null,
      reachable: status.reachable, lastError: status.lastError, updatedAt: new Date().toISOString(),
    };
    await store.db.syncState.put(row).catch(() => undefined);
  }

  async function setActivity(patch: Partial<EngineStatus>): Promise<void> {
    setStatus(patch);
    await publishActivity();
  }

  function requestSync(force = false): void {
    wanted = true;
    if (force) nextAttemptAt = 0;
    wake?.();
  }

  async function waitForWork(): Promise<void> {
    const delay = Math.max(nextAttemptAt - Date.now(), wanted ? 0 : periodMs);
    if (delay === 0 && wanted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, delay);
      function finish(): void {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = () => {
        // A write during backoff waits for the backoff; only `force` or the timer cut it short.
        if (Date.now() >= nextAttemptAt) finish();
      };
    });
    if (!wanted && Date.now() >= nextAttemptAt) wanted = true; // periodic tick
  }

  async function drainOutbox(): Promise<void> {
    let total = await store.db.outbox.count();
    if (total === 0) return;
    let done = 0;
    let size = batchSize;
    await setActivity({ phase: 'pushing', progress: { done, total } });
    for (;;) {
      if (stopped) return;
      try {
        const report = await pushBatch(target, transport, size);
        if (report.sent === 0 && report.deadLettered === 0) return;
        done += report.settled + report.deadLettered;
        size = batchSize;
      } catch (error) {
        // Something in this batch makes the whole request invalid: narrow it down by halving.
        if (error instanceof SyncHttpError && error.kind === 'bad_request' && size > 1) {
          size = Math.ceil(size / 2);
          continue;
        }
        throw error;
      }
      const remaining = await store.db.outbox.count();
      total = Math.max(total, done + remaining);
      await setActivity({ progress: { done, total } });
      if (remaining === 0) return;
    }
  }

  async function pullChanges(): Promise<void> {
    const meta = await store.db.syncState.get('meta');
    const firstDownload = meta?.key === 'meta' && meta.cursor === '0' && meta.lastSyncAt === null;
    if (firstDownload && options.initialDownload) {
      await setActivity({ phase: 'downloading', progress: { done: 0, total: null } });
      await options.initialDownload((done) => setStatus({ progress: { done, total: null } }));
      return;
    }
    await setActivity({ phase: firstDownload ? 'downloading' : 'pulling', progress: null });
    try {
      await pullAll(target, transport, { limit: pullLimit, shouldStop: () => stopped, onPage: (done) => (done > 0 ? setActivity({ progress: { done, total: null } }) : undefined) });
    } catch (error) {
      if (!(error instanceof SyncHttpError && error.kind === 'cursor_expired')) throw error;
      // The server no longer has our cursor: refetch everything, keeping the outbox.
      await resetForRefetch(target);
      await setActivity({ phase: 'refetching', progress: { done: 0, total: null } });
      await pullAll(target, transport, { limit: pullLimit, shouldStop: () => stopped, onPage: (done) => setActivity({ progress: { done, total: null } }) });
    }
  }

  function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }

  async function runOnce(): Promise<void> {
    wanted = false;
    // navigator.onLine is only a hint: false on a machine whose sole network is loopback, yet a
    // backend on this machine or its LAN may still answer. A request is the real test.
    try {
      await drainOutbox();
      await pullChanges();
      // Writes made while we pulled are pushed on the next round, without waiting for the timer.
      if ((await store.db.outbox.count()) > 0) wanted = true;
      failures = 0;
      nextAttemptAt = 0;
      await setActivity({ online: true, reachable: true, phase: 'idle', progress: null, lastError: null });
      if (!wanted) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    } catch (error) {
      const retryable = error instanceof SyncHttpError ? error.retryable : false;
      const unreachable = error instanceof SyncHttpError && error.kind === 'network';
      failures += 1;
      nextAttemptAt = Date.now() + (retryable ? backoffDelay(failures - 1) : periodMs);
      wanted = true;
      // A server that stops answering is "unreachable"; with the browser saying it has no network
      // too, the honest word is "offline".
      await setActivity({
        ...(unreachable && !win.navigator.onLine ? { online: false } : {}),
        reachable: !unreachable, phase: 'idle', progress: null, lastError: describe(error),
      });
    }
  }

  async function keepEventStream(): Promise<void> {
    let attempt = 0;
    while (!stopped) {
      try {
        await transport.events(() => requestSync(), streamAbort.signal);
        attempt = 0;
      } catch {
        attempt += 1;
      }
      if (stopped) return;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, { baseMs: 1000, maxMs: 30_000 })));
    }
  }

  async function lead(): Promise<void> {
    await setActivity({ leader: true });
    subscriptions.push(liveQuery(() => store.db.outbox.count()).subscribe({
      next: (count) => {
        if (count > 0) setTimeout(() => requestSync(), debounceMs);
      },
      error: () => undefined,
    }));
    void keepEventStream();
    while (!stopped) {
      await waitForWork();
      if (stopped) break;
      await runOnce();
    }
  }

  function onOnline(): void {
    setStatus({ online: true });
    requestSync(true);
  }
  function onOffline(): void {
    void setActivity({ online: false, reachable: false });
  }

  return {
    start() {
      win.addEventListener('online', onOnline);
      win.addEventListener('offline', onOffline);
      cleanups.push(() => win.removeEventListener('online', onOnline), () => win.removeEventListener('offline', onOffline));
      if (!lockManager) {
        leaderDone = lead();
        return;
      }
      leaderDone = lockManager
        .request(`centralita-sync:${store.name}`, { signal: lockAbort.signal }, () => (stopped ? undefined : lead()))
        .then(() => undefined, () => undefined);
    },
    async stop() {
      stopped = true;
      lockAbort.abort();
      streamAbort.abort();
      wake?.();
      for (const subscription of subscriptions) subscription.unsubscribe();
      for (const cleanup of cleanups) cleanup();
      await leaderDone;
      setStatus({ leader: false });
    },
    requestSync,
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        requestSync(true);
      });
    },
  };
}
