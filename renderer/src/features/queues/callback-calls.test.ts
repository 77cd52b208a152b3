import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralitaDb, customerTimeline, normalizePhone, type CustomerRow, type InteractionRow } from '@features/sync';
import type { CallbackLink } from './callback-links';
import { callbackCallRows } from './callback-calls';
import { wrapupOutcome } from './callback-outcome';

const sameNumber = (a: string, b: string) => (normalizePhone(a) ?? a) === (normalizePhone(b) ?? b);
const SHARED = '+34600111222';
let db: CentralitaDb | null = null;

afterEach(async () => {
  db?.close();
  if (db) await db.delete();
  db = null;
});

const customer = (id: string, phones: string[]): CustomerRow =>
  ({ id, rev: 1, displayName: id, nameLower: id, phones, emails: [], customerNumbers: [] }) as unknown as CustomerRow;

const interaction = (id: string, customerId: string, fields: Record<string, unknown> = {}): InteractionRow => ({
  id, rev: 1, customerId, channel: 'call', direction: 'outbound', remoteNumber: SHARED, occurredAt: '2026-03-10T12:00:05.000Z', ...fields,
});

const link = (fields: Partial<CallbackLink> = {}): CallbackLink => ({
  itemId: 'item-1', customerId: 'cust-2-item', number: '+34 600 111 222', dialledAt: '2026-03-10T12:00:00.000Z', callId: 'call-1', interactionId: null, ...fields,
});

/** The item's customer and another customer with the same phone, which the phone index finds first. */
async function sharedLine(interactions: InteractionRow[]): Promise<CentralitaDb> {
  db = new CentralitaDb(`queues-callback-${Math.random().toString(36).slice(2)}`);
  await db.customers.bulkPut([customer('cust-1-owner', [SHARED]), customer('cust-2-item', [SHARED]), customer('cust-3-picked', ['+34911000000'])]);
  await db.interactions.bulkPut(interactions);
  return db;
}

describe('callbackCallRows: the wrap-up of a call dialled from an item, wherever it was recorded', () => {
  it("finds the call recorded on the number's owner when another customer shares the number", async () => {
    const store = await sharedLine([interaction('int-owner', 'cust-1-owner', { disposition: 'resolved' })]);
    // The item's own timeline alone never sees it: the item was left open for ever.
    expect(wrapupOutcome(link(), await customerTimeline(store, 'cust-2-item'), sameNumber)).toBeNull();
    expect(wrapupOutcome(link(), await callbackCallRows(store, link(), null), sameNumber)).toEqual({ interactionId: 'int-owner', disposition: 'resolved' });
  });

  it("finds the call's own record after the wrap-up moved it onto the customer picked on the card", async () => {
    const store = await sharedLine([interaction('int-moved', 'cust-3-picked', { disposition: 'sale' })]);
    expect(await callbackCallRows(store, link(), null)).toEqual([]);
    const rows = await callbackCallRows(store, link(), 'int-moved');
    expect(wrapupOutcome(link({ interactionId: 'int-moved' }), rows, sameNumber)).toEqual({ interactionId: 'int-moved', disposition: 'sale' });
  });

  it('puts the own record first, then every customer newest first, each row once', async () => {
    const store = await sharedLine([
      interaction('int-own', 'cust-2-item', { occurredAt: '2026-03-10T12:00:01.000Z' }),
      interaction('int-newer', 'cust-1-owner', { occurredAt: '2026-03-10T12:30:00.000Z' }),
      interaction('int-older', 'cust-2-item', { occurredAt: '2026-03-09T08:00:00.000Z' }),
    ]);
    const rows = await callbackCallRows(store, link({ interactionId: 'int-own' }), null);
    expect(rows.map((row) => row.id)).toEqual(['int-own', 'int-newer', 'int-older']);
  });
});
