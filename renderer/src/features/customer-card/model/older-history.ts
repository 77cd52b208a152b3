/**
 * Older history below the timeline: what its footer offers. The cache holds recent interactions
 * (the sync download keeps a window); older ones come from the server a page at a time, only once
 * every cached entry is shown (otherwise scrolling on simply reads more of the cache).
 */
export type OlderFooter = 'none' | 'offer' | 'loading' | 'failed' | 'end';

export interface OlderFooterInput {
  /** The timeline shows every cached interaction of the customer (the read returned fewer than its limit). */
  allCachedShown: boolean;
  loading: boolean;
  /** The server said it has nothing older. */
  complete: boolean;
  error: string | null;
}

export function olderFooter({ allCachedShown, loading, complete, error }: OlderFooterInput): OlderFooter {
  if (!allCachedShown) return 'none';
  if (loading) return 'loading';
  if (error !== null) return 'failed';
  return complete ? 'end' : 'offer';
}

/**
 * The timeline's read limit before asking for an older page: room for every row shown plus the
 * page and one more, so the rows the page stores appear without a further scroll and the read
 * still returns fewer than its limit (every cached entry shown: the footer, and the keyboard focus
 * on its button, stay).
 */
export function limitForOlderPage(limit: number, shown: number, pageSize: number): number {
  return Math.max(limit, shown + pageSize + 1);
}

/**
 * The timeline is scrolled to within `margin` px of its end (its footer): time to ask for the next
 * older page without the agent pressing anything.
 */
export function scrolledNearEnd(scrollTop: number, clientHeight: number, scrollHeight: number, margin: number): boolean {
  return scrollTop + clientHeight >= scrollHeight - margin;
}
