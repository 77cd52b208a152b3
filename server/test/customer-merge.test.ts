import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MergeCustomersResponse } from '@contract/admin';
import { duplicateConsentWins } from '../src/customers/merge';
import { createTestApp, hlc, mutation, snapshotCounts, uuidv7, type Session, type TestApp } from './harness';
import { describeEachEngine } from './engines';

describe('duplicateConsentWins', () => {
  it('keeps the newer decision and lets a revocation win a tie', () => {
    expect(duplicateConsentWins({ status: 'granted', stamp: 'b' }, { status: 'revoked', stamp: 'a' })).toBe(false);
    expect(duplicateConsentWins({ status: 'revoked', stamp: 'b' }, { status: 'granted', stamp: 'a' })).toBe(false);
    expect(duplicateConsentWins({ status: 'revoked', stamp: 'a' }, { status: 'granted', stamp: 'b' })).toBe(true);
    expect(duplicateConsentWins({ status: 'granted', stamp: 'a' }, { status: 'revoked', stamp: 'a' })).toBe(true);
    expect(duplicateConsentWins({ status: 'revoked', stamp: 'a' }, { status: 'granted', stamp: 'a' })).toBe(false);
  });
});

describeEachEngine('customer merge', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine.db()); });
  afterAll(async () => { await t?.close(); });

  const base = Date.parse('2026-03-01T10:00:00Z');
  const merge = (session: Session, payload: unknown) => t.app.inject({
    method: 'POST', url: '/api/customers/merge', headers: { authorization: `Bearer ${session.token}` }, payload: payload as Record<string, unknown>,
  });

  async function push(session: Session, mutations: ReturnType<typeof mutation>[]): Promise<void> {
    const { status, body } = await t.push(session, mutations);
    expect(status).toBe(200);
    for (const result of body.results) expect(result.status, JSON.stringify(result)).toBe('applied');
  }

  /** Two records of the same person, each with identities, consents and history. */
  async function duplicates() {
    const survivor = uuidv7();
    const duplicate = uuidv7();
    const interaction = uuidv7();
    const complaint = uuidv7();
    const item = uuidv7();
    // Value fields (loyalty, CLV) are admin-only.
    await push(t.sessions.admin, [mutation('customer', 'insert', survivor, { displayName: 'Lucía Pérez', loyaltyLevel: 'silver', clv: 100 }, hlc(base))]);
    await push(t.sessions.agent1, [
      mutation('customer', 'insert', duplicate, { displayName: 'Lucia Perez', language: 'es' }, hlc(base)),
      mutation('identity', 'add', uuidv7(), { customerId: survivor, kind: 'phone', value: '+34600100100' }, hlc(base + 1)),
      mutation('identity', 'add', uuidv7(), { customerId: duplicate, kind: 'phone', value: '+34600100100' }, hlc(base + 2)),
      mutation('identity', 'add', uuidv7(), { customerId: duplicate, kind: 'phone', value: '+34600200200' }, hlc(base + 3)),
      mutation('identity', 'add', uuidv7(), { customerId: duplicate, kind: 'email', value: 'lucia@example.com' }, hlc(base + 4)),
      // Survivor granted SMS after the duplicate's revocation: the later decision stands.
      mutation('consent', 'revoke', uuidv7(), { customerId: duplicate, channel: 'sms', source: 'call' }, hlc(base + 5)),
      mutation('consent', 'grant', uuidv7(), { customerId: survivor, channel: 'sms', source: 'web' }, hlc(base + 6)),
      // Email: the survivor's grant is older than the duplicate's revocation — the revocation wins.
      mutation('consent', 'grant', uuidv7(), { customerId: survivor, channel: 'email', source: 'web' }, hlc(base + 7)),
      mutation('consent', 'revoke', uuidv7(), { customerId: duplicate, channel: 'email', source: 'call' }, hlc(base + 8)),
      // WhatsApp exists only on the duplicate: it moves.
      mutation('consent', 'grant', uuidv7(), { customerId: duplicate, channel: 'whatsapp', source: 'call' }, hlc(base + 9)),
      mutation('interaction', 'insert', interaction, {
        customerId: duplicate, channel: 'call', direction: 'inbound', queue: 'general', remoteNumber: '+34600200200', line: 1,
        queuedAt: '2026-03-01T10:00:00Z', answeredAt: '2026-03-01T10:00:10Z', endedAt: '2026-03-01T10:04:00Z', holdSeconds: 0, transferTarget: null,
      }, hlc(base + 10)),
      mutation('complaint', 'insert', complaint, { customerId: duplicate, typeId: 'service_outage', description: 'No service', interactionId: interaction }, hlc(base + 11)),
      mutation('queue_item', 'insert', item, { kind: 'callback', customerId: duplicate, dueAt: '2026-03-02T09:00:00Z', note: 'call back', complaintId: complaint }, hlc(base + 12)),
    ]);
    return { survivor, duplicate, interaction, complaint, item };
  }

  it('moves identities, consents and history to the survivor and keeps the duplicate as a redirect', async () => {
    const ids = await duplicates();
    const cursor = (await t.pull(t.sessions.agent1, '0')).body.cursor;
    const response = await merge(t.sessions.lead1, { survivorId: ids.survivor, duplicateId: ids.duplicate, reason: 'same person, two phones' });
    expect(response.statusCode).toBe(200);
    const body = response.json<MergeCustomersResponse>();
    expect(body.moved).toEqual({ phones: 1, identities: 1, consents: 1, interactions: 1, complaints: 1, queueItems: 1, surveys: 0 });

    const db = t.db.kysely;
    const phones = await db.selectFrom('customer_phones').select(['customer_id', 'e164']).where('e164', 'in', ['+34600100100', '+34600200200']).orderBy('e164').execute();
    expect(phones).toEqual([{ customer_id: ids.survivor, e164: '+34600100100' }, { customer_id: ids.survivor, e164: '+34600200200' }]);
    const consents = await db.selectFrom('consents').select(['customer_id', 'channel', 'status']).where('customer_id', 'in', [ids.survivor, ids.duplicate]).orderBy('channel').execute();
    expect(consents).toEqual([
      { customer_id: ids.survivor, channel: 'email', status: 'revoked' },
      { customer_id: ids.survivor, channel: 'sms', status: 'granted' },
      { customer_id: ids.survivor, channel: 'whatsapp', status: 'granted' },
    ]);
    const events = await db.selectFrom('consent_events').select('customer_id').where('customer_id', 'in', [ids.survivor, ids.duplicate]).execute();
    expect(events.length).toBe(5);
    expect(new Set(events.map((event) => event.customer_id))).toEqual(new Set([ids.survivor]));
    for (const table of ['interactions', 'complaints', 'queue_items'] as const) {
      const rows = await db.selectFrom(table).select('customer_id').where('id', 'in', [ids.interaction, ids.complaint, ids.item]).execute();
      expect(rows.map((row) => row.customer_id)).toEqual([ids.survivor]);
    }
    const customers = await db.selectFrom('customers').select(['id', 'merged_into', 'language', 'loyalty_level']).where('id', 'in', [ids.survivor, ids.duplicate]).execute();
    expect(customers.find((c) => c.id === ids.duplicate)).toMatchObject({ merged_into: ids.survivor });
    expect(customers.find((c) => c.id === ids.survivor)).toMatchObject({ merged_into: null, language: 'es', loyalty_level: 'silver' });
    const record = await db.selectFrom('customer_merges').selectAll().where('merged_id', '=', ids.duplicate).executeTakeFirstOrThrow();
    expect(record).toMatchObject({ id: body.mergeId, survivor_id: ids.survivor, merged_by: t.accounts.users.lead1 });
    const snapshot = record.snapshot as { reason: string; identities: unknown[]; consents: unknown[]; customer: { displayName: string } };
    expect(snapshot).toMatchObject({ reason: 'same person, two phones', customer: { displayName: 'Lucia Perez' } });
    expect(snapshot.identities).toHaveLength(3);
    expect(snapshot.consents).toHaveLength(3);

    // Clients pull the result: the duplicate as a redirect, the moved rows with their new owner,
    // the duplicate's rows the survivor already had as tombstones.
    const changes = await t.pullAll(t.sessions.agent1, cursor);
    const byId = new Map(changes.map((change) => [change.entityId, change]));
    expect(byId.get(ids.duplicate)).toMatchObject({ op: 'upsert', data: { mergedInto: ids.survivor } });
    expect(byId.get(ids.survivor)).toMatchObject({ op: 'upsert', data: { language: 'es' } });
    expect(byId.get(ids.interaction)).toMatchObject({ data: { customerId: ids.survivor } });
    expect(byId.get(ids.complaint)).toMatchObject({ data: { customerId: ids.survivor } });
    expect(byId.get(ids.item)).toMatchObject({ data: { customerId: ids.survivor } });
    expect(changes.filter((change) => change.entity === 'identity' && change.op === 'delete')).toHaveLength(1);
    expect(changes.filter((change) => change.entity === 'consent' && change.op === 'delete')).toHaveLength(2);
    expect(Number(body.cursor)).toBe(Math.max(...changes.map((change) => Number(change.seq))));
    // Agent3 (team B) does not see team A's interaction or queue item move, but does see the customer.
    const otherTeam = await t.pullAll(t.sessions.agent3, cursor);
    expect(otherTeam.map((change) => change.entityId)).toContain(ids.duplicate);
    expect(otherTeam.map((change) => change.entityId)).not.toContain(ids.item);
  });

  it('refuses agents (403), unknown customers (404), repeats (409) and self-merges (400), changing nothing', async () => {
    const ids = await duplicates();
    const before = await snapshotCounts(t.db);
    const agent = await merge(t.sessions.agent1, { survivorId: ids.survivor, duplicateId: ids.duplicate });
    expect(agent.statusCode).toBe(403);
    expect((await merge(t.sessions.admin, { survivorId: ids.survivor, duplicateId: uuidv7() })).statusCode).toBe(404);
    expect((await merge(t.sessions.admin, { survivorId: ids.survivor, duplicateId: ids.survivor })).statusCode).toBe(400);
    expect((await merge(t.sessions.admin, { survivorId: 'nope', duplicateId: ids.survivor })).json().error.code).toBe('invalid_request');
    expect(await snapshotCounts(t.db)).toEqual(before);

    expect((await merge(t.sessions.admin, { survivorId: ids.survivor, duplicateId: ids.duplicate })).statusCode).toBe(200);
    const again = await merge(t.sessions.admin, { survivorId: ids.survivor, duplicateId: ids.duplicate });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_merged');
    const intoMerged = await merge(t.sessions.admin, { survivorId: ids.duplicate, duplicateId: ids.survivor });
    expect(intoMerged.json().error.code).toBe('survivor_merged');
  });

  it('redirects pushes written offline against the merged duplicate to the survivor', async () => {
    const ids = await duplicates();
    expect((await merge(t.sessions.lead1, { survivorId: ids.survivor, duplicateId: ids.duplicate })).statusCode).toBe(200);
    const interaction = uuidv7();
    const { body } = await t.push(t.sessions.agent1, [
      mutation('customer', 'update', ids.duplicate, { displayName: 'Lucía Pérez Gil' }),
      mutation('identity', 'add', uuidv7(), { customerId: ids.duplicate, kind: 'email', value: 'lucia.gil@example.com' }),
      mutation('interaction', 'insert', interaction, {
        customerId: ids.duplicate, channel: 'call', direction: 'outbound', queue: null, remoteNumber: '+34600200200', line: 1,
        queuedAt: null, answeredAt: '2026-03-03T10:00:00Z', endedAt: '2026-03-03T10:02:00Z', holdSeconds: 0, transferTarget: null,
      }),
    ]);
    expect(body.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied']);
    const db = t.db.kysely;
    expect((await db.selectFrom('customers').select('display_name').where('id', '=', ids.survivor).executeTakeFirstOrThrow()).display_name).toBe('Lucía Pérez Gil');
    expect((await db.selectFrom('customers').select('display_name').where('id', '=', ids.duplicate).executeTakeFirstOrThrow()).display_name).toBe('Lucia Perez');
    expect((await db.selectFrom('customer_identities').select('customer_id').where('value', '=', 'lucia.gil@example.com').executeTakeFirstOrThrow()).customer_id).toBe(ids.survivor);
    expect((await db.selectFrom('interactions').select('customer_id').where('id', '=', interaction).executeTakeFirstOrThrow()).customer_id).toBe(ids.survivor);
  });

  it('re-points earlier merges at the new survivor', async () => {
    const first = await duplicates();
    const second = await duplicates();
    expect((await merge(t.sessions.admin, { survivorId: first.survivor, duplicateId: first.duplicate })).statusCode).toBe(200);
    expect((await merge(t.sessions.admin, { survivorId: second.survivor, duplicateId: first.survivor })).statusCode).toBe(200);
    const rows = await t.db.kysely.selectFrom('customers').select(['id', 'merged_into']).where('id', 'in', [first.survivor, first.duplicate]).execute();
    expect(rows.map((row) => row.merged_into)).toEqual([second.survivor, second.survivor]);
    const interaction = await t.db.kysely.selectFrom('interactions').select('customer_id').where('id', '=', first.interaction).executeTakeFirstOrThrow();
    expect(interaction.customer_id).toBe(second.survivor);
  });
});
