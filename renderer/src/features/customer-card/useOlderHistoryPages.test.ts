import 'fake-indexeddb/auto';
import { InfiniteQueryObserver, QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralitaDb, customerTimeline, uuidv7, type InteractionRow, type SyncSession } from '@features/sync';
import { forgetPagesIfUncached, olderHistoryQuery } from './useOlderHistoryPages';

type Transport = SyncSession['transport'];
type HistoryReply = Awaited<ReturnType<Transport['history']>>;

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const unused = () => Promise.reject(new Error('not used by older history'));

const opened: CentralitaDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

function interaction(customerId: string, days: number): InteractionRow {
  return { id: uuidv7(), rev: 1, customerId, channel: 'call', answeredAt: daysAgo(days), occurredAt: daysAgo(days), notes: `day ${days}` } as InteractionRow;
}

/**
 * A cache with one recent call and a server with two older pages; every history request is
 * recorded by the resume point it asked from (`window` = below the download window).
 */
async function lab() {
  const db = new CentralitaDb(`card-older-pages-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  const customerId = uuidv7();
  const recent = interaction(customerId, 3);
  await db.interactions.put(recent);
  const page1 = [interaction(customerId, 120), interaction(customerId, 121)];
  const page2 = [interaction(customerId, 300)];
  const cursorOf = (row: InteractionRow) => ({ before: row.occurredAt, beforeId: row.id });
  const asked: string[] = [];
  let online = true;
  const transport: Transport = {
    push: unused, pull: unused, snapshot: unused, callerPage: unused, events: unused,
    history: async (_customer, before): Promise<HistoryReply> => {
      asked.push(before?.beforeId === recent.id ? 'window' : before?.beforeId === page1[1]!.id ? 'page1' : `unexpected ${JSON.stringify(before)}`);
      if (!online) throw new TypeError('Failed to fetch');
      return before?.beforeId === recent.id
        ? { interactions: page1, outcomeTags: [], next: cursorOf(page1[1]!) }
        : { interactions: page2, outcomeTags: [], next: null };
    },
  };
  const session = { store: { userId: 'agent1', clientId: 'client-a', db }, transport } as unknown as SyncSession;
  return { db, customerId, session, asked, setOnline: (value: boolean) => { online = value; } };
}

/** A card's use of the query: an observer while the card is open. */
function openCard(client: QueryClient, session: SyncSession, customerId: string) {
  const observer = new InfiniteQueryObserver(client, olderHistoryQuery(session, customerId));
  const unsubscribe = observer.subscribe(() => undefined);
  return { observer, close: unsubscribe };
}

describe('older history pages kept for the session', () => {
  it('opening a card asks for nothing; a new card resumes below the pages an earlier card fetched', async () => {
    const { db, customerId, session, asked } = await lab();
    const client = new QueryClient();
    const first = openCard(client, session, customerId);
    expect(asked).toEqual([]);
    await first.observer.fetchNextPage();
    first.close();

    const second = openCard(client, session, customerId);
    expect(second.observer.getCurrentResult().hasNextPage).toBe(true);
    await second.observer.fetchNextPage();
    const result = second.observer.getCurrentResult();
    expect(result.hasNextPage).toBe(false);
    second.close();
    // Each page asked for once: the second card did not start again below the window.
    expect(asked).toEqual(['window', 'page1']);
    expect((await customerTimeline(db, customerId)).map((row) => row.notes)).toEqual(['day 3', 'day 120', 'day 121', 'day 300']);

    // A third card knows the history is complete without asking.
    const third = openCard(client, session, customerId);
    expect(third.observer.getCurrentResult().data?.pages.length).toBe(2);
    expect(third.observer.getCurrentResult().hasNextPage).toBe(false);
    third.close();
    expect(asked).toEqual(['window', 'page1']);
  });

  it('a failed page (offline) keeps the pages held and is asked for again, once, on retry', async () => {
    const { customerId, session, asked, setOnline } = await lab();
    const client = new QueryClient();
    const card = openCard(client, session, customerId);
    await card.observer.fetchNextPage();
    setOnline(false);
    await card.observer.fetchNextPage();
    const failed = card.observer.getCurrentResult();
    expect(failed.error?.message).toBe('Failed to fetch');
    expect(failed.data?.pages.length).toBe(1);
    setOnline(true);
    await card.observer.fetchNextPage();
    expect(card.observer.getCurrentResult().error).toBeNull();
    expect(card.observer.getCurrentResult().hasNextPage).toBe(false);
    expect(asked).toEqual(['window', 'page1', 'page1']);
    card.close();
  });

  it('forgets the pages once the cache no longer holds them (a full refetch), and starts again below the window', async () => {
    const { db, customerId, session, asked } = await lab();
    const client = new QueryClient();
    const first = openCard(client, session, customerId);
    await first.observer.fetchNextPage();
    await first.observer.fetchNextPage();
    first.close();
    // Still cached: nothing is forgotten.
    expect(await forgetPagesIfUncached(client, session, customerId)).toBe(false);
    expect(client.getQueryData(olderHistoryQuery(session, customerId).queryKey)?.pages.length).toBe(2);

    // The cursor expired: the refetch keeps only the download window.
    const window = (await customerTimeline(db, customerId))[0]!;
    await db.interactions.clear();
    await db.interactions.put(window);
    expect(await forgetPagesIfUncached(client, session, customerId)).toBe(true);
    const next = openCard(client, session, customerId);
    expect(next.observer.getCurrentResult().hasNextPage).toBe(false);
    expect(next.observer.getCurrentResult().data).toBeUndefined();
    await next.observer.fetchNextPage();
    next.close();
    expect(asked).toEqual(['window', 'page1', 'window']);
  });

  it('keys the pages by user, local store and customer', async () => {
    const { customerId, session } = await lab();
    expect(olderHistoryQuery(session, customerId).queryKey).toEqual(['customerCard', 'agent1', 'client-a', 'older-history', customerId]);
  });
});
