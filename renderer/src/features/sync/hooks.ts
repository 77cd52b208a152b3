/** Live-query hooks: components re-render when IndexedDB changes, in this window or another. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { refreshAfterSync } from './query-keys';
import type { EngineStatus } from './engine';
import { customerComplaints, customerConsents, customerIdentities, customerTimeline, findCustomerByPhone, outcomeTagsFor, queueItemsByState, queueItemsInStates, referenceRows, searchCustomers } from './queries';
import { complaintsByIds, outcomeTagsOfAgent, pendingEntityIds } from './queries';
import { getSyncSession, subscribeSyncSession, type SyncSession } from './session';
import { resolveCustomer, resolveCustomerId } from './merges';
import type { CustomerRow, DeadLetter, EntityRow, IdentityRow, InteractionRow, ReferenceRow, SyncStateRow } from './rows';

export function useSyncSession(): SyncSession | null {
  return useSyncExternalStore(subscribeSyncSession, getSyncSession, () => null);
}

export function useCustomerByPhone(phone: string | null): CustomerRow | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session && phone ? findCustomerByPhone(session.store.db, phone) : undefined), [session, phone]);
}

export function useCustomer(customerId: string | null): CustomerRow | undefined {
  const session = useSyncSession();
  // A merged duplicate's id shows its survivor (merges.ts), so an open card follows the merge.
  return useLiveQuery(async () => (session && customerId ? resolveCustomer(session.store.db, customerId) : undefined), [session, customerId]);
}

export function useCustomerSearch(query: string, limit = 20): CustomerRow[] | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session ? searchCustomers(session.store.db, query, limit) : []), [session, query, limit]);
}

export function useCustomerTimeline(customerId: string | null, limit = 200): InteractionRow[] | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session && customerId ? customerTimeline(session.store.db, await resolveCustomerId(session.store.db, customerId), limit) : []), [session, customerId, limit]);
}

export function useCustomerConsents(customerId: string | null): EntityRow[] | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session && customerId ? customerConsents(session.store.db, await resolveCustomerId(session.store.db, customerId)) : []), [session, customerId]);
}

export function useCustomerComplaints(customerId: string | null): EntityRow[] | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session && customerId ? customerComplaints(session.store.db, await resolveCustomerId(session.store.db, customerId)) : []), [session, customerId]);
}

export function useQueueItems(state: string): EntityRow[] | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session ? queueItemsByState(session.store.db, state) : []), [session, state]);
}

export function usePendingCount(): number {
  const session = useSyncSession();
  return useLiveQuery(async () => (session ? session.store.db.outbox.count() : 0), [session]) ?? 0;
}

export function useDeadLetters(): DeadLetter[] {
  const session = useSyncSession();
  return useLiveQuery(async () => (session ? session.store.db.deadLetters.orderBy('failedAt').toArray() : []), [session]) ?? [];
}

export function useSyncStateRows(): { meta?: SyncStateRow; activity?: SyncStateRow } {
  const session = useSyncSession();
  return useLiveQuery(async () => {
    if (!session) return {};
    const [meta, activity] = await session.store.db.syncState.bulkGet(['meta', 'activity']);
    return { meta, activity };
  }, [session]) ?? {};
}

const OFFLINE_STATUS: EngineStatus = { leader: false, online: false, reachable: false, phase: 'idle', progress: null, lastError: null };

/** This window's engine status (leader or follower). */
export function useEngineStatus(): EngineStatus {
  const session = useSyncSession();
  const subscribe = useCallback((listener: () => void) => (session ? session.engine.subscribe(listener) : () => undefined), [session]);
  const snapshot = useCallback(() => (session ? session.engine.status() : OFFLINE_STATUS), [session]);
  return useSyncExternalStore(subscribe, snapshot, () => OFFLINE_STATUS);
}

export function useOutcomeTags(interactionIds: readonly string[]): EntityRow[] | undefined {
  const session = useSyncSession();
  // `key` stands for the id list's content, so a new array with the same ids does not re-query.
  const key = interactionIds.join(',');
  return useLiveQuery(async () => (session ? outcomeTagsFor(session.store.db, interactionIds) : []), [session, key]);
}

export function useReferenceRows(list: 'taxonomy' | 'dispositions' | 'pauseCodes' | 'scripts'): ReferenceRow[] | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session ? referenceRows(session.store.db, list) : []), [session, list]);
}

export function useCustomerIdentities(customerId: string | null): IdentityRow[] | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session && customerId ? customerIdentities(session.store.db, await resolveCustomerId(session.store.db, customerId)) : []), [session, customerId]);
}

/** Like `useCustomerByPhone`, but tells "not in the cache" (null) from "still reading" (undefined). */
export function usePhoneLookup(phone: string | null): CustomerRow | null | undefined {
  const session = useSyncSession();
  const found = useLiveQuery(async () => ({ row: session && phone ? (await findCustomerByPhone(session.store.db, phone)) ?? null : null }), [session, phone]);
  return found?.row;
}

/**
 * Like `useCustomer`, but null when the id is not in the cache, undefined while reading. Follows
 * merges: the row returned may be the survivor's (its `id` differs from the one asked for).
 */
export function useCustomerRecord(customerId: string | null): CustomerRow | null | undefined {
  const session = useSyncSession();
  const found = useLiveQuery(async () => ({ row: session && customerId ? (await resolveCustomer(session.store.db, customerId)) ?? null : null }), [session, customerId]);
  return found?.row;
}

/**
 * Queue items in any of `states` (the work queue reads 'open' and 'claimed'), live. With `enabled`
 * false nothing is read (undefined), so a caller can start this large read after a smaller one.
 */
export function useQueueItemsInStates(states: readonly string[], enabled = true): EntityRow[] | undefined {
  const session = useSyncSession();
  const key = states.join(',');
  return useLiveQuery(async () => (!enabled ? undefined : session ? queueItemsInStates(session.store.db, states) : []), [session, key, enabled]);
}

export function useComplaintsByIds(ids: readonly string[]): EntityRow[] | undefined {
  const session = useSyncSession();
  const key = ids.join(',');
  return useLiveQuery(async () => (session ? complaintsByIds(session.store.db, ids) : []), [session, key]);
}

/** Entity ids with changes not yet accepted by the server (e.g. a claim made offline). */
export function usePendingEntityIds(): ReadonlySet<string> {
  const session = useSyncSession();
  const ids = useLiveQuery(async () => (session ? pendingEntityIds(session.store.db) : []), [session]);
  return useMemo(() => new Set(ids ?? []), [ids]);
}

/** The stored sync cursor (changes after every pull that applied server changes), in any window. */
export function useSyncCursor(): string | null {
  const { meta } = useSyncStateRows();
  return meta?.key === 'meta' ? meta.cursor : null;
}

/**
 * Refreshes the named React Query reads whenever sync applies new server changes (the cursor moves),
 * in the leader window and in followers alike. Pass stable keys from the feature's key factory.
 */
export function useRefreshOnSync(keys: readonly QueryKey[]): void {
  const queryClient = useQueryClient();
  const cursor = useSyncCursor();
  const previous = useRef<string | null>(null);
  const latestKeys = useRef(keys);
  latestKeys.current = keys;
  useEffect(() => {
    const before = previous.current;
    previous.current = cursor;
    // The first cursor seen is the starting point, not a change.
    if (cursor === null || before === null || before === cursor) return;
    void refreshAfterSync(queryClient, latestKeys.current);
  }, [cursor, queryClient]);
}

/** Team-lead re-tags of the signed-in agent's own calls, with the interaction each belongs to. */
export function useMyOutcomeTags(): Array<{ tag: EntityRow; interaction: InteractionRow }> | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session ? outcomeTagsOfAgent(session.store.db, session.store.userId) : []), [session]);
}

/** The id that survives `customerId`'s merges (itself when never merged); undefined while reading. */
export function useResolvedCustomerId(customerId: string | null): string | null | undefined {
  const session = useSyncSession();
  const found = useLiveQuery(async () => ({ id: session && customerId ? await resolveCustomerId(session.store.db, customerId) : null }), [session, customerId]);
  return found?.id;
}
