import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectionAfter, connectionWord } from './connection';
import { createSyncEngine, type SyncEngine } from './engine';
import { deleteSyncStore, openSyncStore, type SyncStore } from './store';
import { fakeTransport, snapshotBatch, uniqueUserId } from './test-support';
import { uuidv7 } from './uuid7';
import { SyncHttpError, type PullPage } from './transport';

/** A window whose `navigator.onLine` each test sets; the engine only reads it and listens for events. */
function fakeWindow(onLine: boolean) {
  const target = new EventTarget();
  return Object.assign(target, { navigator: { onLine } }) as unknown as Window & { navigator: { onLine: boolean } };
}

describe('sync engine: connection status', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function started(onLine: boolean, pull: (cursor: string) => Promise<PullPage>): Promise<{ engine: SyncEngine; store: SyncStore; win: ReturnType<typeof fakeWindow> }> {
    const store = await openSyncStore(uniqueUserId('engine'));
    const win = fakeWindow(onLine);
    const engine = createSyncEngine(store, fakeTransport({ pull }), { lockManager: null, win, periodMs: 60_000 });
    // Past the first download: the engine pulls from a stored cursor.
    const meta = await store.db.syncState.get('meta');
    if (meta?.key === 'meta') await store.db.syncState.put({ ...meta, cursor: '10', lastSyncAt: new Date().toISOString() });
    cleanup.push(async () => {
      await engine.stop();
      store.close();
      await deleteSyncStore(store.userId);
    });
    engine.start();
    return { engine, store, win };
  }

  const wordOf = (engine: SyncEngine) => connectionWord(engine.status());
  const unreachable = () => Promise.reject(new SyncHttpError('network', 'Backend unreachable: fetch failed'));
  const empty = (cursor: string) => Promise.resolve({ changes: [], cursor, hasMore: false });

  it('a failed request with the browser offline shows "Offline"', async () => {
    const { engine } = await started(false, unreachable);
    await vi.waitFor(() => expect(engine.status().lastError).toMatch(/unreachable/));
    expect(engine.status()).toMatchObject({ online: false, reachable: false });
    expect(wordOf(engine)).toBe('offline');
  });

  it('a failed request with the browser online shows "Server unreachable"', async () => {
    const { engine } = await started(true, unreachable);
    await vi.waitFor(() => expect(engine.status().lastError).toMatch(/unreachable/));
    expect(wordOf(engine)).toBe('unreachable');
  });

  it('success shows online even when navigator.onLine says otherwise (loopback-only machine)', async () => {
    const { engine } = await started(false, empty);
    await engine.whenIdle();
    expect(engine.status()).toMatchObject({ online: true, reachable: true, lastError: null });
    expect(wordOf(engine)).toBe('online');
  });

  it('recovers: unreachable, then the server answers again → online', async () => {
    let down = true;
    const { engine } = await started(true, (cursor) => (down ? unreachable() : empty(cursor)));
    await vi.waitFor(() => expect(wordOf(engine)).toBe('unreachable'));
    down = false;
    await engine.whenIdle();
    expect(wordOf(engine)).toBe('online');
  });

  it('the decision itself: a 5xx counts as unreachable, a 4xx leaves the connection as it was', () => {
    const previous = { online: true, reachable: true };
    expect(connectionAfter(new SyncHttpError('server', 'HTTP 502', 502), true, previous)).toEqual({ online: true, reachable: false });
    expect(connectionAfter(new SyncHttpError('server', 'HTTP 503', 503), false, previous)).toEqual({ online: false, reachable: false });
    expect(connectionAfter(new SyncHttpError('bad_request', 'HTTP 400', 400), false, previous)).toBe(previous);
    expect(connectionAfter(null, false, { online: false, reachable: false })).toEqual({ online: true, reachable: true });
  });
});

describe('sync engine: whenIdle in a follower window', () => {
  it('resolves once the leader window has drained the outbox and pulled', async () => {
    const userId = uniqueUserId('follower');
    const leaderStore = await openSyncStore(userId);
    const followerStore = await openSyncStore(userId);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    // The leader's pull waits for the gate, so the follower's whenIdle must wait for it too.
    const pulls: string[] = [];
    const leaderTransport = fakeTransport({ pull: async (cursor) => { pulls.push(cursor); await gate; return { changes: [], cursor, hasMore: false }; } });
    const leader = createSyncEngine(leaderStore, leaderTransport, { lockManager: null, win: fakeWindow(true), periodMs: 60_000 });
    // A follower never leads: give it a lock manager that never grants the lock (until aborted).
    const neverGranted = {
      request: (_name: string, options: { signal: AbortSignal }) => new Promise<never>((_resolve, reject) => options.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    } as unknown as LockManager;
    const follower = createSyncEngine(followerStore, fakeTransport({}), { lockManager: neverGranted, win: fakeWindow(true), periodMs: 60_000 });
    try {
      const meta = await leaderStore.db.syncState.get('meta');
      if (meta?.key === 'meta') await leaderStore.db.syncState.put({ ...meta, cursor: '3', lastSyncAt: new Date(Date.now() - 3_600_000).toISOString() });
      leader.start();
      follower.start();
      await vi.waitFor(() => expect(leader.status().leader).toBe(true));
      let idle = false;
      const waiting = follower.whenIdle().then(() => { idle = true; });
      await vi.waitFor(() => expect(pulls.length).toBeGreaterThan(0));
      expect(idle).toBe(false);
      expect(follower.status().leader).toBe(false);
      release();
      await waiting;
      expect(idle).toBe(true);
    } finally {
      release();
      await follower.stop();
      await leader.stop();
      leaderStore.close();
      followerStore.close();
      await deleteSyncStore(userId);
    }
  });
});

describe('sync engine: bulk download', () => {
  it('first sign-in and a 409 both go through the snapshot, then pull from its cursor', async () => {
    const userId = uniqueUserId('bulk');
    const store = await openSyncStore(userId);
    const customerId = uuidv7();
    let expired = false;
    const transport = fakeTransport({
      snapshot: async () => snapshotBatch({ cursor: expired ? '90' : '50', total: 1, rows: { customers: [{ id: customerId, rev: 1, displayName: 'From Snapshot' }] } }),
      pull: async (cursor) => {
        if (expired && cursor === '50') throw new SyncHttpError('cursor_expired', 'cursor_expired: too old', 409, 'cursor_expired');
        return { changes: [], cursor, hasMore: false };
      },
    });
    const phases: string[] = [];
    const engine = createSyncEngine(store, transport, { lockManager: null, win: fakeWindow(true), periodMs: 60_000 });
    engine.subscribe((status) => { if (phases[phases.length - 1] !== status.phase) phases.push(status.phase); });
    try {
      engine.start();
      await engine.whenIdle();
      expect(transport.calls.slice(0, 2)).toEqual(['snapshot:first', 'pull:50']);
      expect(phases).toContain('downloading');
      expect(await store.db.customers.get(customerId)).toMatchObject({ displayName: 'From Snapshot', nameLower: 'from snapshot' });

      // The server pruned past our cursor: the cached rows are replaced through the snapshot.
      await store.db.customers.put({ id: uuidv7(), rev: 1, displayName: 'Deleted On Server', nameLower: 'deleted on server', phones: [], emails: [], customerNumbers: [] });
      expired = true;
      transport.calls.length = 0;
      phases.length = 0;
      await engine.whenIdle();
      expect(transport.calls.slice(0, 3)).toEqual(['pull:50', 'snapshot:first', 'pull:90']);
      expect(phases).toContain('refetching');
      expect(await store.db.syncState.get('meta')).toMatchObject({ cursor: '90' });
      expect((await store.db.customers.toArray()).map((row) => row.displayName)).toEqual(['From Snapshot']);
    } finally {
      await engine.stop();
      store.close();
      await deleteSyncStore(userId);
    }
  });
});

describe('sync engine: change announcements from the event stream', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /**
   * An engine past its first download (stored cursor 10) whose event stream the test drives: each
   * `announce` is one `changes` event, and the spread before a check runs when the test says so.
   */
  async function announcing(pull: (cursor: string) => Promise<PullPage>, streams: Array<(announce: (cursor: string | null) => void) => void> = []) {
    const store = await openSyncStore(uniqueUserId('announce'));
    const meta = await store.db.syncState.get('meta');
    if (meta?.key === 'meta') await store.db.syncState.put({ ...meta, cursor: '10', lastSyncAt: new Date().toISOString() });
    let announce: (cursor: string | null) => void = () => { throw new Error('the event stream is not open'); };
    let connections = 0;
    const base = fakeTransport({ pull });
    const transport: typeof base = {
      ...base,
      events: (onChanges, signal) => {
        announce = onChanges;
        const opened = streams[connections];
        connections += 1;
        // A scripted connection announces what it says (the server's hello), then ends.
        if (opened) return Promise.resolve().then(() => opened(onChanges));
        return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      },
    };
    const spreads: Array<() => void> = [];
    const checks: boolean[] = [];
    const engine = createSyncEngine(store, transport, {
      lockManager: null, win: fakeWindow(true), periodMs: 60_000,
      scheduleAnnouncementCheck: (check) => {
        spreads.push(check);
        return () => undefined;
      },
      onAnnouncementChecked: (pulled) => checks.push(pulled),
    });
    cleanup.push(async () => {
      await engine.stop();
      store.close();
      await deleteSyncStore(store.userId);
    });
    engine.start();
    await engine.whenIdle();
    const pulls = () => transport.calls.filter((call) => call.startsWith('pull:'));
    transport.calls.length = 0;
    return {
      engine, store, spreads, checks, pulls,
      announce: (cursor: string | null) => announce(cursor),
      /** Ends the spread the engine is waiting on (exactly one must be pending). */
      endSpread: () => {
        expect(spreads.length).toBeGreaterThan(0);
        spreads.shift()!();
      },
    };
  }

  const upTo = (head: () => string) => (cursor: string): Promise<PullPage> => Promise.resolve({ changes: [], cursor: BigInt(head()) > BigInt(cursor) ? head() : cursor, hasMore: false });

  it('an announcement at or below the stored cursor makes no pull', async () => {
    const lab = await announcing(upTo(() => '10'));
    lab.announce('10');
    lab.announce('9');
    // Compared as integers: as text, '9' would sort after '10'.
    expect(lab.spreads).toHaveLength(1);
    lab.endSpread();
    await vi.waitFor(() => expect(lab.checks).toEqual([false]));
    expect(lab.pulls()).toEqual([]);
    expect(lab.spreads).toHaveLength(0);
  });

  it('an announcement above the stored cursor makes exactly one pull, and its echo none', async () => {
    let head = '10';
    const lab = await announcing(upTo(() => head));
    head = '15';
    lab.announce('15');
    lab.endSpread();
    await vi.waitFor(() => expect(storedCursor(lab.store)).resolves.toBe('15'));
    expect(lab.pulls()).toEqual(['pull:10']);
    // The same head again (our own push's echo, a reconnect's hello): nothing to fetch.
    lab.announce('15');
    lab.endSpread();
    await vi.waitFor(() => expect(lab.checks).toEqual([true, false]));
    expect(lab.pulls()).toEqual(['pull:10']);
  });

  it('several announcements while a pull runs make one more pull', async () => {
    let head = '10';
    let release: () => void = () => undefined;
    let gate: Promise<void> | null = null;
    const lab = await announcing(async (cursor) => {
      // The server's state when the request arrives; the reply waits for the gate.
      const reply = { changes: [], cursor: BigInt(head) > BigInt(cursor) ? head : cursor, hasMore: false };
      if (gate) await gate;
      return reply;
    });
    gate = new Promise<void>((resolve) => { release = resolve; });
    head = '11';
    lab.announce('11');
    lab.endSpread();
    await vi.waitFor(() => expect(lab.pulls()).toEqual(['pull:10']));
    for (const cursor of ['12', '14', '13']) {
      if (BigInt(cursor) > BigInt(head)) head = cursor;
      lab.announce(cursor);
    }
    expect(lab.spreads).toHaveLength(1);
    lab.endSpread();
    gate = null;
    release();
    await vi.waitFor(() => expect(lab.checks).toEqual([true, true]));
    await vi.waitFor(() => expect(storedCursor(lab.store)).resolves.toBe('14'));
    expect(lab.pulls()).toEqual(['pull:10', 'pull:11']);
    expect(lab.spreads).toHaveLength(0);
  });

  it('a malformed cursor pulls, and never throws', async () => {
    const lab = await announcing(upTo(() => '10'));
    lab.announce(null);
    lab.endSpread();
    await vi.waitFor(() => expect(lab.checks).toEqual([true]));
    await vi.waitFor(() => expect(lab.pulls()).toEqual(['pull:10']));
    lab.announce('12abc');
    lab.announce('3');
    lab.endSpread();
    await vi.waitFor(() => expect(lab.checks).toEqual([true, true]));
    await vi.waitFor(() => expect(lab.pulls()).toEqual(['pull:10', 'pull:10']));
  });

  it('an explicit sync and local writes do not wait for a pending spread', async () => {
    const lab = await announcing(upTo(() => '10'));
    lab.announce('20');
    expect(lab.spreads).toHaveLength(1);
    // The spread never ends in this test: "sync now" pulls anyway.
    await lab.engine.whenIdle();
    expect(lab.pulls()).toEqual(['pull:10']);
    expect(lab.checks).toEqual([]);
  });

  it('after the stream reconnects, the hello pulls only when the client is behind', async () => {
    let head = '10';
    const lab = await announcing(upTo(() => head), [
      (announce) => announce('10'), // hello at our cursor, then the stream drops
      (announce) => { head = '12'; announce('12'); }, // reconnected: the head moved meanwhile
    ]);
    await vi.waitFor(() => expect(lab.spreads).toHaveLength(1));
    lab.endSpread();
    await vi.waitFor(() => expect(lab.checks).toEqual([false]));
    expect(lab.pulls()).toEqual([]);
    // The reconnect waits the stream's backoff (0.5–1 s) before the second connection.
    await vi.waitFor(() => expect(lab.spreads).toHaveLength(1), { timeout: 5_000 });
    lab.endSpread();
    await vi.waitFor(() => expect(lab.checks).toEqual([false, true]));
    await vi.waitFor(() => expect(lab.pulls()).toEqual(['pull:10']));
  });
});

function storedCursor(store: SyncStore): Promise<string | undefined> {
  return store.db.syncState.get('meta').then((meta) => (meta?.key === 'meta' ? meta.cursor : undefined));
}
