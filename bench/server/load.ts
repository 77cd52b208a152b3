/**
 * Load test: N simulated agents, each holding an SSE stream (GET /api/sync/events) and, every 5 s,
 * pushing one mutation and pulling from its cursor, against a server listening on a free loopback
 * port. The agents run in a worker thread (load-clients.ts), so the server's event loop is its
 * own: the report gives p50/p99 push and pull latency, errors, and how busy each loop and the
 * process were — which of them saturates. Rounds still unanswered when a level ends are reported
 * as started but not answered.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../../server/src/app';
import { type Database } from '../../server/src/db/database';
import { type Figure, percentile } from '../support/stats';
import type { ClientsInput, ClientsOutput } from './load-clients';

function runClients(input: ClientsInput): Promise<ClientsOutput> {
  // The worker is TypeScript too: a small ESM bootstrap registers tsx in it, then loads it.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(new URL('./load-clients.ts', import.meta.url).href)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData: input });
  return new Promise((resolve, reject) => {
    worker.once('message', (output: ClientsOutput) => { resolve(output); void worker.terminate(); });
    worker.once('error', reject);
  });
}

export async function loadTest(db: Database, label: string, agents: { id: string; teamId: string }[], levels: number[], durationMs: number): Promise<Figure[]> {
  const app = await buildApp({ db, authSecret: randomBytes(32) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const figures: Figure[] = [];
  try {
    for (const count of levels) {
      const tokens = Array.from({ length: count }, (_, n) => {
        const agent = agents[n % agents.length]!;
        return app.tokenSigner.sign({ sub: agent.id, usr: `load${n}`, role: 'agent', team: agent.teamId }, Math.floor(Date.now() / 1000), 3600);
      });
      const loopBefore = performance.eventLoopUtilization();
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      const result = await runClients({ address, tokens, durationMs });
      const serverLoop = performance.eventLoopUtilization(loopBefore).utilization;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
      const errors = Object.values(result.kinds).reduce((sum, n) => sum + n, 0);
      if (errors > 0) console.error(`load ${count}: errors by kind`, result.kinds);
      figures.push({ name: `${label}: load ${count} agents, push p50`, value: percentile(result.pushes, 50), unit: 'ms' });
      figures.push({ name: `${label}: load ${count} agents, push p99`, value: percentile(result.pushes, 99), unit: 'ms' });
      figures.push({ name: `${label}: load ${count} agents, pull p50`, value: percentile(result.pulls, 50), unit: 'ms' });
      figures.push({ name: `${label}: load ${count} agents, pull p99`, value: percentile(result.pulls, 99), unit: 'ms' });
      figures.push({ name: `${label}: load ${count} agents, server event loop busy`, value: serverLoop * 100, unit: '%' });
      figures.push({ name: `${label}: load ${count} agents, simulated agents' event loop busy`, value: result.loopUtilization * 100, unit: '%' });
      figures.push({ name: `${label}: load ${count} agents, Node process CPU, both threads (1 core = 100)`, value: cpuShare * 100, unit: '%' });
      figures.push({ name: `${label}: load ${count} agents, errors (${result.ticks} push+pull rounds started, ${result.pushes.length} pushes and ${result.pulls.length} pulls answered, ${result.events} SSE events)`, value: errors, unit: 'errors' });
    }
  } finally {
    await app.close();
  }
  return figures;
}
