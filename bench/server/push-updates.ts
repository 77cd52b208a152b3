/**
 * Push throughput of the runs that update records: consent decisions and outcome re-tags (batches
 * of 200, the bulk path of server/src/sync/bulk-consents.ts and bulk-retags.ts), each beside the
 * same kind of batch applied by the per-mutation handlers (the path these kinds took before),
 * measured in the same run on the same database. The baseline sends each mutation twice in a row:
 * a repeated id ends a bulk run, so every mutation goes to its handler, and the repeat is answered
 * from memory as a duplicate (its cost is negligible).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { formatHlc } from '@contract';
import type { Figure } from '../support/stats';

type Mutation = { id: string; entity: string; entityId: string; op: string; patch: Record<string, unknown>; clientTs: string };

function uuidV7(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface PushUpdatesInput {
  app: FastifyInstance;
  label: string;
  batch: number;
  agentToken: string;
  leadToken: string;
  /** Customers without consents yet (two halves: bulk, baseline). */
  customerIds: readonly string[];
  /** Calls of the lead's team (two halves: bulk, baseline). */
  interactionIds: readonly string[];
}

export async function benchPushUpdates(input: PushUpdatesInput): Promise<Figure[]> {
  const { app, batch } = input;
  let clock = Date.now();
  const stamp = (node: string) => formatHlc({ wallMs: clock++, counter: 0, node });
  const push = async (token: string, mutations: Mutation[], repeated: boolean): Promise<number> => {
    const started = performance.now();
    const response = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${token}` }, payload: { clientId: 'bench-updates', mutations } });
    const elapsed = performance.now() - started;
    if (response.statusCode !== 200) throw new Error(`push → ${response.statusCode}: ${response.body.slice(0, 300)}`);
    const statuses = (response.json().results as { status: string }[]).map((result) => result.status);
    const expected = (index: number) => (repeated && index % 2 === 1 ? 'duplicate' : 'applied');
    if (statuses.some((status, index) => status !== expected(index))) throw new Error(`unexpected results: ${statuses.join(',')}`);
    return elapsed;
  };
  /** Mutations per second over `items` in batches: bulk (clean batches) and per mutation (each sent twice in a row). */
  const measure = async (token: string, items: readonly string[], make: (item: string, n: number) => Mutation) => {
    const half = Math.floor(items.length / 2);
    const rate = async (slice: readonly string[], perMutation: boolean) => {
      let ms = 0;
      for (let offset = 0; offset < slice.length; offset += batch) {
        const mutations = slice.slice(offset, offset + batch).map((item, i) => make(item, offset + i));
        ms += await push(token, perMutation ? mutations.flatMap((m) => [m, m]) : mutations, perMutation);
      }
      return slice.length / (ms / 1000);
    };
    return { bulk: await rate(items.slice(0, half), false), perMutation: await rate(items.slice(half, 2 * half), true) };
  };

  const channels = ['email', 'sms', 'phone', 'whatsapp', 'post'];
  const consent = (customerId: string, n: number): Mutation => ({
    id: uuidV7(Date.now()), entity: 'consent', entityId: randomUUID(), op: n % 3 === 0 ? 'revoke' : 'grant',
    patch: { customerId, channel: channels[n % channels.length], source: 'call' }, clientTs: stamp('bench-consent'),
  });
  const consents = await measure(input.agentToken, input.customerIds, consent);

  const dispositions = ['sale', 'information_provided', 'no_answer'];
  const retag = (interactionId: string, n: number): Mutation => ({
    id: uuidV7(Date.now()), entity: 'outcome_tag', entityId: randomUUID(), op: 'insert',
    patch: { interactionId, disposition: dispositions[n % dispositions.length], firstContactResolution: n % 2 === 0, reason: 'bench review' },
    clientTs: stamp('bench-retag'),
  });
  const retags = await measure(input.leadToken, input.interactionIds, retag);

  return [
    { name: `${input.label}: push throughput, consent decisions (batches of ${batch})`, value: consents.bulk, unit: 'mutations/s', baseline: { name: 'same batches through the per-mutation handlers', value: consents.perMutation } },
    { name: `${input.label}: push throughput, outcome re-tags by a team lead (batches of ${batch})`, value: retags.bulk, unit: 'mutations/s', baseline: { name: 'same batches through the per-mutation handlers', value: retags.perMutation } },
  ];
}
