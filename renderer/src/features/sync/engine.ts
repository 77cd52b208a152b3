/**
 * The sync engine: one leader per user database across every window and tab (Web Locks), which
 * drains the outbox then pulls, whenever something may have changed — a local write, the
 * server's event stream, the browser coming online, or a periodic timer. Other windows follow
 * through IndexedDB (live queries) and see the leader's activity in `syncState`.
 */
import { liveQuery, type Subscription } from 'dexie';
import { MAX_PUSH_BATCH } from '@contract';
import { backoffDelay } from './backoff';
import { connectionAfter } from './connection';
import { currentCursor, pullAll, resetForRefetch } from './pull';
import { downloadInProgress, downloadSnapshot, snapshotInProgress } from './snapshot';
import { pushBatch } from './push';
import type { SyncStore } from './store';
import type { SyncPhase, SyncStateRow } from './rows';
import { parseCursor, SyncHttpError, type SyncTransport } from './transport';

/** As many as the server takes per request: the backend is the slow leg, so fewer round trips win. */
export const PUSH_BATCH_SIZE = MAX_PUSH_BATCH;

/**
 * A pull caused by a change announcement starts after a uniform random delay of up to this. Every
 * connected leader hears an announcement within the same few milliseconds; spread over 100 ms, a
 * thousand leaders reach the server at ~10 per ms instead of all at once. It costs 50 ms on average
 * of the "another agent's change is on screen" time (goal < 1 s). Local writes, the online event
 * and "sync now" stay immediate.
 */
export const ANNOUNCEMENT_SPREAD_MS = 100;

export interface SyncEngineOptions {
  batchSize?: number;
  pullLimit?: number;
  /** Periodic sync while idle. */
  periodMs?: number;
  /** Coalesces bursts of local writes into one push. */
  debounceMs?: number;
  /**
   * Runs the bulk download (first sign-in, refetch after 409): snapshot then pull. Defaults to
   * doing it on this thread; the session passes the Web Worker version.
   */
  initialDownload?: (onProgress: (done: number, total: number | null) => void) => Promise<void>;
  lockManager?: LockManager | null;
  win?: Window;
  /**
   * Runs `check` once the spread after a change announcement is over; returns a cancel. Default:
   * after a uniform random 0…ANNOUNCEMENT_SPREAD_MS. Tests pass their own to run it when they choose.
   */
  scheduleAnnouncementCheck?: (check: () => void) => () => void;
  /** Told whether each announcement check pulled (tests and benchmarks count skipped pulls). */
  onAnnouncementChecked?: (pulled: boolean) => void;
}

function afterRandomSpread(check: () => void): () => void {
  const timer = setTimeout(check, Math.random() * ANNOUNCEMENT_SPREAD_MS);
  return () => clearTimeout(timer);
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
  /**
   * Resolves once the outbox is empty and a pull has completed after it (for tests and "sign out").
   * In a follower window: once the leader reports idle after this call with the outbox empty.
   */
  whenIdle(): Promise<void>;
}

type ActivityRow = Extract<SyncStateRow, { key: 'activity' }>;

export function createSyncEngine(store: SyncStore, transport: SyncTransport, options: SyncEngineOptions = {}): SyncEngine {
  const {
    batchSize = PUSH_BATCH_SIZE, pullLimit = 1000, periodMs = 15_000, debounceMs = 30,
    win = window, lockManager = typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null,
    scheduleAnnouncementCheck = afterRandomSpread,
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
  // Announcements from the event stream that no round has checked yet: the newest cursor (null:
  // one could not be read, so the check pulls regardless). `announcementDue` once the spread ends.
  let announced: { cursor: bigint | null } | null = null;
  let announcementDue = false;
  let cancelSpread: (() => void) | null = null;
  // Followers nudge the leader window ("sync now") through this channel.
  const nudges = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(`centralita-sync:${store.name}`) : null;
  if (nudges) nudges.onmessage = () => { if (status.leader) requestSync(true); };
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
    if (!status.leader && !stopped) nudges?.postMessage('sync');
  }

  /** The event stream says the server's change log reaches `cursor`. */
  function onAnnouncement(text: string | null): void {
    const cursor = parseCursor(text);
    // Keep the newest; an unreadable cursor (null) sticks until the check, which then pulls regardless.
    const covered = announced !== null && (announced.cursor === null || (cursor !== null && announced.cursor >= cursor));
    if (!covered) announced = { cursor };
    if (cancelSpread !== null || stopped) return;
    cancelSpread = scheduleAnnouncementCheck(() => {
      cancelSpread = null;
      announcementDue = true;
      wake?.();
    });
  }

  /**
   * Takes the pending announcement: true when the stored cursor does not already cover it (our own
   * push's echo after we pulled, a reconnect re-announcing the same head, a pull already running).
   */
  async function announcementNeedsPull(): Promise<boolean> {
    const pending = announced;
    announced = null;
    announcementDue = false;
    if (pending === null) return false;
    const stored = pending.cursor === null ? null : parseCursor(await currentCursor(store.db).catch(() => null));
    const pull = pending.cursor === null || stored === null || stored < pending.cursor;
    options.onAnnouncementChecked?.(pull);
    return pull;
  }

  /**
   * A follower (or a window whose lock is not granted yet) is idle once a pull has completed after
   * `since` (the stored `lastSyncAt`), nothing is queued, and the leader reports a clean idle round.
   */
  function followerIdle(): Promise<void> {
    const since = new Date().toISOString();
    return new Promise<void>((resolve) => {
      const subscription = liveQuery(async () => {
        const [count, [meta, activity]] = await Promise.all([store.db.outbox.count(), store.db.syncState.bulkGet(['meta', 'activity'])]);
        const pulledSince = meta?.key === 'meta' && meta.lastSyncAt !== null && meta.lastSyncAt > since;
        return count === 0 && pulledSince && activity?.key === 'activity' && activity.phase === 'idle' && activity.lastError === null;
      }).subscribe({
        next: (idle) => {
          if (!idle) return;
          subscription.unsubscribe();
          resolve();
        },
        error: () => undefined,
      });
      subscriptions.push(subscription);
      requestSync(true);
    });
  }

  async function waitForWork(): Promise<void> {
    const due = (): boolean => wanted || announcementDue;
    const delay = Math.max(nextAttemptAt - Date.now(), due() ? 0 : periodMs);
    if (delay === 0 && due()) return;
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
    if (!due() && Date.now() >= nextAttemptAt) wanted = true; // periodic tick
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

  /** The bulk snapshot, then the pull from its cursor; in the worker when one is configured. */
  async function bulkDownload(phase: 'downloading' | 'refetching'): Promise<void> {
    await setActivity({ phase, progress: { done: 0, total: null } });
    const onProgress = (done: number, total: number | null): Promise<void> => setActivity({ progress: { done, total } });
    if (options.initialDownload) {
      await options.initialDownload((done, total) => void onProgress(done, total));
      return;
    }
    await downloadSnapshot(target, transport, { shouldStop: () => stopped, onProgress: ({ done, total }) => onProgress(done, total) });
    if (stopped || (await snapshotInProgress(store.db))) return;
    await pullAll(target, transport, { limit: pullLimit, shouldStop: () => stopped });
  }

  async function pullChanges(): Promise<void> {
    if (await downloadInProgress(store.db)) {
      await bulkDownload('downloading');
      return;
    }
    await setActivity({ phase: 'pulling', progress: null });
    try {
      await pullAll(target, transport, { limit: pullLimit, shouldStop: () => stopped, onPage: (done) => (done > 0 ? setActivity({ progress: { done, total: null } }) : undefined) });
    } catch (error) {
      if (!(error instanceof SyncHttpError && error.kind === 'cursor_expired')) throw error;
      // The server no longer has our cursor: refetch everything, keeping the outbox.
      await resetForRefetch(target);
      await bulkDownload('refetching');
    }
  }

  function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }

  async function runOnce(): Promise<void> {
    wanted = false;
    try {
      await drainOutbox();
      await pullChanges();
      // Writes made while we pulled are pushed on the next round, without waiting for the timer.
      if ((await store.db.outbox.count()) > 0) wanted = true;
      failures = 0;
      nextAttemptAt = 0;
      await setActivity({ ...connectionAfter(null, win.navigator.onLine, status), phase: 'idle', progress: null, lastError: null });
      if (!wanted) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    } catch (error) {
      const retryable = error instanceof SyncHttpError ? error.retryable : false;
      failures += 1;
      nextAttemptAt = Date.now() + (retryable ? backoffDelay(failures - 1) : periodMs);
      wanted = true;
      await setActivity({ ...connectionAfter(error, win.navigator.onLine, status), phase: 'idle', progress: null, lastError: describe(error) });
    }
  }

  async function keepEventStream(): Promise<void> {
    let attempt = 0;
    while (!stopped) {
      try {
        await transport.events(onAnnouncement, streamAbort.signal);
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
      // Only an announcement woke us: skip the round when our cursor already covers it.
      if (!wanted && !(await announcementNeedsPull())) continue;
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
      cancelSpread?.();
      lockAbort.abort();
      streamAbort.abort();
      wake?.();
      for (const subscription of subscriptions) subscription.unsubscribe();
      nudges?.close();
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
      if (!status.leader) return followerIdle();
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        requestSync(true);
      });
    },
  };
}
