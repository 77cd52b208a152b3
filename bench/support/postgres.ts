/**
 * A benchmark's own PostgreSQL 15 (started in a temp dir, like the server tests), one database in
 * it with the schema, reference lists and demo accounts, and everything stopped afterwards.
 */
import { type Database, openDatabase } from '../../server/src/db/database';
import { migrate } from '../../server/src/db/migrate';
import { type SeededAccounts, seedDemoAccounts } from '../../server/src/seed/accounts';
import { seedReferenceData } from '../../server/src/seed/reference';
import { createDatabase, startPostgres } from '../../server/test/postgres-server';

export async function withBenchPostgres<T>(name: string, poolSize: number, run: (db: Database, accounts: SeededAccounts) => Promise<T>): Promise<T> {
  const server = await startPostgres();
  try {
    const database = await createDatabase(server.url, name);
    const db = await openDatabase({ databaseUrl: database.url, poolSize });
    try {
      await migrate(db);
      await seedReferenceData(db);
      return await run(db, await seedDemoAccounts(db));
    } finally {
      await db.close();
      await database.drop();
    }
  } finally {
    await server.stop();
  }
}

/** The seeded agents, as the load test drives them. */
export async function loadTestAgents(db: Database): Promise<{ id: string; teamId: string }[]> {
  const agents = await db.kysely.selectFrom('users').select(['id', 'team_id']).where('role', '=', 'agent').execute();
  return agents.map((agent) => ({ id: agent.id, teamId: agent.team_id as string }));
}
