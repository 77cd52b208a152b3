/** The work queue's data: cached rows (Dexie) + the backend's scores (React Query) → entries. */
import { useEffect, useMemo, useState } from 'react';
import { useComplaintsByIds, usePendingEntityIds, useQueueItemsInStates, useSyncSession } from '@features/sync';
import { buildQueue, type BuiltQueue } from './model';
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

/** `estimated`: the server's scores cannot be read, so the same formula ran on cached data. */
export type ScoreStatus = 'loading' | 'fresh' | 'stale' | 'estimated' | 'unavailable';

export interface WorkQueue extends BuiltQueue {
  ready: boolean;
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
  const rows = useQueueItemsInStates(QUEUE_STATES);
  const pendingIds = usePendingEntityIds();
  const complaintIds = useMemo(() => {
    const ids = new Set<string>();
    for (const row of rows ?? []) if (typeof row.complaintId === 'string') ids.add(row.complaintId);
    return [...ids].sort();
  }, [rows]);
  const complaints = useComplaintsByIds(complaintIds);
  const filters = useQueueFilters();
  const now = useMinuteClock();
  // A new or finished item changes the count: read the scores again so new items get theirs.
  const scores = useQueueScores(access, userId, String(rows?.length ?? 0));
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

  let scoreStatus: ScoreStatus = 'loading';
  if (estimated) scoreStatus = 'estimated';
  else if (scores.isError) scoreStatus = scores.data ? 'stale' : 'unavailable';
  else if (scores.data) scoreStatus = 'fresh';
  else if (!access) scoreStatus = 'unavailable';
  return { ...built, ready: rows !== undefined && userId !== null, scoreStatus, scoresAt: scores.data ? scores.dataUpdatedAt : null, customerOf, itemRow, now: now.getTime() };
}
