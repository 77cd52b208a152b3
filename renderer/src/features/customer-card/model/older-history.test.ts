import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { HISTORY_DEFAULT_LIMIT } from '@contract';
import { CentralitaDb, customerTimeline, loadOlderInteractions, uuidv7, type InteractionRow } from '@features/sync';
import { limitForOlderPage, olderFooter, scrolledNearEnd } from './older-history';

type Transport = Parameters<typeof loadOlderInteractions>[1];
type HistoryReply = Awaited<ReturnType<Transport['history']>>;

const DAY = 86_400_000;
const NOW = Date.now();
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();
const unused = () => Promise.reject(new Error('not used by older history'));

/** A server whose history replies the test scripts; records each resume point asked for. */
function historyServer(reply: (before: { before: string; beforeId: string } | null) => Promise<HistoryReply>) {
  const asked: Array<string | null> = [];
  const transport: Transport = {
    push: unused, pull: unused, snapshot: unused, callerPage: unused, events: unused,
    history: (_customerId, before) => {
      asked.push(before?.beforeId ?? null);
      return reply(before);
    },
  };
  return { transport, asked };
}

const opened: CentralitaDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

function cache(): CentralitaDb {
  const db = new CentralitaDb(`card-older-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}

function interaction(customerId: string, days: number, notes: string, rev = 1, id = uuidv7()): InteractionRow {
  return { id, rev, customerId, channel: 'call', answeredAt: daysAgo(days), occurredAt: daysAgo(days), notes } as InteractionRow;
}

/** Newest first by (occurredAt, id), as the server pages and the card's read both order. */
const byNewest = (a: InteractionRow, b: InteractionRow) =>
  (a.occurredAt === b.occurredAt ? (a.id < b.id ? 1 : -1) : a.occurredAt < b.occurredAt ? 1 : -1);
const newestFirst = (rows: readonly InteractionRow[]) => [...rows].sort(byNewest).map((row) => row.id);

describe('timeline footer: what it offers below the last entry', () => {
  it('offers older history only once every cached entry is shown', () => {
    expect(olderFooter({ allCachedShown: false, loading: false, complete: false, error: null })).toBe('none');
    expect(olderFooter({ allCachedShown: false, loading: true, complete: true, error: 'offline' })).toBe('none');
    expect(olderFooter({ allCachedShown: true, loading: false, complete: false, error: null })).toBe('offer');
  });

  it('shows progress while loading, a retry after a failure, and the end once the server has nothing older', () => {
    expect(olderFooter({ allCachedShown: true, loading: true, complete: false, error: 'offline' })).toBe('loading');
    expect(olderFooter({ allCachedShown: true, loading: false, complete: false, error: 'Failed to fetch' })).toBe('failed');
    expect(olderFooter({ allCachedShown: true, loading: false, complete: true, error: null })).toBe('end');
  });

  it('asks for the next page by itself only once the agent has scrolled near the end', () => {
    // 360 px of view over 2,000 px of timeline, margin 168 px.
    expect(scrolledNearEnd(0, 360, 2000, 168)).toBe(false);
    expect(scrolledNearEnd(1400, 360, 2000, 168)).toBe(false);
    expect(scrolledNearEnd(1472, 360, 2000, 168)).toBe(true);
    expect(scrolledNearEnd(1640, 360, 2000, 168)).toBe(true);
  });

  it('makes room in the read for every row shown plus a full page, and still reads fewer than the limit', () => {
    expect(limitForOlderPage(200, 3, 50)).toBe(200);
    expect(limitForOlderPage(200, 190, 50)).toBe(241);
    expect(limitForOlderPage(700, 699, 50)).toBe(750);
    // A full page arrives: every cached entry is still shown, so the footer stays.
    expect(190 + 50 < limitForOlderPage(200, 190, 50)).toBe(true);
  });
});

describe('older history merged into the cached timeline', () => {
  it('adds the server pages below the cached entries, newest first, each interaction once', async () => {
    const db = cache();
    const customerId = uuidv7();
    const recent = [interaction(customerId, 2, 'recent a'), interaction(customerId, 40, 'recent b'), interaction(customerId, 85, 'recent c')];
    // Pulled lately because a team lead re-tagged it: old, held at a newer revision than the history page's.
    const heldOld = interaction(customerId, 400, 'held, edited lately', 3);
    const otherCustomer = interaction(uuidv7(), 200, 'someone else');
    await db.interactions.bulkPut([...recent, heldOld, otherCustomer]);

    const sameInstant = daysAgo(150);
    const page1 = [
      interaction(customerId, 120, 'server 120'),
      { ...interaction(customerId, 150, 'server 150 a'), occurredAt: sameInstant, answeredAt: sameInstant },
      { ...interaction(customerId, 150, 'server 150 b'), occurredAt: sameInstant, answeredAt: sameInstant },
    ].sort(byNewest);
    const page2 = [interaction(customerId, 300, 'server 300'), { ...heldOld, rev: 1, notes: 'stale copy' }, interaction(customerId, 900, 'server 900')];
    const lastOf = (page: InteractionRow[]) => ({ before: page.at(-1)!.occurredAt, beforeId: page.at(-1)!.id });
    const { transport, asked } = historyServer(async (before) => {
      if (before?.beforeId === recent[2]!.id) return { interactions: page1, outcomeTags: [], next: lastOf(page1) };
      if (before?.beforeId === page1.at(-1)!.id) return { interactions: page2, outcomeTags: [], next: null };
      throw new Error(`unexpected resume point ${JSON.stringify(before)}`);
    });

    const first = await loadOlderInteractions(db, transport, customerId);
    const second = await loadOlderInteractions(db, transport, customerId, first.next);
    expect(second.next).toBeNull();
    // Resumes below the oldest cached entry inside the download window, then from the server's `next`.
    expect(asked).toEqual([recent[2]!.id, page1.at(-1)!.id]);

    const shown = recent.length + 1;
    const timeline = await customerTimeline(db, customerId, limitForOlderPage(200, shown, HISTORY_DEFAULT_LIMIT));
    const ids = timeline.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(newestFirst([...recent, ...page1, ...page2.filter((row) => row.id !== heldOld.id), heldOld]));
    expect(ids).not.toContain(otherCustomer.id);
    // The copy already held at a newer revision wins over the page's older one.
    expect(timeline.find((row) => row.id === heldOld.id)?.notes).toBe('held, edited lately');
  });

  it('a failed request (offline) stores nothing, and retrying asks for the same page again', async () => {
    const db = cache();
    const customerId = uuidv7();
    const recent = interaction(customerId, 10, 'recent');
    await db.interactions.put(recent);
    const older = interaction(customerId, 200, 'older');
    let online = false;
    const { transport, asked } = historyServer(async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return { interactions: [older], outcomeTags: [], next: null };
    });

    await expect(loadOlderInteractions(db, transport, customerId)).rejects.toThrow('Failed to fetch');
    expect((await customerTimeline(db, customerId)).map((row) => row.id)).toEqual([recent.id]);
    online = true;
    expect(await loadOlderInteractions(db, transport, customerId)).toEqual({ loaded: 1, next: null });
    expect(asked).toEqual([recent.id, recent.id]);
    expect((await customerTimeline(db, customerId)).map((row) => row.id)).toEqual([recent.id, older.id]);
  });
});
