/**
 * Starts a throwaway PostgreSQL 15 server: initdb in a temp dir, trust auth, loopback only,
 * a free port, durability off (test data). Used by the vitest global setup and the benchmarks.
 * When running as root, postgres runs as the `postgres` user (it refuses to run as root).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';
export { freePort };

export const POSTGRES_BIN_DIR = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  /** Connection URL of the `postgres` maintenance database. */
  url: string;
  port: number;
  stop(): Promise<void>;
}


/** Explains why PostgreSQL cannot start here, or returns null when the binaries are present. */
export function postgresUnavailableReason(): string | null {
  for (const tool of ['initdb', 'postgres']) {
    if (!existsSync(join(POSTGRES_BIN_DIR, tool))) {
      return `PostgreSQL 15 binaries not found (${join(POSTGRES_BIN_DIR, tool)} is missing): install the Debian package "postgresql" or set POSTGRES_BIN_DIR.`;
    }
  }
  return null;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/**
 * postgres refuses to run as root: when we are root, run the binaries with the `postgres`
 * user's uid/gid directly (not through runuser, so the child pid IS postgres and signals reach it).
 */
function postgresUserIds(): { uid: number; gid: number } | Record<string, never> {
  if (!isRoot()) return {};
  const lookup = (flag: '-u' | '-g'): number => {
    const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error('running as root needs a "postgres" system user (Debian package postgresql creates it)');
    return Number(result.stdout.trim());
  };
  return { uid: lookup('-u'), gid: lookup('-g') };
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s: ${String(error)}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  const unavailable = postgresUnavailableReason();
  if (unavailable) throw new Error(unavailable);

  const root = mkdtempSync(join(tmpdir(), 'centralita-pg-'));
  const dataDir = join(root, 'data');
  const removeRoot = (): void => rmSync(root, { recursive: true, force: true });
  try {
    const ids = postgresUserIds();
    if ('uid' in ids) {
      chmodSync(root, 0o755);
      chownSync(root, ids.uid, ids.gid);
    }
    const initResult = spawnSync(join(POSTGRES_BIN_DIR, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'], { encoding: 'utf8', cwd: root, ...ids });
    if (initResult.status !== 0) throw new Error(`initdb failed (${initResult.status}): ${initResult.stderr || initResult.stdout}`);

    const port = await freePort();
    const child = spawn(join(POSTGRES_BIN_DIR, 'postgres'), [
      '-D', dataDir, '-k', root, '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off', '-c', 'max_connections=300', '-c', 'shared_buffers=64MB',
    ], { stdio: ['ignore', 'pipe', 'pipe'], cwd: root, ...ids });
    let output = '';
    const collect = (chunk: Buffer): void => { output = (output + chunk.toString()).slice(-8000); };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

    const stop = async (): Promise<void> => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // SIGINT = fast shutdown; escalate if it lingers.
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      removeRoot();
    };

    try {
      await waitUntilReady(url, child, () => output);
    } catch (error) {
      await stop();
      throw error;
    }
    return { url, port, stop };
  } catch (error) {
    removeRoot();
    throw error;
  }
}

/** Creates a fresh database on the server and returns its URL and a drop function. */
export async function createDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
