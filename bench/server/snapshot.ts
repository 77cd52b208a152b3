/**
 * Snapshot pages (issue 4, initial download): every page of GET /api/sync/snapshot for agent1,
 * served over HTTP (a real socket, in this process) and parsed in Node, beside the database's
 * floor measured in the same run on the same data: the same rows read with plain `SELECT *` by the
 * same customer ranges (no shaping, no JSON). Alone:
 *
 *   CENTRALITA_BENCH_SNAPSHOT_DB=pglite CENTRALITA_BENCH_SNAPSHOT_DATA_DIR=<copy of a seeded DATA_DIR> npx tsx bench/server/snapshot.ts
 *   CENTRALITA_BENCH_SNAPSHOT_DB=postgres CENTRALITA_BENCH_SNAPSHOT_CUSTOMERS=20000 npx tsx bench/server/snapshot.ts
 *
 * CENTRALITA_BENCH_SNAPSHOT_DB: pglite, postgres or both (default). Without a seeded database the
 * bench seeds CENTRALITA_BENCH_SNAPSHOT_CUSTOMERS (default 20,000) itself. A seeded DATA_DIR
 * (`npm run seed`, or bench/client/download.ts's cache) is opened in place and written to: pass a
 * copy. CENTRALITA_BENCH_SNAPSHOT_DATABASE_URL: an already seeded PostgreSQL database, used as is.
 * Order: the snapshot once (warms the caches), the floor, the snapshot again; both snapshot passes
 * are reported, the floor beside the second.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { SNAPSHOT_INTERACTION_DAYS } from '@contract/snapshot';
import { buildApp } from '../../server/src/app';
import { type Database, openDatabase } from '../../server/src/db/database';
import { migrate } from '../../server/src/db/migrate';
import { seedDemoAccounts } from '../../server/src/seed/accounts';
import { seedCustomers } from '../../server/src/seed/customers';
import { seedReferenceData } from '../../server/src/seed/reference';
import { withBenchPostgres } from '../support/postgres';
import { type Figure, percentile, report } from '../support/stats';

const PAGE_LIMIT = Number(process.env.CENTRALITA_BENCH_SNAPSHOT_LIMIT ?? 1000);
const ENTITY_ARRAYS = ['customers', 'identities', 'consents', 'complaints', 'interactions', 'outcomeTags', 'queueItems'] as const;

interface Pass { ms: number; pages: number; rows: number; bytes: number; pageMs: number[] }

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Every page for the token's user, over HTTP, each body parsed as the client's download does. */
async function snapshotPass(baseUrl: string, token: string): Promise<Pass> {
  const pass: Pass = { ms: 0, pages: 0, rows: 0, bytes: 0, pageMs: [] };
  const started = performance.now();
  for (let after: string | null = null; ;) {
    const pageStarted = performance.now();
    const response = await fetch(`${baseUrl}/api/sync/snapshot?limit=${PAGE_LIMIT}${after ? `&after=${after}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`snapshot page: HTTP ${response.status} ${await response.text()}`);
    const text = await response.text();
    const page = JSON.parse(text) as Record<(typeof ENTITY_ARRAYS)[number], unknown[]> & { next: string | null };
    pass.pageMs.push(performance.now() - pageStarted);
    pass.pages += 1;
    pass.bytes += Buffer.byteLength(text);
    for (const key of ENTITY_ARRAYS) pass.rows += page[key].length;
    after = page.next;
    if (after === null) break;
  }
  pass.ms = performance.now() - started;
  return pass;
}

/**
 * The floor: per page of customers (keyset, as the snapshot pages), the same tables' rows read
 * whole with `SELECT *` by the same customer range and filters, with their complaints' links.
 */
async function floorPass(db: Database, teamId: string | null): Promise<Pass> {
  const pass: Pass = { ms: 0, pages: 0, rows: 0, bytes: 0, pageMs: [] };
  const team = teamId === null ? sql<boolean>`true` : sql<boolean>`(team_id IS NULL OR team_id = ${teamId})`;
  const started = performance.now();
  for (let after: string | null = null; ;) {
    const pageStarted = performance.now();
    await db.transaction(async (trx) => {
      const afterCondition = after === null ? sql`true` : sql`id > ${after}`;
      const customers = await sql<{ id: string }>`SELECT * FROM customers WHERE ${afterCondition} ORDER BY id LIMIT ${PAGE_LIMIT}`.execute(trx);
      const last = customers.rows.at(-1)?.id;
      // Past the last customer: the snapshot's last page said so with next = null.
      if (last === undefined) {
        after = null;
        return;
      }
      const range = after === null ? sql`customer_id <= ${last}` : sql`customer_id > ${after} AND customer_id <= ${last}`;
      const recent = sql`coalesce(queued_at, answered_at, created_at) >= now() - make_interval(days => ${SNAPSHOT_INTERACTION_DAYS})`;
      const queueTeam = teamId === null ? sql`true` : sql`team_id = ${teamId}`;
      const reads = [
        sql`SELECT * FROM customer_phones WHERE ${range} ORDER BY id`,
        sql`SELECT * FROM customer_identities WHERE ${range} ORDER BY id`,
        sql`SELECT * FROM consents WHERE ${range} ORDER BY id`,
        sql`SELECT * FROM complaints WHERE ${range} AND status <> 'resolved' ORDER BY id`,
        sql`SELECT * FROM complaint_interactions WHERE complaint_id IN (SELECT id FROM complaints WHERE ${range} AND status <> 'resolved')`,
        sql`SELECT * FROM interactions WHERE ${range} AND ${recent} AND ${team} ORDER BY id`,
        sql`SELECT * FROM outcome_retags WHERE interaction_id IN (SELECT id FROM interactions WHERE ${range} AND ${recent} AND ${team}) ORDER BY id`,
        sql`SELECT * FROM queue_items WHERE ${range} AND state IN ('open', 'claimed') AND ${queueTeam} ORDER BY id`,
      ];
      pass.rows += customers.rows.length;
      for (const read of reads) pass.rows += (await read.execute(trx)).rows.length;
      after = last;
    }, { isolation: 'repeatable read' });
    if (after === null) break;
    pass.pageMs.push(performance.now() - pageStarted);
    pass.pages += 1;
  }
  pass.ms = performance.now() - started;
  return pass;
}

function describe(name: string, pass: Pass): string {
  const seconds = pass.ms / 1000;
  return `${name}: ${pass.pages} pages in ${round(seconds, 2)} s — ${round(pass.ms / pass.pages)} ms per page (median ${round(percentile(pass.pageMs, 50))}), `
    + `${Math.round(pass.rows / seconds).toLocaleString('en')} rows/s (${pass.rows.toLocaleString('en')} rows)${pass.bytes ? `, ${round(pass.bytes / 1e6)} MB` : ''}`;
}

/** Times the snapshot for agent1 on `db` (seeded, with the demo accounts) against the floor. */
export async function benchSnapshot(label: string, db: Database): Promise<Figure[]> {
  const agent = await db.kysely.selectFrom('users').select(['id', 'username', 'team_id']).where('username', '=', 'agent1').executeTakeFirstOrThrow();
  const customers = Number((await db.kysely.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const app = await buildApp({ db, authSecret: randomBytes(32) });
  try {
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const token = app.tokenSigner.sign({ sub: agent.id, usr: agent.username, role: 'agent', team: agent.team_id });
    const cold = await snapshotPass(baseUrl, token);
    const floor = await floorPass(db, agent.team_id);
    const warm = await snapshotPass(baseUrl, token);
    console.log(`\n${label}, ${customers.toLocaleString('en')} customers, agent1, pages of ${PAGE_LIMIT} (load average ${loadavg().map((n) => n.toFixed(1)).join(' ')})`);
    console.log(`  ${describe('snapshot, first pass', cold)}`);
    console.log(`  ${describe('snapshot, second pass', warm)}`);
    console.log(`  ${describe('floor (SELECT * by the same ranges)', floor)}`);
    console.log(`  ratio snapshot / floor: ${round(warm.ms / floor.ms, 2)}×`);
    return [
      {
        name: `${label}: snapshot page of ${PAGE_LIMIT} customers, fetched and parsed (${customers} customers, ${warm.pages} pages, ${round(warm.bytes / 1e6)} MB)`,
        value: warm.ms / warm.pages, unit: 'ms', baseline: { name: 'SELECT * of the same rows by the same ranges', value: floor.ms / floor.pages },
      },
      { name: `${label}: snapshot rows per second`, value: warm.rows / (warm.ms / 1000), unit: 'rows/s', baseline: { name: 'SELECT * floor', value: floor.rows / (floor.ms / 1000) } },
    ];
  } finally {
    await app.close();
  }
}

async function seeded(db: Database, count: number): Promise<Database> {
  await migrate(db);
  await seedReferenceData(db);
  await seedDemoAccounts(db);
  const started = performance.now();
  await seedCustomers(db, { count, seed: 1 });
  console.log(`seeded ${count} customers in ${round((performance.now() - started) / 1000)} s`);
  return db;
}

/** For run.ts: the snapshot on a fresh in-memory PGlite and a fresh PostgreSQL 15, each seeded with `count` customers. */
export async function benchSnapshotSeeded(count: number): Promise<Figure[]> {
  const pglite = await openDatabase({});
  const figures: Figure[] = [];
  try {
    figures.push(...await benchSnapshot('PGlite', await seeded(pglite, count)));
  } finally {
    await pglite.close();
  }
  figures.push(...await withBenchPostgres('bench_snapshot', 10, async (db) => {
    await seedCustomers(db, { count, seed: 1 });
    return benchSnapshot('PostgreSQL 15', db);
  }));
  return figures;
}

async function main(): Promise<void> {
  const engines = (process.env.CENTRALITA_BENCH_SNAPSHOT_DB ?? 'both') === 'both' ? ['pglite', 'postgres'] : [process.env.CENTRALITA_BENCH_SNAPSHOT_DB!];
  const count = Number(process.env.CENTRALITA_BENCH_SNAPSHOT_CUSTOMERS ?? 20_000);
  const figures: Figure[] = [];
  if (engines.includes('pglite')) {
    const dataDir = process.env.CENTRALITA_BENCH_SNAPSHOT_DATA_DIR;
    const db = await openDatabase(dataDir ? { pgliteDir: join(dataDir, 'pglite') } : {});
    try {
      // A seeded directory may predate the latest migrations (the server migrates at start).
      if (dataDir) await migrate(db);
      figures.push(...await benchSnapshot('PGlite', dataDir ? db : await seeded(db, count)));
    } finally {
      await db.close();
    }
  }
  if (engines.includes('postgres')) {
    const url = process.env.CENTRALITA_BENCH_SNAPSHOT_DATABASE_URL;
    if (url) {
      const db = await openDatabase({ databaseUrl: url });
      try {
        await migrate(db);
        figures.push(...await benchSnapshot('PostgreSQL 15', db));
      } finally {
        await db.close();
      }
    } else {
      figures.push(...await withBenchPostgres('bench_snapshot', 10, async (db) => {
        await seedCustomers(db, { count, seed: 1 });
        return benchSnapshot('PostgreSQL 15', db);
      }));
    }
  }
  report('server-snapshot', figures, { pageLimit: PAGE_LIMIT, engines, seededCustomers: count, loadAverage: loadavg() });
}

if (process.argv[1]?.endsWith('server/snapshot.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
