/**
 * The simulated agents of the load test, run in a worker thread so they do not share the server's
 * event loop: each holds an SSE stream and, every 5 s, pushes one mutation and pulls from its
 * cursor. Posts the latencies, errors and this thread's event-loop utilisation back.
 */
import { request } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
// A relative import: path aliases are not resolved inside the worker.
import { formatHlc } from '../../contract/src/hlc';

export interface ClientsInput { address: string; tokens: string[]; durationMs: number }
export interface ClientsOutput { pushes: number[]; pulls: number[]; kinds: Record<string, number>; events: number; ticks: number; loopUtilization: number }

const PERIOD_MS = 5_000;

function uuidV7(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function run({ address, tokens, durationMs }: ClientsInput): Promise<ClientsOutput> {
  const loopBefore = performance.eventLoopUtilization();
  const out: ClientsOutput = { pushes: [], pulls: [], kinds: {}, events: 0, ticks: 0, loopUtilization: 0 };
  const fail = (kind: string): void => { out.kinds[kind] = (out.kinds[kind] ?? 0) + 1; };
  const streams: { destroy(): void }[] = [];
  const timers: NodeJS.Timeout[] = [];
  tokens.forEach((token, n) => {
    const sse = request(`${address}/api/sync/events?access_token=${token}`, (response) => {
      if (response.statusCode !== 200) fail(`sse ${response.statusCode}`);
      response.on('data', (chunk: Buffer) => { if (chunk.includes('event: changes')) out.events++; });
      response.on('error', () => {});
    });
    sse.on('error', (error) => { fail(`sse ${error.message}`); });
    sse.end();
    streams.push(sse);
    let cursor = '0';
    let counter = 0;
    const tick = async (): Promise<void> => {
      out.ticks++;
      try {
        let started = performance.now();
        const push = await fetch(`${address}/api/sync/push`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ clientId: `load-agent-${n}`, mutations: [{ id: uuidV7(Date.now()), entity: 'customer', entityId: randomUUID(), op: 'insert', patch: { displayName: `Load ${n}` }, clientTs: formatHlc({ wallMs: Date.now(), counter: counter++ % 0xffff, node: `load${n}` }) }] }),
        });
        await push.arrayBuffer();
        out.pushes.push(performance.now() - started);
        if (!push.ok) fail(`push ${push.status}`);
        started = performance.now();
        const pull = await fetch(`${address}/api/sync/pull?cursor=${cursor}&limit=100`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await pull.json()) as { cursor?: string };
        out.pulls.push(performance.now() - started);
        if (!pull.ok) fail(`pull ${pull.status}`);
        else if (body.cursor) cursor = body.cursor;
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
    };
    // Spread the agents over the period, like real clients that started at different times.
    const offset = Math.floor((n / tokens.length) * PERIOD_MS);
    timers.push(setTimeout(() => {
      void tick();
      timers.push(setInterval(() => { void tick(); }, PERIOD_MS));
    }, offset));
  });
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  for (const timer of timers) clearInterval(timer);
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // let in-flight requests finish
  for (const stream of streams) stream.destroy();
  out.loopUtilization = performance.eventLoopUtilization(loopBefore).utilization;
  return out;
}

if (parentPort) {
  const port = parentPort;
  run(workerData as ClientsInput).then((output) => port.postMessage(output), (error: unknown) => { throw error; });
}
