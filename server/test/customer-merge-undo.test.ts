import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MergeCustomersResponse, UndoMergeResponse } from '@contract/admin';
import { describeEachEngine } from './engines';
import { createTestApp, hlc, mutation, uuidv7, type Session, type TestApp } from './harness';

describeEachEngine('customer merge undo', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine.db()); });
  afterAll(async () => { await t?.close(); });

  const base = Date.parse('2026-05-01T10:00:00Z');
  const post = (session: Session, url: string, payload: unknown) => t.app.inject({
    method: 'POST', url, headers: { authorization: `Bearer ${session.token}` }, payload: payload as Record<string, unknown>,
  });

  async function push(session: Session, mutations: ReturnType<typeof mutation>[]): Promise<void> {
    const { body } = await t.push(session, mutations);
    for (const result of body.results) expect(result.status, JSON.stringify(result)).toBe('applied');
  }

  /** Two records of one person, each with identities (one shared value), consents (one decided on both) and history. */
  async function duplicates(phone: number) {
    const ids = { survivor: uuidv7(), duplicate: uuidv7(), interaction: uuidv7(), complaint: uuidv7(), item: uuidv7() };
    await push(t.sessions.admin, [mutation('customer', 'insert', ids.survivor, { displayName: 'Ana Gil', loyaltyLevel: 'bronze', clv: 10 }, hlc(base))]);
    await push(t.sessions.admin, [mutation('customer', 'insert', ids.duplicate, { displayName: 'Ana Gil R.', language: 'es', loyaltyLevel: 'gold', clv: 500 }, hlc(base))]);
    await push(t.sessions.agent1, [
      mutation('identity', 'add', uuidv7(), { customerId: ids.survivor, kind: 'phone', value: `+3460${phone}0001` }, hlc(base + 1)),
      mutation('identity', 'add', uuidv7(), { customerId: ids.duplicate, kind: 'phone', value: `+3460${phone}0001` }, hlc(base + 2)),
      mutation('identity', 'add', uuidv7(), { customerId: ids.duplicate, kind: 'phone', value: `+3460${phone}0002` }, hlc(base + 3)),
      mutation('identity', 'add', uuidv7(), { customerId: ids.duplicate, kind: 'email', value: `ana${phone}@example.com` }, hlc(base + 4)),
      // Email decided on both: the duplicate's later revocation overwrites the survivor's grant at merge.
      mutation('consent', 'grant', uuidv7(), { customerId: ids.survivor, channel: 'email', source: 'web' }, hlc(base + 5)),
      mutation('consent', 'revoke', uuidv7(), { customerId: ids.duplicate, channel: 'email', source: 'call' }, hlc(base + 6)),
      mutation('consent', 'grant', uuidv7(), { customerId: ids.duplicate, channel: 'whatsapp', source: 'call' }, hlc(base + 7)),
      mutation('interaction', 'insert', ids.interaction, {
        customerId: ids.duplicate, channel: 'call', direction: 'inbound', queue: 'general', remoteNumber: `+3460${phone}0002`, line: 1,
        queuedAt: '2026-05-01T10:00:00Z', answeredAt: '2026-05-01T10:00:10Z', endedAt: '2026-05-01T10:04:00Z', holdSeconds: 0, transferTarget: null,
      }, hlc(base + 8)),
      mutation('complaint', 'insert', ids.complaint, { customerId: ids.duplicate, typeId: 'service_outage', description: 'No service', interactionId: ids.interaction }, hlc(base + 9)),
      mutation('queue_item', 'insert', ids.item, { kind: 'callback', customerId: ids.duplicate, dueAt: '2026-05-02T09:00:00Z', note: 'call back', complaintId: ids.complaint }, hlc(base + 10)),
    ]);
    return ids;
  }

  /** Who owns what, as a merge and its undo change it. */
  async function state(ids: { survivor: string; duplicate: string; interaction: string; complaint: string; item: string }) {
    const db = t.db.kysely;
    const owners = [ids.survivor, ids.duplicate];
    return {
      customers: await db.selectFrom('customers').select(['id', 'merged_into', 'language', 'loyalty_level', 'clv']).where('id', 'in', owners).orderBy('id').execute(),
      phones: await db.selectFrom('customer_phones').select(['id', 'customer_id', 'e164']).where('customer_id', 'in', owners).orderBy('id').execute(),
      identities: await db.selectFrom('customer_identities').select(['id', 'customer_id', 'kind', 'value']).where('customer_id', 'in', owners).orderBy('id').execute(),
      consents: await db.selectFrom('consents').select(['id', 'customer_id', 'channel', 'status', 'stamp']).where('customer_id', 'in', owners).orderBy('id').execute(),
      events: await db.selectFrom('consent_events').select(['id', 'customer_id']).where('customer_id', 'in', owners).orderBy('id').execute(),
      interactions: await db.selectFrom('interactions').select(['id', 'customer_id']).where('id', '=', ids.interaction).execute(),
      complaints: await db.selectFrom('complaints').select(['id', 'customer_id']).where('id', '=', ids.complaint).execute(),
      items: await db.selectFrom('queue_items').select(['id', 'customer_id']).where('id', '=', ids.item).execute(),
    };
  }

  it('puts back identities, consents and history; keeps what came after the merge; the audit keeps both events; clients pull it', async () => {
    const ids = await duplicates(11);
    const before = await state(ids);
    const merged = (await post(t.sessions.lead1, '/api/customers/merge', { survivorId: ids.survivor, duplicateId: ids.duplicate, reason: 'same person' })).json<MergeCustomersResponse>();
    expect((await state(ids)).interactions[0]?.customer_id).toBe(ids.survivor);
    // After the merge the person calls again, on the survivor.
    const later = uuidv7();
    await push(t.sessions.agent1, [mutation('interaction', 'insert', later, {
      customerId: ids.survivor, channel: 'call', direction: 'inbound', queue: 'general', remoteNumber: '+34601100001', line: 1,
      queuedAt: '2026-05-03T10:00:00Z', answeredAt: '2026-05-03T10:00:10Z', endedAt: '2026-05-03T10:04:00Z', holdSeconds: 0, transferTarget: null,
    }, hlc(base + 100))]);
    const cursor = (await t.pull(t.sessions.agent1, '0')).body.cursor;

    expect((await post(t.sessions.lead1, `/api/customers/merges/${merged.mergeId}/undo`, { reason: 'not the same' })).statusCode).toBe(403);
    const undone = await post(t.sessions.admin, `/api/customers/merges/${merged.mergeId}/undo`, { reason: 'two different people' });
    expect(undone.statusCode).toBe(200);
    const body = undone.json<UndoMergeResponse>();
    // Phones: one moved back, one (the shared number) restored; email moved back; consents: whatsapp moved back,
    // the duplicate's email revocation restored, the survivor's email grant restored.
    expect(body.restored).toEqual({ identities: 3, consents: 3, interactions: 1, complaints: 1, queueItems: 1, surveys: 0 });

    expect(await state(ids)).toEqual(before);
    const stays = await t.db.kysely.selectFrom('interactions').select('customer_id').where('id', '=', later).executeTakeFirstOrThrow();
    expect(stays.customer_id).toBe(ids.survivor);
    const audit = await t.db.kysely.selectFrom('customer_merges').selectAll().where('id', '=', merged.mergeId).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ merged_by: t.accounts.users.lead1, undone_by: t.accounts.users.admin, undo_reason: 'two different people' });
    expect(audit.merged_at).toBeInstanceOf(Date);
    expect(audit.undone_at).toBeInstanceOf(Date);

    const changes = await t.pullAll(t.sessions.agent1, cursor);
    const byId = new Map(changes.map((change) => [change.entityId, change]));
    expect(byId.get(ids.duplicate)).toMatchObject({ op: 'upsert', data: { mergedInto: null } });
    for (const id of [ids.interaction, ids.complaint, ids.item]) expect(byId.get(id)).toMatchObject({ op: 'upsert', data: { customerId: ids.duplicate } });
    for (const phone of before.phones.filter((p) => p.customer_id === ids.duplicate)) expect(byId.get(phone.id)).toMatchObject({ op: 'upsert', data: { customerId: phone.customer_id } });
    for (const consent of before.consents) expect(byId.get(consent.id)).toMatchObject({ op: 'upsert', data: { customerId: consent.customer_id, status: consent.status } });
    expect(Number(body.cursor)).toBe(Math.max(...changes.map((change) => Number(change.seq))));

    // Undone once only; the two records can be merged again.
    expect((await post(t.sessions.admin, `/api/customers/merges/${merged.mergeId}/undo`, {})).json().error.code).toBe('already_undone');
    expect((await post(t.sessions.admin, `/api/customers/merges/${uuidv7()}/undo`, {})).statusCode).toBe(404);
    expect((await post(t.sessions.admin, '/api/customers/merge', { survivorId: ids.survivor, duplicateId: ids.duplicate, reason: 'after all' })).statusCode).toBe(200);
  });

  it('leaves a consent decided again after the merge as it is', async () => {
    const ids = await duplicates(22);
    const merged = (await post(t.sessions.admin, '/api/customers/merge', { survivorId: ids.survivor, duplicateId: ids.duplicate })).json<MergeCustomersResponse>();
    // The customer re-grants email on the survivor after the merge: that decision is theirs and stands.
    await push(t.sessions.agent1, [mutation('consent', 'grant', uuidv7(), { customerId: ids.survivor, channel: 'email', source: 'web' }, hlc(base + 200))]);
    expect((await post(t.sessions.admin, `/api/customers/merges/${merged.mergeId}/undo`, {})).statusCode).toBe(200);
    const consents = await t.db.kysely.selectFrom('consents').select(['customer_id', 'channel', 'status', 'stamp']).where('customer_id', 'in', [ids.survivor, ids.duplicate]).orderBy('channel').execute();
    expect(consents.filter((c) => c.channel === 'email')).toEqual(expect.arrayContaining([
      { customer_id: ids.survivor, channel: 'email', status: 'granted', stamp: hlc(base + 200) },
      { customer_id: ids.duplicate, channel: 'email', status: 'revoked', stamp: hlc(base + 6) },
    ]));
  });
});
