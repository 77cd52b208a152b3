/**
 * Backend benchmarks on PGlite and a real PostgreSQL 15 (started here on a free port):
 * - push throughput (customer-insert mutations in batches of 200 through POST /api/sync/push)
 *   beside a raw batched INSERT of the same number of rows into the same database, and the ratio;
 *   and of finished calls with their wrap-up (interaction inserts) on those customers;
 * - push throughput of consent decisions and of team-lead re-tags (push-updates.ts), beside the
 *   same batches applied mutation by mutation;
 * - a replayed batch (all duplicates) relative to its first apply;
 * - pull: ms per 1,000-change page;
 * - KPI and exclusion endpoint latency over the seeded data;
 * - seeding rate (customers/s, with their identities, consents, complaints, interactions, …).
 * Requests go through Fastify's in-process injection (no sockets), so the figures are the server's
 * own cost. Sizes scale with BENCH_SEED_PG, BENCH_SEED_PGLITE, BENCH_PUSH_MUTATIONS, BENCH_RUNS.
 * - load: N agents holding SSE streams and pushing/pulling every 5 s (BENCH_LOAD_AGENTS, default
 *   the series "100,500,1000"; "100" for a quick run), p50/p99 latency and errors (alone: load-run.ts);
 * - snapshot pages (snapshot.ts: every page of GET /api/sync/snapshot over HTTP beside a SELECT *
 *   floor) at CENTRALITA_BENCH_SNAPSHOT_CUSTOMERS (default 20,000; 0 skips it) on both engines;
 * - then the report benchmark (report-bench.ts: KPIs and exclusions over generated interactions,
 *   beside their raw-SQL baselines) at BENCH_REPORT_INTERACTIONS (default the 1,000,000,
 *   about 4 minutes on a loaded 2-core machine; 0 skips it; any size alone:
 *   `npx tsx bench/server/reports.ts --interactions N`), results in server-reports.json.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { formatHlc } from '@contract';
import { buildApp } from '../../server/src/app';
import { type Database, openDatabase } from '../../server/src/db/database';
import { migrate } from '../../server/src/db/migrate';
import { seedDemoAccounts } from '../../server/src/seed/accounts';
import { seedCustomers } from '../../server/src/seed/customers';
import { seedReferenceData } from '../../server/src/seed/reference';
import { createDatabase, startPostgres } from '../../server/test/postgres-server';
import { loadTestAgents } from '../support/postgres';
import { type Figure, percentile, report } from '../support/stats';
import { loadTest } from './load';
import { benchPushUpdates } from './push-updates';
import { benchReports } from './report-bench';
import { benchSnapshotSeeded } from './snapshot';

const SEED = { postgres: Number(process.env.BENCH_SEED_PG ?? 10_000), pglite: Number(process.env.BENCH_SEED_PGLITE ?? 1_000) };
const PUSH_MUTATIONS = Number(process.env.BENCH_PUSH_MUTATIONS ?? 2_000);
const BATCH = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** Simulated agents per load level on PostgreSQL, e.g. "100,500,1000"; empty skips the load test. */
const LOAD_LEVELS = (process.env.BENCH_LOAD_AGENTS ?? '100,500,1000').split(',').map(Number).filter((n) => n > 0);
const LOAD_DURATION_MS = Number(process.env.BENCH_LOAD_SECONDS ?? 20) * 1000;
const REPORT_INTERACTIONS = Number(process.env.BENCH_REPORT_INTERACTIONS ?? 1_000_000);
const REPORT_SIZE = { interactions: REPORT_INTERACTIONS, customers: Number(process.env.BENCH_REPORT_CUSTOMERS ?? Math.max(1, Math.round(REPORT_INTERACTIONS / 5))) };
const REPORT_RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 9);
const SNAPSHOT_CUSTOMERS = Number(process.env.CENTRALITA_BENCH_SNAPSHOT_CUSTOMERS ?? 20_000);

/** A UUIDv7: 48-bit millisecond timestamp, version 7, random rest (the push idempotency key). */
function uuidV7(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function customerBatches(total: number, node: string): { clientId: string; mutations: unknown[] }[] {
  const batches = [];
  let counter = 0;
  const start = Date.now();
  for (let offset = 0; offset < total; offset += BATCH) {
    const mutations = [];
    for (let i = offset; i < Math.min(total, offset + BATCH); i++) {
      mutations.push({
        id: uuidV7(start + i), entity: 'customer', entityId: randomUUID(), op: 'insert',
        patch: { displayName: `Bench Customer ${i}`, language: 'es-ES' },
        clientTs: formatHlc({ wallMs: start, counter: counter++ % 0xffff, node }),
      });
    }
    batches.push({ clientId: `bench-${node}`, mutations });
  }
  return batches;
}

function interactionBatches(customerIds: readonly string[], total: number, node: string): { clientId: string; mutations: unknown[] }[] {
  const batches = [];
  const start = Date.now();
  for (let offset = 0; offset < total; offset += BATCH) {
    const mutations = [];
    for (let i = offset; i < Math.min(total, offset + BATCH); i++) {
      const answered = new Date(start - 600_000 + i * 1000);
      mutations.push({
        id: uuidV7(start + i), entity: 'interaction', entityId: randomUUID(), op: 'insert',
        patch: {
          customerId: customerIds[i % customerIds.length], channel: 'call', direction: 'inbound', queue: 'general', remoteNumber: '+34600000000', line: 1,
          queuedAt: new Date(answered.getTime() - 20_000).toISOString(), answeredAt: answered.toISOString(), endedAt: new Date(answered.getTime() + 180_000).toISOString(),
          holdSeconds: 0, transferTarget: null,
          wrapup: { disposition: 'resolved', emotionStart: { emotion: 'confused', intensity: 1 }, emotionEnd: { emotion: 'calm', intensity: 1 }, complaintTypeId: null, complaintId: null, notes: 'Bench call', firstContactResolution: true },
        },
        clientTs: formatHlc({ wallMs: start, counter: i % 0xffff, node: `${node}c` }),
      });
    }
    batches.push({ clientId: `bench-${node}-calls`, mutations });
  }
  return batches;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function benchEngine(engine: 'pglite' | 'postgres', db: Database): Promise<Figure[]> {
  const label = engine === 'postgres' ? 'PostgreSQL 15' : 'PGlite';
  const figures: Figure[] = [];
  await migrate(db);
  await seedReferenceData(db);
  const accounts = await seedDemoAccounts(db);

  const seedMs = await timed(async () => { await seedCustomers(db, { count: SEED[engine], seed: 1 }); });
  figures.push({ name: `${label}: seeding (${SEED[engine]} customers with their history)`, value: SEED[engine] / (seedMs / 1000), unit: 'customers/s', goal: '1M in minutes on PostgreSQL' });

  const app: FastifyInstance = await buildApp({ db, authSecret: randomBytes(32) });
  try {
    const agentToken = app.tokenSigner.sign({ sub: accounts.users.agent1!, usr: 'agent1', role: 'agent', team: accounts.teams['Team A'] });
    const adminToken = app.tokenSigner.sign({ sub: accounts.users.admin!, usr: 'admin', role: 'admin', team: null });
    const leadToken = app.tokenSigner.sign({ sub: accounts.users.lead1!, usr: 'lead1', role: 'team_lead', team: accounts.teams['Team A'] });
    const call = async (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload: payload as object } : {}) });
      if (response.statusCode !== 200) throw new Error(`${method} ${url} → ${response.statusCode}: ${response.body.slice(0, 300)}`);
      return response;
    };

    // Push vs raw INSERT of the same number of rows into the same table.
    const batches = customerBatches(PUSH_MUTATIONS, engine);
    const pushMs = await timed(async () => {
      for (const batch of batches) {
        const results = (await call(agentToken, 'POST', '/api/sync/push', batch)).json().results as { status: string }[];
        const notApplied = results.filter((r) => r.status !== 'applied');
        if (notApplied.length > 0) throw new Error(`push: ${notApplied.length} mutations not applied: ${JSON.stringify(notApplied[0])}`);
      }
    });
    const rawMs = await timed(async () => {
      for (let offset = 0; offset < PUSH_MUTATIONS; offset += BATCH) {
        const rows = Array.from({ length: Math.min(BATCH, PUSH_MUTATIONS - offset) }, (_, i) => ({
          id: randomUUID(), display_name: `Raw Customer ${offset + i}`, language: 'es-ES', clv: 0, field_ts: JSON.stringify({ displayName: 'x', language: 'x' }),
        }));
        await db.kysely.insertInto('customers').values(rows).execute();
      }
    });
    const pushRate = PUSH_MUTATIONS / (pushMs / 1000);
    figures.push({
      name: `${label}: push throughput (batches of ${BATCH})`, value: pushRate, unit: 'mutations/s',
      baseline: { name: 'raw batched INSERT', value: PUSH_MUTATIONS / (rawMs / 1000) }, goal: engine === 'postgres' ? '≥ 2,000 mutations/s' : '',
    });

    // What agents push most: finished calls with their wrap-up, on the customers just created.
    const customerIds = batches.flatMap((batch) => (batch.mutations as { entityId: string }[]).map((m) => m.entityId));
    const calls = interactionBatches(customerIds, PUSH_MUTATIONS, engine);
    const callsMs = await timed(async () => {
      for (const batch of calls) {
        const results = (await call(agentToken, 'POST', '/api/sync/push', batch)).json().results as { status: string }[];
        if (results.some((r) => r.status !== 'applied')) throw new Error('push of calls: not all applied');
      }
    });
    figures.push({ name: `${label}: push throughput, calls with wrap-up (batches of ${BATCH})`, value: PUSH_MUTATIONS / (callsMs / 1000), unit: 'mutations/s' });

    // Runs that update records: consent decisions on those customers, a team lead re-tagging those calls.
    figures.push(...await benchPushUpdates({
      app, label, batch: BATCH, agentToken, leadToken, customerIds,
      interactionIds: calls.flatMap((batch) => (batch.mutations as { entityId: string }[]).map((m) => m.entityId)),
    }));

    // Replay one batch (every mutation a duplicate) against its first apply.
    const fresh = customerBatches(BATCH, `${engine}r`)[0]!;
    const firstMs = await timed(async () => { await call(agentToken, 'POST', '/api/sync/push', fresh); });
    const replays: number[] = [];
    for (let run = 0; run < 5; run++) {
      replays.push(await timed(async () => {
        const results = (await call(agentToken, 'POST', '/api/sync/push', fresh)).json().results as { status: string }[];
        if (results.some((r) => r.status !== 'duplicate')) throw new Error('replay was not all duplicates');
      }));
    }
    figures.push({ name: `${label}: replayed batch of ${BATCH} (all duplicates)`, value: percentile(replays, 50), unit: 'ms', baseline: { name: 'first apply', value: firstMs } });

    // Pull pages of 1,000 from cursor 0.
    const pages: number[] = [];
    let cursor = '0';
    for (let page = 0; page < 30; page++) {
      let body: { cursor: string; hasMore: boolean; changes: unknown[] } | null = null;
      pages.push(await timed(async () => { body = (await call(agentToken, 'GET', `/api/sync/pull?cursor=${cursor}&limit=1000`)).json(); }));
      const pageBody = body as unknown as { cursor: string; hasMore: boolean; changes: unknown[] };
      cursor = pageBody.cursor;
      if (!pageBody.hasMore) break;
    }
    figures.push({ name: `${label}: pull, 1,000-change page (p50 of ${pages.length})`, value: percentile(pages, 50), unit: 'ms' });

    const interactions = await sql<{ n: number }>`select count(*)::int as n from interactions`.execute(db.kysely);
    const from = new Date(Date.now() - 200 * 86_400_000).toISOString();
    for (const [who, token] of [['admin, all teams', adminToken], ['team lead, own team', leadToken]] as const) {
      const samples: number[] = [];
      for (let run = 0; run < RUNS; run++) samples.push(await timed(async () => { await call(token, 'GET', `/api/kpis?from=${from}`); }));
      figures.push({ name: `${label}: GET /api/kpis (${who}, ${interactions.rows[0]?.n} interactions) p50`, value: percentile(samples, 50), unit: 'ms' });
      figures.push({ name: `${label}: GET /api/kpis (${who}) p99`, value: percentile(samples, 99), unit: 'ms' });
    }
    const exclusionSamples: number[] = [];
    for (let run = 0; run < Math.min(RUNS, 5); run++) exclusionSamples.push(await timed(async () => { await call(leadToken, 'GET', '/api/exclusions?limit=1000'); }));
    figures.push({ name: `${label}: GET /api/exclusions (first 1,000) p50`, value: percentile(exclusionSamples, 50), unit: 'ms' });
  } finally {
    await app.close();
  }
  return figures;
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  const pglite = await openDatabase({});
  try {
    figures.push(...await benchEngine('pglite', pglite));
  } finally {
    await pglite.close();
  }

  const server = await startPostgres();
  try {
    const database = await createDatabase(server.url, 'bench_server');
    const db = await openDatabase({ databaseUrl: database.url, poolSize: 10 });
    try {
      figures.push(...await benchEngine('postgres', db));
      if (LOAD_LEVELS.length > 0) {
        figures.push(...await loadTest(db, 'PostgreSQL 15', await loadTestAgents(db), LOAD_LEVELS, LOAD_DURATION_MS));
      }
    } finally {
      await db.close();
      await database.drop();
    }
  } finally {
    await server.stop();
  }
  if (SNAPSHOT_CUSTOMERS > 0) figures.push(...await benchSnapshotSeeded(SNAPSHOT_CUSTOMERS));
  report('server', figures, {
    sizes: { seedCustomers: SEED, pushMutations: PUSH_MUTATIONS, batch: BATCH, runs: RUNS, snapshotCustomers: SNAPSHOT_CUSTOMERS },
    loadLevels: LOAD_LEVELS,
    notMeasured: LOAD_LEVELS.length > 0 ? [] : ['SSE load test (set BENCH_LOAD_AGENTS=100,500,1000)'],
  });
  // Its own PostgreSQL and database, after this suite's are gone; reports itself (server-reports.json).
  if (REPORT_SIZE.interactions > 0) await benchReports(REPORT_SIZE, REPORT_RUNS);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
