/**
 * Load test: N simulated agents, each holding an SSE stream (GET /api/sync/events) and, every 5 s,
 * pushing one mutation and pulling from its cursor, against a server listening on a free loopback
 * port. Reports p50/p99 push and pull latency and the error count per N. The simulated clients run
 * in the server's own process (one event loop), so past saturation the figures are pessimistic;
 * rounds still unanswered when a level ends are reported as started but not answered.
 */
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { formatHlc } from '@contract';
import { buildApp } from '../../server/src/app';
import { type Database } from '../../server/src/db/database';
import { type Figure, percentile } from '../support/stats';

const PERIOD_MS = 5_000;

function uuidV7(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function loadTest(db: Database, label: string, agents: { id: string; teamId: string }[], levels: number[], durationMs: number): Promise<Figure[]> {
  const app = await buildApp({ db, authSecret: randomBytes(32) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const figures: Figure[] = [];
  try {
    for (const count of levels) {
      const pushes: number[] = [];
      const pulls: number[] = [];
      let errors = 0;
      let events = 0;
      let ticks = 0;
      const kinds = new Map<string, number>();
      const fail = (kind: string): void => {
        errors++;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      };
      // What saturates: this process's event loop (server and simulated clients share it) and CPU.
      const loopBefore = performance.eventLoopUtilization();
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      const streams: { destroy(): void }[] = [];
      const timers: NodeJS.Timeout[] = [];
      for (let n = 0; n < count; n++) {
        const agent = agents[n % agents.length]!;
        const token = app.tokenSigner.sign({ sub: agent.id, usr: `load${n}`, role: 'agent', team: agent.teamId }, Math.floor(Date.now() / 1000), 3600);
        const sse = request(`${address}/api/sync/events?access_token=${token}`, (response) => {
          if (response.statusCode !== 200) fail(`sse ${response.statusCode}`);
          response.on('data', (chunk: Buffer) => { if (chunk.includes('event: changes')) events++; });
          response.on('error', () => {});
        });
        sse.on('error', (error) => { fail(`sse ${error.message}`); });
        sse.end();
        streams.push(sse);
        let cursor = '0';
        let counter = 0;
        const tick = async (): Promise<void> => {
          ticks++;
          try {
            let started = performance.now();
            const push = await fetch(`${address}/api/sync/push`, {
              method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ clientId: `load-agent-${n}`, mutations: [{ id: uuidV7(Date.now()), entity: 'customer', entityId: randomUUID(), op: 'insert', patch: { displayName: `Load ${n}` }, clientTs: formatHlc({ wallMs: Date.now(), counter: counter++ % 0xffff, node: `load${n}` }) }] }),
            });
            await push.arrayBuffer();
            pushes.push(performance.now() - started);
            if (!push.ok) fail(`push ${push.status}`);
            started = performance.now();
            const pull = await fetch(`${address}/api/sync/pull?cursor=${cursor}&limit=100`, { headers: { authorization: `Bearer ${token}` } });
            const body = (await pull.json()) as { cursor?: string };
            pulls.push(performance.now() - started);
            if (!pull.ok) fail(`pull ${pull.status}`);
            else if (body.cursor) cursor = body.cursor;
          } catch (error) {
            fail(error instanceof Error ? error.message : String(error));
          }
        };
        // Spread the agents over the period, like real clients that started at different times.
        const offset = Math.floor((n / count) * PERIOD_MS);
        timers.push(setTimeout(() => {
          void tick();
          timers.push(setInterval(() => { void tick(); }, PERIOD_MS));
        }, offset));
      }
      await new Promise((resolve) => setTimeout(resolve, durationMs));
      for (const timer of timers) clearInterval(timer);
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // let in-flight requests finish
      for (const stream of streams) stream.destroy();
      const loop = performance.eventLoopUtilization(loopBefore);
      const cpu = process.cpuUsage(cpuBefore);
      const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
      if (kinds.size > 0) console.error(`load ${count}: errors by kind`, Object.fromEntries(kinds));
      figures.push({ name: `${label}: load ${count} agents, push p50`, value: percentile(pushes, 50), unit: 'ms' });
      figures.push({ name: `${label}: load ${count} agents, push p99`, value: percentile(pushes, 99), unit: 'ms' });
      figures.push({ name: `${label}: load ${count} agents, pull p50`, value: percentile(pulls, 50), unit: 'ms' });
      figures.push({ name: `${label}: load ${count} agents, pull p99`, value: percentile(pulls, 99), unit: 'ms' });
      figures.push({ name: `${label}: load ${count} agents, Node event loop busy (server + simulated clients)`, value: loop.utilization * 100, unit: '%' });
      figures.push({ name: `${label}: load ${count} agents, Node process CPU (1 core = 100)`, value: cpuShare * 100, unit: '%' });
      figures.push({ name: `${label}: load ${count} agents, errors (${ticks} push+pull rounds started, ${pushes.length} pushes and ${pulls.length} pulls answered, ${events} SSE events)`, value: errors, unit: 'errors' });
    }
  } finally {
    await app.close();
  }
  return figures;
}
