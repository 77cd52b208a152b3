/**
 * PostgreSQL only (PGlite notifies in-process): when a process's LISTEN connection drops, it comes
 * back by itself, listens again, and each subscriber re-reads what it may have missed — the change
 * feed tells its streams the newest cursor and reference revision, the deactivated-user set is
 * re-read (missed deactivations and reactivations), and notifications flow again.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DisabledUsers } from '../src/auth/disabled-users';
import type { Database } from '../src/db/database';
import { LISTENER_APPLICATION_NAME } from '../src/db/notification-connection';
import { CHANGES_CHANNEL } from '../src/sync/change-log';
import { ChangeFeed } from '../src/sync/feed';
import { describeEachEngine } from './engines';

describeEachEngine('notification connection drops and comes back', (engine) => {
  if (engine.engine !== 'postgres') {
    it('PGlite has no notification connection to lose', () => { expect(engine.engine).toBe('pglite'); });
    return;
  }
  let process2: Database;
  beforeAll(async () => { process2 = await engine.openAnother(); });
  afterAll(async () => { await process2?.close(); });

  /** Drops this database's LISTEN connections and resolves once process 2's subscribers have re-read. */
  async function dropListeners(): Promise<void> {
    // Subscribed last, so its hook runs after every other subscriber's re-read.
    const back = new Promise<void>((resolve) => { void process2.listen('centralita_test_probe', () => {}, { onReconnect: resolve }); });
    const dropped = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database()`.execute(engine.db().kysely);
    expect(dropped.rows[0]!.n).toBeGreaterThanOrEqual(1);
    await back;
  }

  async function insertUser(disabledAt: Date | null): Promise<string> {
    const row = await engine.db().kysely.insertInto('users').values({
      username: `u${randomUUID().slice(0, 8)}`, display_name: 'Someone', role: 'admin', team_id: null, password_hash: 'x', sip_extension: null, disabled_at: disabledAt,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  it('the change feed tells its streams the newest cursor and reference revision, then hears notifications again', async () => {
    const feed = new ChangeFeed(process2, 0);
    await feed.start();
    const disabled = new DisabledUsers(process2);
    await disabled.start();
    try {
      const cursors: string[] = [];
      const revisions: string[] = [];
      feed.subscribe((cursor) => cursors.push(cursor));
      feed.subscribeReference((revision) => revisions.push(revision));

      // Written while nobody announced them (as if their notifications were lost with the connection).
      await sql`update sync_state set last_seq = last_seq + 3`.execute(engine.db().kysely);
      await sql`update reference_state set revision = revision + 1`.execute(engine.db().kysely);
      const missedDeactivation = await insertUser(new Date());
      const missedReactivation = await insertUser(null);
      await disabled.announce(missedReactivation, true);
      expect(disabled.has(missedDeactivation)).toBe(false);
      expect(disabled.has(missedReactivation)).toBe(true);

      await dropListeners();
      const state = await engine.db().kysely.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow();
      const reference = await engine.db().kysely.selectFrom('reference_state').select('revision').executeTakeFirstOrThrow();
      expect(cursors).toEqual([String(state.last_seq)]);
      expect(revisions).toEqual([String(reference.revision)]);
      expect(disabled.has(missedDeactivation)).toBe(true);
      expect(disabled.has(missedReactivation)).toBe(false);

      // Listening again: a notification from another process arrives.
      const heard = new Promise<void>((resolve) => { feed.subscribe(() => resolve()); });
      await engine.db().notify(CHANGES_CHANNEL, String(state.last_seq + 1));
      await heard;
      expect(cursors.at(-1)).toBe(String(state.last_seq + 1));
    } finally {
      await disabled.stop();
      await feed.stop();
    }
  });
});
