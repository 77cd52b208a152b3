/** The work queue's data: cached rows (Dexie) + the backend's scores (React Query) → entries. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useComplaintsByIds, useFirstScoredQueueItems, usePendingEntityIds, useQueueItemsInStates, useSyncSession, type CentralitaDb, type EntityRow } from '@features/sync';
import { buildQueue, firstPageAccept, firstPageOf, FIRST_PAGE_SIZE, type BuiltQueue, type QueueFilters, type ServerScore } from './model';
import { useEstimatedScores } from './local-scores';
import { asLastKnown, useRememberScores, useSavedScores, type LastKnownScores } from './saved-scores';
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
 * The queue's first screenful, then the whole queue. The first page is read by the saved scores
 * (highest first; soonest due first when none are saved) and is a prefix of the full order built
 * with the same scores. The full read (10,000 rows to deserialise, and the saved scores) starts
 * once the first page has answered, so it never delays it; the rows count as read only when the
 * saved scores are read too, so the full list never shows an order the first page did not.
 */
function useFirstPageThenAll(db: CentralitaDb | null, userId: string | null, filters: QueueFilters, now: Date) {
  const accept = useMemo(() => (userId ? firstPageAccept(userId, filters, now) : null), [userId, filters, now]);
  // Latches written during render on purpose: the full read never stops once started, and the
  // first page is read only until the full rows are known.
  const fullStarted = useRef(false);
  const rowsKnown = useRef(false);
  const readsKey = `${userId}|${filters.kind}|${filters.due}|${now.getTime()}`;
  const firstPage = useFirstScoredQueueItems(QUEUE_STATES, FIRST_PAGE_SIZE, accept, readsKey, accept !== null && !rowsKnown.current);
  if (userId !== null && (firstPage !== undefined || accept === null)) fullStarted.current = true;
  const allRows = useQueueItemsInStates(QUEUE_STATES, fullStarted.current);
  const saved = useSavedScores(db, fullStarted.current);
  const rows = saved === undefined ? undefined : allRows;
  if (rows !== undefined) rowsKnown.current = true;
  return { rows, saved: saved ?? null, firstPage: rows === undefined ? firstPage : undefined };
}

/**
 * `estimated`: the server's scores cannot be read, so the same formula ran on cached data.
 * `lastKnown`: the server's scores saved at the last read, while the live read is on its way;
 * `lastKnownOffline`: the same, the live read having failed.
 */
export type ScoreStatus = 'loading' | 'fresh' | 'stale' | 'lastKnown' | 'lastKnownOffline' | 'estimated' | 'unavailable';

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

type ScoreSource = 'live' | 'lastKnown' | 'estimate' | 'none';

/** Items the offline estimate has to score: those without a saved score. */
function withoutSavedScore(rows: readonly EntityRow[] | undefined, saved: LastKnownScores | null): readonly EntityRow[] | undefined {
  if (!rows || !saved) return rows;
  return rows.filter((row) => !saved.scores.has(row.id));
}

/** Saved scores with the estimate filling in the items they lack. */
function mergeEstimate(saved: ReadonlyMap<string, ServerScore>, estimate: ReadonlyMap<string, ServerScore> | null): ReadonlyMap<string, ServerScore> {
  if (!estimate || estimate.size === 0) return saved;
  const merged = new Map(saved);
  for (const [itemId, score] of estimate) if (!merged.has(itemId)) merged.set(itemId, score);
  return merged;
}

export function useWorkQueue(access: ServerAccess | null): WorkQueue {
  const session = useSyncSession();
  const userId = session?.store.userId ?? null;
  const db = session?.store.db ?? null;
  const filters = useQueueFilters();
  const now = useMinuteClock();
  const { rows, saved, firstPage } = useFirstPageThenAll(db, userId, filters, now);
  const pendingIds = usePendingEntityIds();
  const complaintIds = useMemo(() => {
    const ids = new Set<string>();
    for (const row of rows ?? []) if (typeof row.complaintId === 'string') ids.add(row.complaintId);
    return [...ids].sort();
  }, [rows]);
  const complaints = useComplaintsByIds(complaintIds);
  // A new or finished item changes the count: read the scores again so new items get theirs.
  const scores = useQueueScores(access, userId, String(useItemsVersion(rows?.length)));
  useRememberScores(db, scores.data, scores.isPlaceholderData, scores.dataUpdatedAt, saved);
  const live = scores.data;
  // Offline: the server's scores cannot be read (now, or ever in this session).
  const offline = scores.isError || (!access && userId !== null);
  // The estimate only scores what no saved score covers (items new since the last read).
  const toEstimate = useMemo(() => withoutSavedScore(rows, saved), [rows, saved]);
  const estimateNeeded = offline && !live && toEstimate !== undefined && toEstimate.length > 0;
  const estimated = useEstimatedScores(db, toEstimate, estimateNeeded, live?.weights ?? saved?.weights, now);

  // Live scores (even if a later refresh failed) > saved ones (gaps estimated offline) > estimate.
  const { scoreMap, source } = useMemo((): { scoreMap: ReadonlyMap<string, ServerScore> | undefined; source: ScoreSource } => {
    if (live) return { scoreMap: live.scores, source: 'live' };
    if (saved) return { scoreMap: mergeEstimate(saved.scores, estimated), source: 'lastKnown' };
    if (estimated) return { scoreMap: estimated, source: 'estimate' };
    return { scoreMap: undefined, source: 'none' };
  }, [live, saved, estimated]);

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

  const firstScores = useMemo(() => (firstPage ? asLastKnown(firstPage.scores) : null), [firstPage]);
  const firstEntries = useMemo(
    () => (firstPage && firstScores ? firstPageOf(firstPage.rows, { userId: userId ?? '', now, complaintTypes: new Map(), pendingIds, filters }, firstScores) : null),
    [firstPage, firstScores, userId, now, pendingIds, filters],
  );
  // A first page read by saved scores is always shown: the full order moves from it only where a
  // live score differs. One read by due time is a prefix of the full order only while no live
  // score is known (a panel mounted again in this session waits for the whole read instead).
  const firstByScore = firstPage?.savedAt != null;
  const liveKnown = live !== undefined && live.scores.size > 0;
  const partial = rows === undefined && firstEntries !== null && firstEntries.length > 0 && (firstByScore || !liveKnown);
  useMarkOnce(FIRST_PAGE_MARK, partial);
  useMarkOnce(ALL_ROWS_MARK, rows !== undefined && userId !== null);

  const shownSource: ScoreSource = partial ? (firstPage!.scores.size > 0 ? 'lastKnown' : 'none') : source;
  let scoreStatus: ScoreStatus;
  if (shownSource === 'live') scoreStatus = scores.isError ? 'stale' : 'fresh';
  else if (shownSource === 'lastKnown') scoreStatus = offline ? 'lastKnownOffline' : 'lastKnown';
  else if (shownSource === 'estimate') scoreStatus = 'estimated';
  else scoreStatus = offline ? 'unavailable' : 'loading';
  const savedAt = partial ? firstPage?.savedAt : saved?.savedAt;
  const lastKnownAt = savedAt ? Date.parse(savedAt) : null;
  const scoresAt = shownSource === 'lastKnown' ? lastKnownAt : live ? scores.dataUpdatedAt : null;
  const shown = partial ? { entries: firstEntries, total: 0, overdue: 0, mine: 0, complaintTypes: [] } : built;
  return { ...shown, ready: (rows !== undefined || partial) && userId !== null, partial, scoreStatus, scoresAt, customerOf, itemRow, now: now.getTime() };
}
