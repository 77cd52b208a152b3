/**
 * A caller the first download (or the refetch after `409`) has not reached yet: the screen pop
 * asks the server for that one caller (`GET /api/sync/snapshot/caller`) and the answer is written
 * with the download's own page writer, so the card's live lookup finds them. Only while the
 * download is in progress: afterwards the cache is complete, and pulled rows newer than this
 * answer must never be overwritten by it. During it, the page that brings the caller later and
 * the pull from the first page's cursor converge on the server's state whatever the order.
 */
import { pullTables, type PullTarget } from './pull';
import { isPlaceholder } from './customer-children';
import type { SnapshotBatch, SnapshotRowData } from './snapshot-reply';
import { downloadInProgress, writeSnapshotRows } from './snapshot';
import type { SyncStore } from './store';
import type { SyncTransport } from './transport';

/** The pop's patience for the server: past this the agent is better served by the search. */
export const CALLER_FILL_TIMEOUT_MS = 10_000;

export type CallerFillOutcome =
  /** The caller's rows are in the local cache now. */
  | 'written'
  /** The server has no customer with this number. */
  | 'not_found'
  /** No download in progress (before the request, or by the time the answer came): nothing written. */
  | 'not_downloading'
  /** The download (or a pull) stored the caller while the request ran: theirs stays. */
  | 'already_cached'
  /** Offline, timed out, refused or unreadable: nothing written (never thrown into the pop). */
  | 'failed';

export interface CallerFillOptions {
  /** Called just before the request goes out (not when there is nothing to ask). */
  onRequest?: () => void;
  signal?: AbortSignal;
  timeoutMs?: number;
}

function isServerRow(row: Record<string, unknown> | undefined): boolean {
  return row !== undefined && !isPlaceholder(row) && Number(row.rev) >= 1;
}

/** The answer without the customers already cached (and their children): those rows stay as stored. */
function withoutCached(batch: SnapshotBatch, cached: ReadonlySet<string>): SnapshotBatch {
  const keep = (row: SnapshotRowData) => !cached.has(String(row.customerId));
  const interactions = batch.rows.interactions.filter(keep);
  const interactionIds = new Set(interactions.map((row) => row.id));
  return {
    ...batch,
    next: null,
    total: null,
    // The download dead-letters a bad row when it reaches its page; twice would show it twice.
    invalid: [],
    rows: {
      customers: batch.rows.customers.filter((row) => !cached.has(row.id)),
      identities: batch.rows.identities.filter(keep),
      consents: batch.rows.consents.filter(keep),
      complaints: batch.rows.complaints.filter(keep),
      interactions,
      outcomeTags: batch.rows.outcomeTags.filter((row) => interactionIds.has(String(row.interactionId))),
      queueItems: batch.rows.queueItems.filter(keep),
    },
  };
}

/** Writes the answer in one transaction, re-checking there that the download is still running. */
export async function writeCallerPage(target: PullTarget, batch: SnapshotBatch, e164: string): Promise<CallerFillOutcome> {
  const { db } = target;
  return db.transaction('rw', pullTables(db), async () => {
    if (!(await downloadInProgress(db))) return 'not_downloading';
    const ids = batch.rows.customers.map((row) => row.id);
    const stored = await db.customers.bulkGet(ids);
    // A server row (rev ≥ 1) the download or a pull stored stays; a placeholder or a row rebuilt
    // from pending work alone (rev 0, e.g. after the refetch cleared the cache) is filled in.
    const cached = new Set(ids.filter((_, index) => isServerRow(stored[index])));
    if (cached.size === ids.length) return 'already_cached';
    // Not a resume point: neither the cursor nor the snapshot's progress is touched.
    await writeSnapshotRows(target, withoutCached(batch, cached), `caller:${e164}`, new Date().toISOString());
    return 'written';
  });
}

/**
 * Fetches the caller `e164` (E.164) from the server and stores them, only while the first download
 * or a refetch is in progress. Resolves with what happened; never rejects.
 */
export async function fillCallerFromServer(
  session: { readonly store: Pick<SyncStore, 'db' | 'userId'>; readonly transport: Pick<SyncTransport, 'callerPage'> },
  e164: string,
  { onRequest, signal, timeoutMs = CALLER_FILL_TIMEOUT_MS }: CallerFillOptions = {},
): Promise<CallerFillOutcome> {
  const target: PullTarget = { db: session.store.db, userId: session.store.userId };
  try {
    if (!(await downloadInProgress(target.db))) return 'not_downloading';
    onRequest?.();
    const deadline = AbortSignal.timeout(timeoutMs);
    const batch = await session.transport.callerPage(e164, signal ? AbortSignal.any([signal, deadline]) : deadline);
    if (batch.rows.customers.length === 0) return 'not_found';
    return await writeCallerPage(target, batch, e164);
  } catch {
    // The pop falls back to the unknown-caller view; the download brings the caller later anyway.
    return 'failed';
  }
}
