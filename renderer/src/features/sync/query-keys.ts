/**
 * React Query side of the sync feature. Local data is Dexie's (live queries); React Query holds
 * only server-only reads (KPIs, availability, scores). Those go stale when sync brings new server
 * changes, so the feature offers the trigger: the stored cursor moves after every pull that applied
 * something, and `useRefreshOnSync` invalidates the keys a feature names when it does.
 *
 * The key-factory pattern every feature copies (see README "React Query"):
 *   export const fooKeys = {
 *     all: ['foo'] as const,                                   // root: invalidates everything of the feature
 *     list: (userId: string, filters: Filters) => [...fooKeys.all, userId, 'list', filters] as const,
 *   };
 * Keys are readonly tuples built from the broader key, scoped by user (one machine, many agents).
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';

export const syncQueryKeys = {
  all: ['sync'] as const,
  user: (userId: string) => [...syncQueryKeys.all, userId] as const,
  /** Server reads that must follow the local cache: the cursor part changes after every applied pull. */
  afterSync: (userId: string, cursor: string) => [...syncQueryKeys.user(userId), 'after-sync', cursor] as const,
} as const;

/** Marks the given queries stale and refetches the active ones (what a pull with changes triggers). */
export async function refreshAfterSync(queryClient: QueryClient, keys: readonly QueryKey[]): Promise<void> {
  await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
