/**
 * The caller of a call, for the screen pop. The lookup was started by the softphone's INVITE
 * signal (model/caller-prefetch.ts), before anything rendered the ringing line; a call that did not
 * come through it (an outgoing call) starts the same lookup when its view mounts. Once `live` is
 * true (the pop is painted, or nobody was found) a live query takes over, so a number linked
 * meanwhile or a newer synced row shows in place; an equal answer keeps the first row (no re-render
 * below, no flicker).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import { findCustomerByPhone, normalizePhone, readCustomerByPhone, useSyncSession, type CustomerRow, type SyncSession } from '@features/sync';
import { callerPrefetchStarted, prefetchCaller, prefetchedCaller, subscribeCallerPrefetch, type CallerLookup } from './model/caller-prefetch';
import { sameRow } from './model/same-row';

/**
 * The lookup the prefetch runs: the same indexed read as the live query, made straight on
 * IndexedDB (it runs inside the INVITE's task).
 */
export function callerLookupIn(session: SyncSession): CallerLookup {
  return { normalize: (number) => normalizePhone(number), find: (e164) => readCustomerByPhone(session.store.db, e164) };
}

export interface CallerLookupResult {
  /** The caller's number in E.164, null when it cannot be normalised. */
  e164: string | null;
  /** Undefined while reading; null when no cached customer has the number. */
  found: CustomerRow | null | undefined;
}

export function useCallerLookup(callKey: string, number: string, live: boolean): CallerLookupResult {
  const session = useSyncSession();
  useLayoutEffect(() => {
    if (session && !callerPrefetchStarted(callKey, number)) prefetchCaller(callKey, number, callerLookupIn(session));
  }, [session, callKey, number]);
  const prefetched = useSyncExternalStore(subscribeCallerPrefetch, () => prefetchedCaller(callKey, number));
  const e164 = useMemo(() => prefetched?.e164 ?? normalizePhone(number), [prefetched, number]);
  // Tagged with its input: useLiveQuery keeps its last answer when the inputs change.
  const liveRead = useLiveQuery(
    async () => (live && session && e164 ? { e164, row: (await findCustomerByPhone(session.store.db, e164)) ?? null } : null),
    [live, session, e164],
  );
  const liveRow = liveRead && liveRead.e164 === e164 ? liveRead.row : undefined;
  const first = prefetched?.row;
  const found = liveRow === undefined ? first : sameRow(first, liveRow) ? first : liveRow;
  return { e164, found: session ? found : null };
}
