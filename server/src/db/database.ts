/**
 * One query layer for both engines: Kysely over node-postgres when DATABASE_URL is set,
 * otherwise over embedded PGlite (persisted under DATA_DIR, or in memory for tests).
 *
 * Both engines return the same JavaScript types: int8 → number (throws beyond 2^53, which
 * counts, revisions and change-log positions never reach), numeric → string, date →
 * 'YYYY-MM-DD', timestamptz → Date, json/jsonb → parsed value. Write jsonb as JSON text.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { checkChannel, NotificationConnection } from './notification-connection';
import { PGliteDialect } from './pglite-dialect';
import type { DB } from './schema';

export type Engine = 'pglite' | 'postgres';
export type Tx = Transaction<DB>;

export interface Database {
  readonly kysely: Kysely<DB>;
  readonly engine: Engine;
  /** Runs `fn` in one transaction (READ COMMITTED unless told otherwise). */
  transaction<T>(fn: (trx: Tx) => Promise<T>, options?: { isolation?: 'read committed' | 'repeatable read' | 'serializable' }): Promise<T>;
  /**
   * Subscribe to a notification channel. On PostgreSQL this is LISTEN on a dedicated
   * connection, so notifications from every server process sharing the database arrive. If that
   * connection drops it is re-opened (with backoff) and every channel listened to again; then
   * each `onReconnect` runs, one after the other in subscription order, to re-read what the
   * notifications sent meanwhile would have said (they are lost with the connection).
   * Returns the unsubscribe function.
   */
  listen(channel: string, onPayload: (payload: string) => void, options?: ListenOptions): Promise<() => Promise<void>>;
  /** Notify every listener (in every process, on PostgreSQL). Call after the commit it announces. */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** After the notification connection came back (PostgreSQL): re-read the state the channel announces. */
  onReconnect?: () => Promise<void> | void;
}

export interface DatabaseOptions {
  /** postgres://… → PostgreSQL. Otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; omitted → in-memory. */
  pgliteDir?: string | undefined;
  /** node-postgres pool size. */
  poolSize?: number;
}

const INT8_OID = 20;
const DATE_OID = 1082;
const NUMERIC_OID = 1700;

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} does not fit a JavaScript number`);
  return value;
}


/** Opens the database the environment asks for: DATABASE_URL, else PGlite under DATA_DIR. */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { pgliteDir: join(env.DATA_DIR ?? '.centralita-data', 'pglite') };
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPGlite(options.pgliteDir);
}

/** The same transaction wrapper for both engines: Kysely's builder, with the isolation level asked for. */
function transactionRunner(kysely: Kysely<DB>): Database['transaction'] {
  return (fn, options) => {
    const builder = kysely.transaction();
    return (options?.isolation ? builder.setIsolationLevel(options.isolation) : builder).execute(fn);
  };
}

async function openPostgres(connectionString: string, poolSize: number): Promise<Database> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === INT8_OID) return parseInt8;
      if (oid === DATE_OID || oid === NUMERIC_OID) return (text: string) => text;
      return pg.types.getTypeParser(oid, format);
    }) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString, max: poolSize, types });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await kysely.selectNoFrom((eb) => eb.val(1).as('ok')).execute();

  const notifications = new NotificationConnection(connectionString, types);

  return {
    kysely,
    engine: 'postgres',
    transaction: transactionRunner(kysely),
    listen: (channel, onPayload, options) => notifications.listen(channel, onPayload, options),
    async notify(channel, payload) {
      checkChannel(channel);
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      await notifications.close();
      await kysely.destroy();
    },
  };
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return wrapPGlite(await createPGlite({ dataDir }));
}

/** A PGlite instance with this layer's type parsers; `loadDataDir` starts from a dump (tests). */
export function createPGlite(options: { dataDir?: string | undefined; loadDataDir?: Blob } = {}): Promise<PGlite> {
  return PGlite.create(options.dataDir, {
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [INT8_OID]: parseInt8, [DATE_OID]: (text: string) => text, [NUMERIC_OID]: (text: string) => text },
  });
}

/** Wraps an open PGlite instance made by createPGlite; close() closes it. */
export function wrapPGlite(pglite: PGlite): Database {
  const kysely = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  // One process owns a PGlite database: notifications stay in-process.
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kysely,
    engine: 'pglite',
    transaction: transactionRunner(kysely),
    // In-process: there is no connection to lose, so onReconnect never runs.
    async listen(channel, onPayload) {
      checkChannel(channel);
      emitter.on(channel, onPayload);
      return async () => { emitter.off(channel, onPayload); };
    },
    async notify(channel, payload) {
      checkChannel(channel);
      emitter.emit(channel, payload);
    },
    async close() {
      emitter.removeAllListeners();
      await kysely.destroy();
      await pglite.close();
    },
  };
}
