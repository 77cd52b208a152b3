/** The work queue's data: cached rows (Dexie) + the backend's scores (React Query) → entries. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useComplaintsByIds, usePendingEntityIds, useQueueItemsInStates, useSoonestQueueItems, useSyncSession } from '@features/sync';
import { buildQueue, firstPageOf, firstPageReads, FIRST_PAGE_SIZE, type BuiltQueue, type QueueFilters } from './model';
import { useEstimatedScores } from './local-scores';
import { useQueueScores } from './scores';
import type { ServerAccess } from './server-read';
import { useQueueFilters } from './store';

const QUEUE_STATES = ['open', 'claimed'] as const;

/** "Now" that moves every minute, so items turn overdue on screen without a reload. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** User Timing marks the benchmark reads: the first page on screen, the whole queue read. */
export const FIRST_PAGE_MARK = 'centralita:queue-first-page';
export const ALL_ROWS_MARK = 'centralita:queue-all-rows';

function useMarkOnce(name: string, reached: boolean): void {
  const marked = useRef(false);
  useEffect(() => {
    if (!reached || marked.current) return;
    marked.current = true;
    performance.mark(name);
  }, [name, reached]);
}

/**
 * Items version for the score read's key: moves when a known item count changes, not when the
 * count first becomes known, so the read started before the cache answered is not made twice.
 */
function useItemsVersion(count: number | undefined): number {
  const state = useRef<{ count: number | undefined; version: number }>({ count: undefined, version: 0 });
  if (count !== undefined && count !== state.current.count) {
    state.current = { count, version: state.current.count === undefined ? state.current.version : state.current.version + 1 };
  }
  return state.current.version;
}

/**
 * The queue's first screenful, read through the due-time index, then the whole queue: the full
 * read (10,000 rows to deserialise) starts once the first page has answered, so it never delays
 * it. The first page is only used while no score is known, when it is a prefix of the full order.
 */
function useFirstPageThenAll(userId: string | null, filters: QueueFilters, now: Date) {
  const reads = useMemo(() => (userId ? firstPageReads(userId, filters, now) : null), [userId, filters, now]);
  // Latches written during render on purpose: the full read never stops once started, and the
  // first page is read only until the full rows are known.
  const fullStarted = useRef(false);
  const rowsKnown = useRef(false);
  const readsKey = `${userId}|${filters.kind}|${filters.due}|${now.getTime()}`;
  const firstPage = useSoonestQueueItems(reads ?? [], FIRST_PAGE_SIZE, readsKey, reads !== null && !rowsKnown.current);
  if (userId !== null && (firstPage !== undefined || reads === null)) fullStarted.current = true;
  const rows = useQueueItemsInStates(QUEUE_STATES, fullStarted.current);
  if (rows !== undefined) rowsKnown.current = true;
  return { rows, firstPage: rows === undefined ? firstPage : undefined };
}

/** `estimated`: the server's scores cannot be read, so the same formula ran on cached data. */
export type ScoreStatus = 'loading' | 'fresh' | 'stale' | 'estimated' | 'unavailable';

export interface WorkQueue extends BuiltQueue {
  ready: boolean;
  /**
   * Only the first page is read yet (`entries` holds it, in due-time order, which the full order
   * keeps while no score is known); `total`, `overdue`, `mine` and `complaintTypes` are not known.
   */
  partial: boolean;
  scoreStatus: ScoreStatus;
  scoresAt: number | null;
  /** The customer of any cached open or claimed item (also those not in this agent's list). */
  customerOf: (itemId: string) => string | null;
  /** A cached open or claimed row by id: undefined when not open/claimed, null while still reading. */
  itemRow: (itemId: string) => Record<string, unknown> | undefined | null;
  /** The minute clock the due states were computed with (ms). */
  now: number;
}

export function useWorkQueue(access: ServerAccess | null): WorkQueue {
  const session = useSyncSession();
  const userId = session?.store.userId ?? null;
  const filters = useQueueFilters();
  const now = useMinuteClock();
  const { rows, firstPage } = useFirstPageThenAll(userId, filters, now);
  const pendingIds = usePendingEntityIds();
  const complaintIds = useMemo(() => {
    const ids = new Set<string>();
    for (const row of rows ?? []) if (typeof row.complaintId === 'string') ids.add(row.complaintId);
    return [...ids].sort();
  }, [rows]);
  const complaints = useComplaintsByIds(complaintIds);
  // A new or finished item changes the count: read the scores again so new items get theirs.
  const scores = useQueueScores(access, userId, String(useItemsVersion(rows?.length)));
  // Offline: the server's scores cannot be read (now, or ever in this session).
  const offline = scores.isError || (!access && userId !== null);
  const estimated = useEstimatedScores(session?.store.db ?? null, rows, offline, scores.data?.weights, now);
  const scoreMap = estimated ?? scores.data?.scores;

  const built = useMemo(() => {
    const complaintTypes = new Map<string, string>();
    for (const complaint of complaints ?? []) if (typeof complaint.typeId === 'string') complaintTypes.set(complaint.id, complaint.typeId);
    return buildQueue({ rows: rows ?? [], userId: userId ?? '', now, scores: scoreMap ?? new Map(), complaintTypes, pendingIds, filters });
  }, [rows, userId, now, scoreMap, complaints, pendingIds, filters]);

  const { customerOf, itemRow } = useMemo(() => {
    const byItem = new Map<string, Record<string, unknown>>();
    for (const row of rows ?? []) byItem.set(row.id, row);
    return {
      customerOf: (itemId: string) => {
        const customerId = byItem.get(itemId)?.customerId;
        return typeof customerId === 'string' ? customerId : null;
      },
      itemRow: (itemId: string) => (rows === undefined ? null : byItem.get(itemId)),
    };
  }, [rows]);

  const firstEntries = useMemo(
    () => (firstPage ? firstPageOf(firstPage, { userId: userId ?? '', now, complaintTypes: new Map(), pendingIds, filters }) : null),
    [firstPage, userId, now, pendingIds, filters],
  );
  // With scores already known (the panel mounted again in this session) the full order is by
  // score, which the due-time first page is not a prefix of: wait for the whole read then.
  const scoresKnown = scoreMap !== undefined && scoreMap.size > 0;
  const partial = rows === undefined && firstEntries !== null && firstEntries.length > 0 && !scoresKnown;
  useMarkOnce(FIRST_PAGE_MARK, partial);
  useMarkOnce(ALL_ROWS_MARK, rows !== undefined && userId !== null);

  let scoreStatus: ScoreStatus = 'loading';
  if (estimated) scoreStatus = 'estimated';
  else if (scores.isError) scoreStatus = scores.data ? 'stale' : 'unavailable';
  else if (scores.data) scoreStatus = 'fresh';
  else if (!access) scoreStatus = 'unavailable';
  const shown = partial ? { entries: firstEntries, total: 0, overdue: 0, mine: 0, complaintTypes: [] } : built;
  return { ...shown, ready: (rows !== undefined || partial) && userId !== null, partial, scoreStatus, scoresAt: scores.data ? scores.dataUpdatedAt : null, customerOf, itemRow, now: now.getTime() };
}
