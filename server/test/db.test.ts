import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrate } from '../src/db/migrate';
import { describeEachEngine } from './engines';

describeEachEngine('database layer', (engine) => {
  it('applies every migration once and records it', async () => {
    const db = engine.db();
    expect(await migrate(db)).toEqual([]);
    const versions = await db.kysely.selectFrom('schema_migrations').select('version').orderBy('version').execute();
    expect(versions.map((row) => row.version)[0]).toBe(1);
  });

  it('returns the same JavaScript types on both engines', async () => {
    const { rows } = await sql<{ big: number; num: string; day: string; ts: Date; doc: unknown }>`
      SELECT 9007199254740991::int8 AS big, 12.50::numeric(14,2) AS num, DATE '2024-03-01' AS day,
             TIMESTAMPTZ '2024-03-01T10:00:00Z' AS ts, ${JSON.stringify({ a: [1, 2] })}::jsonb AS doc`.execute(engine.db().kysely);
    expect(rows[0]).toEqual({ big: 9007199254740991, num: '12.50', day: '2024-03-01', ts: new Date('2024-03-01T10:00:00Z'), doc: { a: [1, 2] } });
  });

  it('rolls back a failed transaction completely', async () => {
    const db = engine.db();
    await expect(db.transaction(async (trx) => {
      await trx.insertInto('teams').values({ name: 'rollback-team' }).execute();
      throw new Error('boom');
    })).rejects.toThrow('boom');
    const found = await db.kysely.selectFrom('teams').select('id').where('name', '=', 'rollback-team').execute();
    expect(found).toEqual([]);
  });

  it('serialises concurrent transactions without losing updates', async () => {
    const db = engine.db();
    await Promise.all(Array.from({ length: 20 }, () => db.transaction(async (trx) => {
      await trx.updateTable('sync_state').set((eb) => ({ last_seq: eb('last_seq', '+', 1) })).execute();
    })));
    const state = await db.kysely.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow();
    expect(state.last_seq).toBe(20);
  });

  it('delivers notifications to listeners', async () => {
    const db = engine.db();
    const received: string[] = [];
    const delivered = new Promise<void>((resolve) => {
      void db.listen('centralita_test', (payload) => { received.push(payload); resolve(); });
    });
    // LISTEN must be active before NOTIFY: subscribe, then notify.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await db.notify('centralita_test', 'hello');
    await delivered;
    expect(received).toEqual(['hello']);
  });
});
