/**
 * `npm run seed -- --customers N [--seed S] [--chunk C] [--with-demo-accounts]`
 * Generates N deterministic customers (with identities, consents, complaints, interactions and
 * queue items) into DATABASE_URL or the PGlite database under DATA_DIR. Progress goes to stderr.
 */
import { databaseOptionsFromEnv, openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { seedDemoAccounts } from '../seed/accounts';
import { seedCustomers } from '../seed/customers';
import { seedReferenceData } from '../seed/reference';
import { integerOption, parseArgs, progressBar } from './args';

const USAGE = 'usage: npm run seed -- --customers N [--seed S] [--chunk C] [--with-demo-accounts]';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { values: ['customers', 'seed', 'chunk'], flags: ['with-demo-accounts', 'help'] });
  if (args.options.has('help')) {
    console.log(USAGE);
    return;
  }
  const count = integerOption(args, 'customers');
  const seed = integerOption(args, 'seed', 1);
  const chunkSize = Math.max(1, integerOption(args, 'chunk', 2000));

  const db = await openDatabase(databaseOptionsFromEnv());
  try {
    await migrate(db);
    await seedReferenceData(db);
    const agents = await db.kysely.selectFrom('users').select('id').where('role', '=', 'agent').limit(1).execute();
    if (agents.length === 0) {
      if (!args.options.has('with-demo-accounts')) {
        throw new Error('no agents in this database: create users first, or pass --with-demo-accounts (demo only: password "centralita")');
      }
      await seedDemoAccounts(db);
    }
    const bar = progressBar('seeding customers');
    const started = Date.now();
    const result = await seedCustomers(db, { count, seed, chunkSize, onProgress: (done, total) => bar.update(done, total) });
    bar.finish();
    const seconds = (Date.now() - started) / 1000;
    console.log(`seeded ${result.customers} customers in ${seconds.toFixed(1)} s (${Math.round(result.customers / Math.max(seconds, 0.001))}/s): `
      + `${result.phones} phones, ${result.identities} other identities, ${result.consents} consents, ${result.complaints} complaints, `
      + `${result.interactions} interactions, ${result.surveys} survey answers, ${result.queueItems} queue items`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(1);
});
