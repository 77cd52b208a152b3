/**
 * The load test alone (load.ts) on a real PostgreSQL 15 started here, with the demo accounts and
 * seeded customers, at the levels asked for:
 *   npx tsx bench/server/load-run.ts [--agents 500,1000] [--seconds 20] [--customers 10000]
 * Writes bench/results/server-load.json (the server suite's own load figures stay in server.json).
 */
import { loadavg } from 'node:os';
import { integerOption, parseArgs } from '../../server/src/cli/args';
import { seedCustomers } from '../../server/src/seed/customers';
import { loadTestAgents, withBenchPostgres } from '../support/postgres';
import { type Figure, report } from '../support/stats';
import { loadTest } from './load';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { values: ['agents', 'seconds', 'customers'], flags: [] });
  const levels = String(args.options.get('agents') ?? '500,1000').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (levels.length === 0) throw new Error('--agents takes a comma-separated list of positive numbers, e.g. 500,1000');
  const seconds = integerOption(args, 'seconds', 20);
  const customers = integerOption(args, 'customers', 10_000);
  const loadBefore = loadavg();
  const figures: Figure[] = await withBenchPostgres('bench_load', 10, async (db) => {
    await seedCustomers(db, { count: customers, seed: 7 });
    return loadTest(db, 'PostgreSQL 15', await loadTestAgents(db), levels, seconds * 1000);
  });
  // The machine's load average before and after: these figures depend on what else ran.
  report('server-load', figures, { levels, seconds, seededCustomers: customers, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
