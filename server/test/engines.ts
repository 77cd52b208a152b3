/**
 * Runs a suite against both engines: a fresh in-memory PGlite and a fresh database on the real
 * PostgreSQL 15 started by global-setup.ts. Both are migrated. If PostgreSQL is unavailable the
 * PostgreSQL half fails with the reason.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createPGlite, openDatabase, wrapPGlite, type Database, type Engine } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { createDatabase } from './postgres-server';

export interface EngineHandle {
  engine: Engine;
  /** The suite's migrated database (opened in beforeAll). */
  db(): Database;
  /** Another handle on the same database (PostgreSQL: a second pool, as a second server process would have). */
  openAnother(): Promise<Database>;
  /** Connection URL (PostgreSQL only). */
  url(): string | undefined;
}

let pgliteTemplate: Promise<Blob> | null = null;

/** Migrating PGlite takes seconds: migrate once per worker, dump it, and start each suite from the dump. */
function migratedPGliteDump(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const pglite = await createPGlite();
    try {
      await migrate(wrapPGlite(pglite));
      return await pglite.dumpDataDir('none');
    } finally {
      await pglite.close();
    }
  })();
  return pgliteTemplate;
}

export async function openTestPGlite(): Promise<Database> {
  return wrapPGlite(await createPGlite({ loadDataDir: await migratedPGliteDump() }));
}

export async function openTestPostgres(): Promise<{ db: Database; url: string; drop(): Promise<void> }> {
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error(`PostgreSQL tests cannot run: ${inject('postgresError') || 'the global setup did not start PostgreSQL'}`);
  const created = await createDatabase(serverUrl, `t_${randomBytes(6).toString('hex')}`);
  const db = await openDatabase({ databaseUrl: created.url, poolSize: 25 });
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    await created.drop();
    throw error;
  }
  return { db, url: created.url, drop: created.drop };
}

export function describeEachEngine(title: string, body: (handle: EngineHandle) => void): void {
  describe.each(['pglite', 'postgres'] as const)(`${title} [%s]`, (engine) => {
    let db: Database | null = null;
    let url: string | undefined;
    let drop: (() => Promise<void>) | undefined;
    const extra: Database[] = [];

    beforeAll(async () => {
      if (engine === 'pglite') {
        db = await openTestPGlite();
      } else {
        const opened = await openTestPostgres();
        db = opened.db;
        url = opened.url;
        drop = opened.drop;
      }
    });

    afterAll(async () => {
      for (const other of extra) await other.close();
      await db?.close();
      await drop?.();
    });

    body({
      engine,
      db: () => {
        if (!db) throw new Error(`the ${engine} database is not open (did beforeAll fail?)`);
        return db;
      },
      async openAnother() {
        if (engine === 'pglite' || !url) throw new Error('a second handle on the same database exists only on PostgreSQL');
        const other = await openDatabase({ databaseUrl: url });
        extra.push(other);
        return other;
      },
      url: () => url,
    });
  });
}
