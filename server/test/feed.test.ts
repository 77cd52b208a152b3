import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import type { Database } from '../src/db/database';
import { CHANGES_CHANNEL } from '../src/sync/change-log';
import { ChangeFeed } from '../src/sync/feed';
import { openTestPGlite } from './engines';

// PGlite notifies in-process and synchronously, so a burst of notifications is one burst here.
describe('change feed throttling', () => {
  let db: Database;
  beforeAll(async () => { db = await openTestPGlite(); });
  afterAll(async () => { await db?.close(); });

  it('tells listeners at once, then only the newest cursor of a burst', async () => {
    const feed = new ChangeFeed(db, 1_000);
    await feed.start();
    try {
      const heard: string[] = [];
      let trailing!: () => void;
      const done = new Promise<void>((resolve) => { trailing = resolve; });
      feed.subscribe((cursor) => {
        heard.push(cursor);
        if (heard.length === 2) trailing();
      });
      await db.notify(CHANGES_CHANNEL, '1');
      expect(heard).toEqual(['1']);
      // Out of order, as notifications from several processes can be: the newest wins.
      for (const cursor of ['4', '9', '7', 'not-a-cursor']) await db.notify(CHANGES_CHANNEL, cursor);
      expect(heard).toEqual(['1']);
      await done;
      expect(heard).toEqual(['1', '9']);
    } finally {
      await feed.stop();
    }
  });

  it('drops a cursor its streams have already heard (late notifications, a re-read after reconnect)', async () => {
    const feed = new ChangeFeed(db, 0);
    await feed.start();
    try {
      const heard: string[] = [];
      feed.subscribe((cursor) => heard.push(cursor));
      for (const cursor of ['5', '5', '3', '6', '6']) await db.notify(CHANGES_CHANNEL, cursor);
      expect(heard).toEqual(['5', '6']);
    } finally {
      await feed.stop();
    }
  });
});
