/**
 * Assembles a running backend from a ServerConfig: database (PGlite or PostgreSQL), migrations,
 * start-up checks and demo seed, the Fastify app, and periodic tombstone pruning.
 * Used by main.ts and by tests/e2e that need a real server on a free port.
 */
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { buildApp, type AppOptions } from './app';
import { loadAuthSecret } from './auth/secret';
import { bootstrap } from './bootstrap';
import type { ServerConfig } from './config';
import { openDatabase, type Database } from './db/database';
import { migrate } from './db/migrate';
import { pruneTombstones } from './sync/change-log';

export const TOMBSTONE_RETENTION_DAYS = 30;
const PRUNE_EVERY_MS = 60 * 60_000;

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  /** http://host:port once listening. */
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Demo customers to seed into an empty demo database (default 300). */
  demoCustomers?: number;
  logger?: AppOptions['logger'];
  extraRoutes?: AppOptions['extraRoutes'];
  loginRateLimit?: AppOptions['loginRateLimit'];
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const db = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { pgliteDir: join(config.dataDir, 'pglite') });
  let app: FastifyInstance | null = null;
  let pruneTimer: NodeJS.Timeout | null = null;
  try {
    await migrate(db);
    await bootstrap(db, { production: config.production, demo: config.demo, ...(options.demoCustomers === undefined ? {} : { demoCustomers: options.demoCustomers }) });
    const prune = (): Promise<number> => db.transaction((trx) => pruneTombstones(trx, TOMBSTONE_RETENTION_DAYS));
    await prune();
    app = await buildApp({
      db,
      authSecret: loadAuthSecret(config.authSecret, config.dataDir),
      sipWssUrl: config.sipWssUrl,
      sipDomain: config.sipDomain,
      webRoot: config.webRoot,
      logger: options.logger ?? { level: config.logLevel },
      ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
      ...(options.loginRateLimit ? { loginRateLimit: options.loginRateLimit } : {}),
    });
    const address = await app.listen({ port: config.port, host: config.host });
    const running = app;
    pruneTimer = setInterval(() => { void prune().catch((error: unknown) => running.log.warn({ err: error }, 'tombstone pruning failed')); }, PRUNE_EVERY_MS);
    pruneTimer.unref();
    const url = address.replace('[::1]', 'localhost');
    return {
      app: running,
      db,
      url,
      async close() {
        if (pruneTimer) clearInterval(pruneTimer);
        await running.close();
        await db.close();
      },
    };
  } catch (error) {
    if (pruneTimer) clearInterval(pruneTimer);
    await app?.close().catch(() => {});
    await db.close().catch(() => {});
    throw error;
  }
}
