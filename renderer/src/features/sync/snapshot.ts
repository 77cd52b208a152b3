/**
 * The bulk first download (and the refetch after `409`): current state in keyset pages of
 * customers instead of replaying the change log. Each page is written in ONE transaction with
 * Dexie bulk puts, in ascending (time-ordered UUIDv7) key order, together with the snapshot's
 * progress row, so an interrupted download resumes after the last stored page. The next page is
 * fetched while the current one is written. When the last page is stored, the sync cursor becomes
 * the first page's change-log cursor and the normal pull continues from there.
 */
import type { Mutation } from '@contract';
import type { CentralitaDb } from './schema';
import { rebaseRow, type ApplyContext } from './local-apply';
import { foldName } from './normalize';
import { currentCursor, observeNewestStamp, pullTables, type PullTarget } from './pull';
import { withDerivedFields } from './store';
import { childRows, groupChild, withChildIndexes, type ChildEntity, type CustomerChildren } from './customer-children';
import type { DeadLetter, EntityRow, OutboxEntry, SyncStateRow } from './rows';
import { SNAPSHOT_TABLES, type SnapshotBatch, type SnapshotTable } from './snapshot-reply';
import { newestFieldStamp, withoutFieldStamps } from './stored-rows';
import type { SyncTransport } from './transport';
import { asRedirectRow, followMerges, mergedInto } from './merges';
import type { SyncEntity } from '@contract';

export const SNAPSHOT_PAGE_SIZE = 1000;

/** Tables a page is written to: identities and consents go inside their customers' rows. */
const STORED_TABLES = SNAPSHOT_TABLES.filter((table) => table !== 'identities' && table !== 'consents');

type SnapshotState = Extract<SyncStateRow, { key: 'snapshot' }>;

const TABLE_ENTITY: Record<SnapshotTable, SyncEntity> = {
  customers: 'customer', identities: 'identity', consents: 'consent', complaints: 'complaint',
  interactions: 'interaction', outcomeTags: 'outcome_tag', queueItems: 'queue_item',
};

export interface SnapshotProgress {
  done: number;
  total: number | null;
}

/** Where a download's time went, summed over its pages (bench/client prints it). */
export interface SnapshotTimings {
  pages: number;
  rows: number;
  bytes: number;
  /** Time the writer sat waiting for the next page (server + wire + parse not hidden by writing). */
  waitMs: number;
  /** Request sent → headers, and body → parsed JSON, summed (they overlap with writing). */
  fetchMs: number;
  parseMs: number;
  /** Page transactions, from start to commit. */
  writeMs: number;
}

export function emptySnapshotTimings(): SnapshotTimings {
  return { pages: 0, rows: 0, bytes: 0, waitMs: 0, fetchMs: 0, parseMs: 0, writeMs: 0 };
}

type Pending = ReadonlyMap<string, readonly Mutation[]>;

/**
 * The page's identities and consents with still-pending local edits on top, plus children that
 * exist only in the outbox (added offline, not on the server yet), grouped by customer id.
 */
function childrenByCustomer(batch: SnapshotBatch, pending: Pending, context: ApplyContext): Map<string, CustomerChildren> {
  const grouped = new Map<string, CustomerChildren>();
  const add = (field: keyof CustomerChildren, row: EntityRow | null) => groupChild(grouped, field, row);
  for (const [table, entity] of [['identities', 'identity'], ['consents', 'consent']] as const) {
    const sent = new Set<string>();
    for (const row of batch.rows[table]) {
      sent.add(row.id);
      const mutations = pending.get(row.id);
      add(table, mutations ? rebaseRow(row, mutations, context) : row);
    }
    for (const [entityId, mutations] of pending) {
      if (!sent.has(entityId) && mutations[0]?.entity === entity) add(table, rebaseRow(null, mutations, context));
    }
  }
  return grouped;
}

/**
 * Customer rows as stored: name fold, their identities and consents inside (v3, compact), the
 * lookup arrays derived from those, and no `fieldTs` (the page's newest stamp moves the clock).
 * Children of a customer outside this page are returned apart.
 */
function customerRows(batch: SnapshotBatch, pending: Pending, context: ApplyContext): { customers: EntityRow[]; orphans: Array<[ChildEntity, EntityRow]> } {
  const children = childrenByCustomer(batch, pending, context);
  const customers = batch.rows.customers.map((row) => {
    const own = children.get(row.id);
    children.delete(row.id);
    return withChildIndexes({ ...withoutFieldStamps(row), displayName: String(row.displayName ?? ''), nameLower: foldName(String(row.displayName ?? '')), identities: own?.identities ?? [], consents: own?.consents ?? [] });
  });
  const orphans: Array<[ChildEntity, EntityRow]> = [];
  for (const { identities, consents } of children.values()) {
    for (const row of identities) orphans.push(['identity', row]);
    for (const row of consents) orphans.push(['consent', row]);
  }
  return { customers, orphans };
}

/**
 * Writes a page's rows with still-pending local work rebased on top, follows merges, dead-letters
 * bad rows (ids `<deadLetterKey>:<index>`) and folds the page's newest stamp into the clock. Runs
 * inside the caller's transaction over `pullTables`; touches neither the cursor nor the progress.
 */
export async function writeSnapshotRows(target: PullTarget, batch: SnapshotBatch, deadLetterKey: string, nowIso: string): Promise<void> {
  const { db } = target;
  const context: ApplyContext = { userId: target.userId, nowIso };
  // Unsent local work stays on top of the server's rows (usually there is none: one count).
  const pending = new Map<string, OutboxEntry[]>();
  if ((await db.outbox.count()) > 0) {
    await db.outbox.orderBy(':id').each((entry) => {
      const list = pending.get(entry.entityId);
      if (list) list.push(entry);
      else pending.set(entry.entityId, [entry]);
    });
  }
  const merges = new Map<string, string>();
  const { customers, orphans } = customerRows(batch, pending, context);
  for (const table of STORED_TABLES) {
    const entity = TABLE_ENTITY[table];
    const rows: EntityRow[] = table === 'customers' ? customers : batch.rows[table];
    if (rows.length === 0) continue;
    const stored: EntityRow[] = [];
    const removed: string[] = [];
    for (const row of rows) {
      const survivor = entity === 'customer' ? mergedInto(row) : null;
      if (survivor) {
        merges.set(row.id, survivor);
        stored.push(asRedirectRow(row));
        continue;
      }
      const mutations: Mutation[] | undefined = pending.get(row.id);
      const next = mutations ? rebaseRow(row, mutations, context) : row;
      if (next === null) removed.push(row.id);
      else stored.push(entity === 'interaction' || entity === 'queue_item' ? withDerivedFields(entity, next, nowIso) : next);
    }
    await db.table(table).bulkPut(stored);
    if (removed.length > 0) await db.table(table).bulkDelete(removed);
  }
  for (const [entity, row] of orphans) await childRows(db, entity).put(row);
  if (merges.size > 0) await followMerges(db, merges, context);
  for (const [index, bad] of batch.invalid.entries()) {
    const letter: DeadLetter = {
      id: `${deadLetterKey}:${index}`, origin: 'pull', reason: 'invalid_reply', message: bad.message,
      failedAt: nowIso, entity: TABLE_ENTITY[bad.table], entityId: null, payload: bad.raw,
    };
    await db.deadLetters.put(letter);
  }
  const meta = await db.syncState.get('meta');
  if (meta?.key === 'meta') await observeNewestStamp(db, meta.clientId, newestFieldStamp(batch.rows.customers));
}

/** Writes one page and the snapshot's progress in one transaction; the last page also sets the cursor. */
export async function applySnapshotPage(target: PullTarget, batch: SnapshotBatch, state: SnapshotState): Promise<SnapshotState> {
  const { db } = target;
  const nowIso = new Date().toISOString();
  return db.transaction('rw', pullTables(db), async () => {
    await writeSnapshotRows(target, batch, `snapshot:${state.after ?? 'first'}`, nowIso);
    const next: SnapshotState = { key: 'snapshot', cursor: state.cursor, after: batch.next, done: state.done + batch.rows.customers.length, total: state.total ?? batch.total };
    if (batch.next === null) {
      const meta = await db.syncState.get('meta');
      await db.syncState.delete('snapshot');
      if (meta?.key === 'meta') await db.syncState.put({ ...meta, cursor: next.cursor, lastSyncAt: nowIso });
    } else {
      await db.syncState.put(next);
    }
    return next;
  });
}

export async function snapshotInProgress(db: CentralitaDb): Promise<boolean> {
  return (await db.syncState.get('snapshot')) !== undefined;
}

/**
 * The cache is not complete: cursor 0 (first sign-in, or a refetch cut short, before its first
 * page) or a snapshot left half-way. The engine downloads then; the screen pop asks the server.
 */
export async function downloadInProgress(db: CentralitaDb): Promise<boolean> {
  return (await currentCursor(db)) === '0' || (await snapshotInProgress(db));
}

/**
 * Downloads the snapshot (resuming an interrupted one). Returns the number of customers stored.
 * Afterwards the caller pulls from the stored cursor as usual.
 */
export async function downloadSnapshot(
  target: PullTarget,
  transport: SyncTransport,
  { limit = SNAPSHOT_PAGE_SIZE, onProgress, shouldStop, timings }: {
    limit?: number; onProgress?: (progress: SnapshotProgress) => void | Promise<void>; shouldStop?: () => boolean; timings?: SnapshotTimings;
  } = {},
): Promise<number> {
  const saved = await target.db.syncState.get('snapshot');
  let state: SnapshotState | null = saved?.key === 'snapshot' ? saved : null;
  let request = transport.snapshot(state?.after ?? null, limit);
  for (;;) {
    const waitStarted = performance.now();
    const batch = await request;
    const writeStarted = performance.now();
    // The first page fixes the cursor to pull from afterwards; a resumed download keeps its own.
    state ??= { key: 'snapshot', cursor: batch.cursor, after: null, done: 0, total: batch.total };
    if (batch.next !== null) {
      request = transport.snapshot(batch.next, limit);
      // Fetching ahead: if writing fails, the prefetch's rejection must not go unhandled.
      request.catch(() => undefined);
    }
    state = await applySnapshotPage(target, batch, state);
    if (timings) {
      timings.pages += 1;
      timings.waitMs += writeStarted - waitStarted;
      timings.writeMs += performance.now() - writeStarted;
      timings.rows += SNAPSHOT_TABLES.reduce((sum, table) => sum + batch.rows[table].length, 0);
      timings.fetchMs += batch.timing?.fetchMs ?? 0;
      timings.parseMs += batch.timing?.parseMs ?? 0;
      timings.bytes += batch.timing?.bytes ?? 0;
    }
    await onProgress?.({ done: state.done, total: state.total });
    if (batch.next === null || shouldStop?.()) return state.done;
  }
}
