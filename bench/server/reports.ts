/**
 * The report benchmark alone (report-bench.ts), at any size:
 *   npx tsx bench/server/reports.ts [--interactions N] [--customers N] [--runs N]
 * Defaults: the full scale of issue 3 — 1,000,000 interactions for 200,000 customers, 9 runs —
 * about 4 minutes on a loaded 2-core machine; `npm run bench` runs it at BENCH_REPORT_INTERACTIONS
 * (run.ts). Smaller sizes (e.g. --interactions 200000) for a quick look.
 */
import { integerOption, parseArgs } from '../../server/src/cli/args';
import { benchReports } from './report-bench';

const FULL_REPORT_SIZE = { interactions: 1_000_000, customers: 200_000 };

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { values: ['interactions', 'customers', 'runs'], flags: [] });
  const interactions = integerOption(args, 'interactions', FULL_REPORT_SIZE.interactions);
  // One customer per five interactions unless told otherwise, as at full scale.
  const customers = integerOption(args, 'customers', Math.max(1, Math.round(interactions / 5)));
  await benchReports({ interactions, customers }, integerOption(args, 'runs', 9));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
