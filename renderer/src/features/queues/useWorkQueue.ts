/** The work queue's data: cached rows (Dexie) + the backend's scores (React Query) → entries. */
import { useEffect, useMemo, useState } from 'react';
import { useComplaintsByIds, usePendingEntityIds, useQueueItemsInStates, useSyncSession } from '@features/sync';
import { buildQueue, type BuiltQueue } from './model';
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

export type ScoreStatus = 'loading' | 'fresh' | 'stale' | 'unavailable';

export interface WorkQueue extends BuiltQueue {
  ready: boolean;
  scoreStatus: ScoreStatus;
  scoresAt: number | null;
  /** The customer of any cached open or claimed item (also those not in this agent's list). */
  customerOf: (itemId: string) => string | null;
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

  const built = useMemo(() => {
    const complaintTypes = new Map<string, string>();
    for (const complaint of complaints ?? []) if (typeof complaint.typeId === 'string') complaintTypes.set(complaint.id, complaint.typeId);
    return buildQueue({ rows: rows ?? [], userId: userId ?? '', now, scores: scores.data?.scores ?? new Map(), complaintTypes, pendingIds, filters });
  }, [rows, userId, now, scores.data, complaints, pendingIds, filters]);

  const customerOf = useMemo(() => {
    const byItem = new Map<string, string>();
    for (const row of rows ?? []) if (typeof row.customerId === 'string') byItem.set(row.id, row.customerId);
    return (itemId: string) => byItem.get(itemId) ?? null;
  }, [rows]);

  let scoreStatus: ScoreStatus = 'loading';
  if (scores.isError) scoreStatus = scores.data ? 'stale' : 'unavailable';
  else if (scores.data) scoreStatus = 'fresh';
  else if (!access) scoreStatus = 'unavailable';
  return { ...built, ready: rows !== undefined && userId !== null, scoreStatus, scoresAt: scores.data ? scores.dataUpdatedAt : null, customerOf };
}
