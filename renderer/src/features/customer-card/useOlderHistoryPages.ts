/**
 * The customer's older history as a React Query infinite query, one page per server request
 * (`GET /api/sync/history`, stored in the local cache by the sync feature). The pages already
 * fetched stay in the query cache for the session (never stale, never collected), so a new card for
 * the same customer resumes below the last page held instead of asking for it again, and knows
 * when the server has said there is nothing older.
 */
import { infiniteQueryOptions, useInfiniteQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { loadOlderInteractions, useSyncSession, type HistoryCursor, type OlderHistoryResult, type SyncSession } from '@features/sync';
import { customerCardKeys } from './query-keys';

/** The first page starts below the download window (the sync feature finds where). */
export const BELOW_WINDOW = 'below-window';
export type OlderPageParam = HistoryCursor | typeof BELOW_WINDOW;

/** One page as the query keeps it: the sync feature's result and the oldest interaction it brought. */
export interface OlderPage extends OlderHistoryResult {
  oldestId: string | null;
}

type Session = Pick<SyncSession, 'store' | 'transport'>;

/** Fetches one page, noting the oldest interaction the server sent (to check later that it is still cached). */
async function fetchPage(session: Session, customerId: string, pageParam: OlderPageParam): Promise<OlderPage> {
  let oldestId: string | null = null;
  const transport: Session['transport'] = Object.assign(Object.create(session.transport) as Session['transport'], {
    history: async (...args: Parameters<Session['transport']['history']>) => {
      const page = await session.transport.history(...args);
      oldestId = page.interactions.at(-1)?.id ?? null;
      return page;
    },
  });
  const result = await loadOlderInteractions(session.store.db, transport, customerId, pageParam === BELOW_WINDOW ? undefined : pageParam);
  return { ...result, oldestId };
}

/** `session` null (signed out): the same query shape, never run. */
export function olderHistoryQuery(session: Session | null, customerId: string) {
  return infiniteQueryOptions({
    queryKey: customerCardKeys.olderHistory(session?.store.userId ?? '', session?.store.clientId ?? '', customerId),
    queryFn: ({ pageParam }): Promise<OlderPage> => (session
      ? fetchPage(session, customerId, pageParam)
      : Promise.reject(new Error('Older history needs a signed-in sync session.'))),
    initialPageParam: BELOW_WINDOW as OlderPageParam,
    // null: the server has nothing older (no next page).
    getNextPageParam: (last: OlderPage): OlderPageParam | null => last.next,
    // Pages are asked for only when the timeline reaches its end; what was fetched stays valid.
    enabled: false,
    staleTime: Infinity,
    gcTime: Infinity,
    // Offline the agent sees the failure and retries (scrolling or the button), not a silent backoff;
    // 'always': a failed request says so, instead of pausing while the browser reports no network.
    retry: false,
    networkMode: 'always',
  });
}

/**
 * The pages remembered for a customer are only worth what the local cache still holds: after a
 * full refetch (the sync cursor expired) the older rows are gone, so the pages are forgotten and
 * the next request starts again below the download window. Resolves true when they were.
 */
export async function forgetPagesIfUncached(queryClient: QueryClient, session: Session, customerId: string): Promise<boolean> {
  const { queryKey } = olderHistoryQuery(session, customerId);
  const oldestId = queryClient.getQueryData(queryKey)?.pages.findLast((page) => page.oldestId !== null)?.oldestId;
  if (!oldestId || (await session.store.db.interactions.get(oldestId))) return false;
  await queryClient.resetQueries({ queryKey, exact: true });
  return true;
}

export interface OlderHistoryPages {
  /** Asks for the next older page (no-op while one loads or once the history is complete). */
  loadOlder(): void;
  loading: boolean;
  /** The server said it has nothing older. */
  complete: boolean;
  /** The last request of THIS card failed (a failure seen by an earlier card is not repeated). */
  error: string | null;
}

export function useOlderHistoryPages(customerId: string): OlderHistoryPages {
  const session = useSyncSession();
  const options = useMemo(() => olderHistoryQuery(session, customerId), [session, customerId]);
  const { data, error, errorUpdatedAt, fetchNextPage, hasNextPage, isFetching } = useInfiniteQuery(options);
  const queryClient = useQueryClient();
  useEffect(() => {
    if (session) void forgetPagesIfUncached(queryClient, session, customerId).catch(() => undefined);
  }, [queryClient, session, customerId]);
  // Errors are this card's own: one left in the cache by an earlier card is not shown again.
  const [openedAt] = useState(Date.now);
  const complete = data !== undefined && !hasNextPage;
  const canLoad = session !== null && !isFetching && !complete;
  const loadOlder = useCallback(() => {
    if (canLoad) void fetchNextPage({ cancelRefetch: false });
  }, [canLoad, fetchNextPage]);
  return {
    loadOlder,
    loading: isFetching,
    complete,
    error: error && errorUpdatedAt >= openedAt ? error.message : null,
  };
}
