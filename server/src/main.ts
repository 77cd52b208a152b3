/** `npm run server`: starts the backend on PORT (default 8787) and HOST (default 127.0.0.1). */
import { loadConfig } from './config';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const engine = server.db.engine === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  server.app.log.info(`Centralita backend listening on ${server.url} (${engine}${config.demo ? ', demo mode' : ''})`);
  // A plain line too, for scripts waiting on stdout.
  console.log(`Centralita backend listening on ${server.url}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    server.app.log.info(`${signal}: shutting down`);
    server.close().then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
