/**
 * The caller of a call, for the screen pop. The lookup was started by the softphone's INVITE
 * signal (model/caller-prefetch.ts), before anything rendered the ringing line; a call that did not
 * come through it (an outgoing call) starts the same lookup when its view mounts. Once `live` is
 * true (the pop is painted, or nobody was found) a live query takes over, so a number linked
 * meanwhile or a newer synced row shows in place; an equal answer keeps the first row (no re-render
 * below, no flicker). A caller the cache misses while the first download (or a refetch) is still
 * running is asked of the server in the background (the sync feature's `fillCallerFromServer`);
 * `serverLookup` says how that goes, and the live query shows the caller once they are stored.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import { fillCallerFromServer, findCustomerByPhone, normalizePhone, readCustomerByPhone, useSyncSession, type CustomerRow, type SyncSession } from '@features/sync';
import { callerPrefetchStarted, callerServerLookup, prefetchCaller, prefetchedCaller, subscribeCallerPrefetch, type CallerLookup, type ServerLookupState } from './model/caller-prefetch';
import { sameRow } from './model/same-row';

/**
 * The lookup the prefetch runs: the same indexed read as the live query, made straight on
 * IndexedDB (it runs inside the INVITE's task); after a miss, the server during a download.
 */
export function callerLookupIn(session: SyncSession): CallerLookup {
  return {
    normalize: (number) => normalizePhone(number),
    find: (e164) => readCustomerByPhone(session.store.db, e164),
    fillFromServer: (e164, onRequest) => fillCallerFromServer(session, e164, { onRequest }),
  };
}

export interface CallerLookupResult {
  /** The caller's number in E.164, null when it cannot be normalised. */
  e164: string | null;
  /** Undefined while reading; null when no cached customer has the number. */
  found: CustomerRow | null | undefined;
  /** After a cache miss during the first download: asking the server, not there either, or unreachable. */
  serverLookup: ServerLookupState;
}

export function useCallerLookup(callKey: string, number: string, live: boolean): CallerLookupResult {
  const session = useSyncSession();
  useLayoutEffect(() => {
    if (session && !callerPrefetchStarted(callKey, number)) prefetchCaller(callKey, number, callerLookupIn(session));
  }, [session, callKey, number]);
  const prefetched = useSyncExternalStore(subscribeCallerPrefetch, () => prefetchedCaller(callKey, number));
  const serverLookup = useSyncExternalStore(subscribeCallerPrefetch, () => callerServerLookup(callKey, number));
  const e164 = useMemo(() => prefetched?.e164 ?? normalizePhone(number), [prefetched, number]);
  // Tagged with its input: useLiveQuery keeps its last answer when the inputs change.
  const liveRead = useLiveQuery(
    async () => (live && session && e164 ? { e164, row: (await findCustomerByPhone(session.store.db, e164)) ?? null } : null),
    [live, session, e164],
  );
  const liveRow = liveRead && liveRead.e164 === e164 ? liveRead.row : undefined;
  const first = prefetched?.row;
  const found = liveRow === undefined ? first : sameRow(first, liveRow) ? first : liveRow;
  return { e164, found: session ? found : null, serverLookup: session ? serverLookup : null };
}
