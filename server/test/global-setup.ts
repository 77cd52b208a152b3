/**
 * Vitest global setup for the `server` project: one real PostgreSQL 15 per run, shared by all
 * test files (each suite creates its own database on it). If it cannot start, the reason is
 * provided instead and every PostgreSQL half of a suite fails with it: never a silent pass.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresServer } from './postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the test PostgreSQL server's maintenance database, or '' when it did not start. */
    postgresUrl: string;
    /** Why PostgreSQL is unavailable ('' when it is running). */
    postgresError: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: PostgresServer | null = null;
  try {
    server = await startPostgres();
    project.provide('postgresUrl', server.url);
    project.provide('postgresError', '');
  } catch (error) {
    project.provide('postgresUrl', '');
    project.provide('postgresError', error instanceof Error ? error.message : String(error));
  }
  const started = server;
  // Safety net: vitest killed mid-run still stops the server.
  const onExit = (): void => { void started?.stop(); };
  process.once('exit', onExit);
  return async () => {
    process.off('exit', onExit);
    await started?.stop();
  };
}
