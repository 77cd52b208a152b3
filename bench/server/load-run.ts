/**
 * The load test alone (load.ts) on a real PostgreSQL 15 started here, with the demo accounts and
 * seeded customers, at the levels asked for:
 *   npx tsx bench/server/load-run.ts [--agents 500,1000] [--seconds 20] [--customers 10000]
 * Writes bench/results/server-load.json (the server suite's own load figures stay in server.json).
 */
import { loadavg } from 'node:os';
import { openDatabase } from '../../server/src/db/database';
import { migrate } from '../../server/src/db/migrate';
import { integerOption, parseArgs } from '../../server/src/cli/args';
import { seedDemoAccounts } from '../../server/src/seed/accounts';
import { seedCustomers } from '../../server/src/seed/customers';
import { seedReferenceData } from '../../server/src/seed/reference';
import { createDatabase, startPostgres } from '../../server/test/postgres-server';
import { type Figure, report } from '../support/stats';
import { loadTest } from './load';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { values: ['agents', 'seconds', 'customers'], flags: [] });
  const levels = String(args.options.get('agents') ?? '500,1000').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (levels.length === 0) throw new Error('--agents takes a comma-separated list of positive numbers, e.g. 500,1000');
  const seconds = integerOption(args, 'seconds', 20);
  const customers = integerOption(args, 'customers', 10_000);
  const loadBefore = loadavg();
  const figures: Figure[] = [];
  const server = await startPostgres();
  try {
    const database = await createDatabase(server.url, 'bench_load');
    const db = await openDatabase({ databaseUrl: database.url, poolSize: 10 });
    try {
      await migrate(db);
      await seedReferenceData(db);
      await seedDemoAccounts(db);
      await seedCustomers(db, { count: customers, seed: 7 });
      const agents = await db.kysely.selectFrom('users').select(['id', 'team_id']).where('role', '=', 'agent').execute();
      figures.push(...await loadTest(db, 'PostgreSQL 15', agents.map((a) => ({ id: a.id, teamId: a.team_id as string })), levels, seconds * 1000));
    } finally {
      await db.close();
      await database.drop();
    }
  } finally {
    await server.stop();
  }
  // The machine's load average before and after: these figures depend on what else ran.
  report('server-load', figures, { levels, seconds, seededCustomers: customers, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
