/**
 * Seeds, through the backend's own sync API, a customer whose history reaches further back than
 * the agent's download keeps (the snapshot holds the last SNAPSHOT_INTERACTION_DAYS days): pushed
 * before the agent signs in, the older calls are then only on the server.
 */
import { randomBytes } from 'node:crypto';
import { formatHlc } from '../../contract/src/hlc';
import { pushResponseSchema } from '../../contract/src/sync';
import { SNAPSHOT_INTERACTION_DAYS } from '../../contract/src/snapshot';
import { apiLogin } from '../sync/lab';

const DAY = 86_400_000;

function uuidv7(): string {
  const hex = Date.now().toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface SeededHistory {
  customerId: string;
  /** Newest first, as the card must show them. */
  notes: string[];
}

/**
 * `recent` calls inside the download window (days 1…recent) and `older` calls before it (one a
 * day from the window's edge + 10 days on), each with notes naming it, all handled by `username`.
 */
export async function seedCustomerWithHistory(
  baseUrl: string, username: string, customer: { name: string; phone: string; recent: number; older: number },
): Promise<SeededHistory> {
  const { token } = await apiLogin(baseUrl, username);
  const customerId = uuidv7();
  let counter = 0;
  const stamp = () => formatHlc({ wallMs: Date.now(), counter: (counter += 1), node: 'e2eHistorySeed' });
  const calls = [
    ...Array.from({ length: customer.recent }, (_, index) => ({ days: index + 1, notes: `Recent call ${index + 1}` })),
    ...Array.from({ length: customer.older }, (_, index) => ({ days: SNAPSHOT_INTERACTION_DAYS + 10 + index, notes: `Older call ${String(index + 1).padStart(2, '0')}` })),
  ];
  const now = Date.now();
  const mutations = [
    { id: uuidv7(), entity: 'customer', entityId: customerId, op: 'insert', clientTs: stamp(), patch: { displayName: customer.name } },
    { id: uuidv7(), entity: 'identity', entityId: uuidv7(), op: 'add', clientTs: stamp(), patch: { customerId, kind: 'phone', value: customer.phone } },
    ...calls.map(({ days, notes }) => {
      const answeredAt = new Date(now - days * DAY);
      return {
        id: uuidv7(), entity: 'interaction', entityId: uuidv7(), op: 'insert', clientTs: stamp(),
        patch: {
          customerId, channel: 'call', direction: 'inbound', queue: null, remoteNumber: customer.phone, line: null,
          queuedAt: new Date(answeredAt.getTime() - 20_000).toISOString(), answeredAt: answeredAt.toISOString(),
          endedAt: new Date(answeredAt.getTime() + 180_000).toISOString(), holdSeconds: 0, transferTarget: null,
          wrapup: {
            disposition: 'information_provided', emotionStart: null, emotionEnd: null, complaintTypeId: null, complaintId: null,
            notes, firstContactResolution: true,
          },
        },
      };
    }),
  ];
  const response = await fetch(`${baseUrl}/api/sync/push`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientId: 'e2eHistorySeed', mutations }),
  });
  if (!response.ok) throw new Error(`seed push: HTTP ${response.status} ${await response.text()}`);
  const refused = pushResponseSchema.parse(await response.json()).results.filter((result) => result.status !== 'applied');
  if (refused.length > 0) throw new Error(`seed push refused: ${JSON.stringify(refused.slice(0, 3))}`);
  return { customerId, notes: calls.map((call) => call.notes) };
}
