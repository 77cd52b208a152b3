/**
 * Start-up checks and seeding: production refuses demo accounts; demo mode seeds an empty
 * database with the demo accounts, reference lists and customers.
 */
import type { Database } from './db/database';
import { countDemoAccounts, seedDemoAccounts } from './seed/accounts';
import { seedReferenceData } from './seed/reference';
import { installStarterScripts, seedStarterScripts } from './scripts/seed';

export class DemoAccountsInProductionError extends Error {
  constructor(count: number) {
    super(`Refusing to start in production: ${count} demo account(s) exist (password "centralita"). Delete them, or run with CENTRALITA_DEMO=1 for a demo.`);
    this.name = 'DemoAccountsInProductionError';
  }
}

export interface BootstrapOptions {
  production: boolean;
  demo: boolean;
  /** Demo customers to generate into an empty database (default 300). */
  demoCustomers?: number;
}

export async function bootstrap(db: Database, options: BootstrapOptions): Promise<{ seeded: boolean }> {
  if (options.production && !options.demo) {
    const demoAccounts = await countDemoAccounts(db);
    if (demoAccounts > 0) throw new DemoAccountsInProductionError(demoAccounts);
  }
  await seedReferenceData(db);
  // Every fresh installation starts with the starter call scripts (none stored yet → version 1 of each).
  await installStarterScripts(db);
  if (!options.demo) return { seeded: false };
  // Demo installations get the starter call scripts even if their database predates them.
  await seedStarterScripts(db);
  const anyUser = await db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) return { seeded: false };
  await seedDemoAccounts(db);
  const count = options.demoCustomers ?? 300;
  if (count > 0) {
    const { seedCustomers } = await import('./seed/customers');
    await seedCustomers(db, { count, seed: 42 });
  }
  return { seeded: true };
}
