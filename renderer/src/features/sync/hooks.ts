/** Live-query hooks: components re-render when IndexedDB changes, in this window or another. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useSyncExternalStore } from 'react';
import type { EngineStatus } from './engine';
import { customerComplaints, customerConsents, customerTimeline, findCustomerByPhone, queueItemsByState, searchCustomers } from './queries';
import { getSyncSession, subscribeSyncSession, type SyncSession } from './session';
import type { CustomerRow, DeadLetter, EntityRow, InteractionRow, SyncStateRow } from './rows';

export function useSyncSession(): SyncSession | null {
  return useSyncExternalStore(subscribeSyncSession, getSyncSession, () => null);
}

export function useCustomerByPhone(phone: string | null): CustomerRow | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session && phone ? findCustomerByPhone(session.store.db, phone) : undefined), [session, phone]);
}

export function useCustomer(customerId: string | null): CustomerRow | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session && customerId ? session.store.db.customers.get(customerId) : undefined), [session, customerId]);
}

export function useCustomerSearch(query: string, limit = 20): CustomerRow[] | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session ? searchCustomers(session.store.db, query, limit) : []), [session, query, limit]);
}

export function useCustomerTimeline(customerId: string | null, limit = 200): InteractionRow[] | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session && customerId ? customerTimeline(session.store.db, customerId, limit) : []), [session, customerId, limit]);
}

export function useCustomerConsents(customerId: string | null): EntityRow[] | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session && customerId ? customerConsents(session.store.db, customerId) : []), [session, customerId]);
}

export function useCustomerComplaints(customerId: string | null): EntityRow[] | undefined {
  const session = useSyncSession();
  return useLiveQuery(async () => (session && customerId ? customerComplaints(session.store.db, customerId) : []), [session, customerId]);
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
