import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from './engines';
import { createTestApp, hlc, mutation, uuidv7, type TestApp } from './harness';

describeEachEngine('complaint types from a retired taxonomy version', (engine) => {
  let t: TestApp;
  let retiredAt: number;
  let customer: string;
  const before = () => hlc(retiredAt - 10 * 60_000); // made offline while version 1 was in force
  const after = () => hlc(retiredAt + 5_000); // made after version 2 replaced it

  beforeAll(async () => {
    t = await createTestApp(engine.db());
    // Version 1 (the seeded tree, with damaged_item and billing_error) has been in force for an hour.
    await t.db.kysely.updateTable('taxonomy_versions').set({ published_at: new Date(Date.now() - 3_600_000) }).where('version', '=', 1).execute();
    const published = await t.app.inject({
      method: 'POST', url: '/api/admin/taxonomy', headers: { authorization: `Bearer ${t.sessions.admin.token}` },
      payload: { note: 'Delivery only', nodes: [{ id: 'delivery', labelEn: 'Delivery', labelEs: 'Entrega', slaHours: 72 }, { id: 'delivery_late', parentId: 'delivery', labelEn: 'Late', labelEs: 'Tarde', slaHours: 24 }] },
    });
    expect(published.statusCode).toBe(201);
    const v2 = await t.db.kysely.selectFrom('taxonomy_versions').select('published_at').where('version', '=', 2).executeTakeFirstOrThrow();
    retiredAt = v2.published_at.getTime();
    customer = uuidv7();
    expect((await t.push(t.sessions.agent1, [mutation('customer', 'insert', customer, { displayName: 'Offline Olga' }, hlc(retiredAt - 3_000_000))])).body.results[0]?.status).toBe('applied');
  });
  afterAll(async () => { await t?.close(); });

  const complaint = (typeId: string, stamp: string) => mutation('complaint', 'insert', uuidv7(), { customerId: customer, typeId, description: 'Broken', interactionId: null }, stamp);

  it('accepts a type that was in force when the change was made, and records that version', async () => {
    const offline = complaint('damaged_item', before());
    const current = complaint('delivery_late', after());
    const { body } = await t.push(t.sessions.agent1, [offline, current]);
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const rows = await t.db.kysely.selectFrom('complaints').select(['id', 'taxonomy_version']).where('id', 'in', [offline.entityId, current.entityId]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.taxonomy_version]))).toEqual({ [offline.entityId]: 1, [current.entityId]: 2 });
  });

  it('rejects, with the reason, a type retired before the change was made or one that never existed; later mutations still apply', async () => {
    const retired = complaint('damaged_item', after());
    const unknown = complaint('no_such_type', before());
    const fine = complaint('delivery', after());
    const { status, body } = await t.push(t.sessions.agent1, [retired, unknown, fine]);
    expect(status).toBe(200);
    expect(body.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid_patch' });
    expect(body.results[0]).toHaveProperty('message', expect.stringMatching(/damaged_item was retired on .* before this change was made/));
    expect(body.results[1]).toMatchObject({ status: 'rejected', reason: 'invalid_patch', message: expect.stringContaining('unknown complaint type no_such_type') });
    expect(body.results[2]).toMatchObject({ status: 'applied' });
    expect(await t.db.kysely.selectFrom('complaints').select('id').where('id', 'in', [retired.entityId, unknown.entityId]).execute()).toEqual([]);
  });

  it('applies the same rule to calls with a wrap-up on the bulk path and to re-tags', async () => {
    const call = (typeId: string, stamp: string) => mutation('interaction', 'insert', uuidv7(), {
      customerId: customer, channel: 'call', direction: 'inbound', queue: 'general', remoteNumber: '+34600300300', line: 1,
      queuedAt: '2026-04-01T09:00:00Z', answeredAt: '2026-04-01T09:00:05Z', endedAt: '2026-04-01T09:03:00Z', holdSeconds: 0, transferTarget: null,
      wrapup: { disposition: 'resolved', emotionStart: null, emotionEnd: null, complaintTypeId: typeId, complaintId: null, notes: '', firstContactResolution: true },
    }, stamp);
    const calls = [call('billing_error', before()), call('billing_error', after()), call('delivery_late', after()), call('billing_error', before())];
    const { body } = await t.push(t.sessions.agent1, calls);
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied', 'applied']);
    expect(body.results[1]).toMatchObject({ reason: 'invalid_patch', message: expect.stringContaining('billing_error was retired') });

    const retag = (typeId: string, stamp: string) => mutation('outcome_tag', 'insert', uuidv7(), { interactionId: calls[0]!.entityId, complaintTypeId: typeId, reason: 'listened to the call' }, stamp);
    const retags = await t.push(t.sessions.lead1, [retag('damaged_item', after()), retag('damaged_item', before())]);
    expect(retags.body.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
  });
});
