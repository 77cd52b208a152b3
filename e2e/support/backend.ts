/**
 * Starts the real Centralita backend for e2e: `tsx server/src/main.ts` (with the node tsconfig,
 * whose paths resolve `@contract`) on a free loopback port,
 * a fresh data directory (embedded PGlite), demo data, and the built browser edition as web
 * root. Resolves once `GET /health` answers; `stop()` ends the process tree and removes the data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server/test/free-port';
export { freePort };

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface BackendOptions {
  /** Extra environment (e.g. SIP_WSS_URL, SIP_DOMAIN, DATABASE_URL). */
  env?: Record<string, string>;
  /** Seed the demo accounts agent1…agent3, lead1, admin (password `centralita`). Default true. */
  demo?: boolean;
  startTimeoutMs?: number;
}

export interface RunningBackend {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}


/**
 * Backends still running in this process. The backend runs in its own process group, so if the
 * Playwright worker exits early (a test timed out while a backend was starting) nothing would
 * stop it: the exit hook below kills whatever is left, synchronously.
 */
const running = new Map<number, string>();
process.once('exit', () => {
  for (const [pid, dataDir] of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  // The backend runs in its own process group (tsx forks node): signal the whole group.
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  signalGroup('SIGTERM');
  const done = await Promise.race([exited(child).then(() => true), delay(5_000).then(() => false)]);
  if (!done) {
    signalGroup('SIGKILL');
    await exited(child);
  }
}

export async function startBackend(options: BackendOptions = {}): Promise<RunningBackend> {
  const webRoot = options.env?.WEB_ROOT ?? join(repoRoot, 'out', 'renderer');
  if (!existsSync(join(webRoot, 'index.html'))) {
    throw new Error(`The browser edition is not built (${webRoot}/index.html missing): run \`npx electron-vite build\` first.`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'centralita-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['--tsconfig', join(repoRoot, 'tsconfig.node.json'), join(repoRoot, 'server', 'src', 'main.ts')], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      WEB_ROOT: webRoot,
      CENTRALITA_DEMO: options.demo === false ? '0' : '1',
      NODE_ENV: 'test',
      ...options.env,
    },
  });
  if (child.pid !== undefined) running.set(child.pid, dataDir);
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async () => {
    await terminate(child);
    if (child.pid !== undefined) running.delete(child.pid);
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  try {
    while (!(await healthy(url))) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`The backend exited (${child.exitCode ?? child.signalCode}) before answering /health:\n${output}`);
      }
      if (Date.now() > deadline) throw new Error(`The backend did not answer ${url}/health in time:\n${output}`);
      await delay(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, dataDir, output: () => output, stop };
}
