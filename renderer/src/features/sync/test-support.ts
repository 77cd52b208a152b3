/**
 * Unit-test helpers: a fake transport whose replies each test scripts, and a unique store name.
 * Dexie runs on fake-indexeddb in Node (tests import 'fake-indexeddb/auto' first).
 */
import { afterEach } from 'vitest';
import type { PushRequest } from '@contract';
import { deleteSyncStore, openSyncStore, type SyncStore } from './store';
import type { SnapshotBatch } from './snapshot-reply';
import { SNAPSHOT_TABLES } from './snapshot-reply';
import type { PullPage, PushOutcome, SyncTransport } from './transport';

export interface FakeTransport extends SyncTransport {
  calls: string[];
}

export function fakeTransport(handlers: {
  push?: (request: PushRequest) => Promise<PushOutcome[]>;
  pull?: (cursor: string, limit: number) => Promise<PullPage>;
  snapshot?: (after: string | null, limit: number) => Promise<SnapshotBatch>;
  history?: SyncTransport['history'];
  callerPage?: SyncTransport['callerPage'];
}): FakeTransport {
  const calls: string[] = [];
  return {
    calls,
    push: (request) => {
      calls.push('push');
      return handlers.push ? handlers.push(request) : Promise.resolve([]);
    },
    pull: (cursor, limit) => {
      calls.push(`pull:${cursor}`);
      return handlers.pull ? handlers.pull(cursor, limit) : Promise.resolve({ changes: [], cursor, hasMore: false });
    },
    snapshot: (after, limit) => {
      calls.push(`snapshot:${after ?? 'first'}`);
      return handlers.snapshot ? handlers.snapshot(after, limit) : Promise.resolve(snapshotBatch({ cursor: '1' }));
    },
    callerPage: (e164, signal) => {
      calls.push(`caller:${e164}`);
      return handlers.callerPage ? handlers.callerPage(e164, signal) : Promise.resolve(snapshotBatch({ cursor: '1' }));
    },
    history: (customerId, before, limit) => {
      calls.push(`history:${customerId}:${before?.beforeId ?? 'newest'}`);
      return handlers.history ? handlers.history(customerId, before, limit) : Promise.resolve({ interactions: [], outcomeTags: [], next: null });
    },
    // The event stream stays open until the engine stops.
    events: (_onChanges, signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
  };
}

export function snapshotBatch(partial: Partial<Omit<SnapshotBatch, 'rows'>> & { rows?: Partial<SnapshotBatch['rows']> }): SnapshotBatch {
  const rows = Object.fromEntries(SNAPSHOT_TABLES.map((table) => [table, partial.rows?.[table] ?? []])) as SnapshotBatch['rows'];
  return { cursor: partial.cursor ?? '1', total: partial.total ?? null, next: partial.next ?? null, invalid: partial.invalid ?? [], rows };
}

let counter = 0;
/** A user id no other test in this process uses (one IndexedDB database each). */
export function uniqueUserId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}-${counter}`;
}

/** Opens per-user stores for a describe block; each is closed and deleted after its test. */
export function storesClosedAfterEach(): (userId: string) => Promise<SyncStore> {
  const opened: SyncStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) {
      store.close();
      await deleteSyncStore(store.userId);
    }
  });
  return async (userId) => {
    const store = await openSyncStore(userId);
    opened.push(store);
    return store;
  };
}
