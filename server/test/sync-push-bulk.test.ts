/**
 * The fast path applies runs of new customers and interactions with one multi-row INSERT each
 * (server/src/sync/bulk.ts). These batches mix what bulk takes with what it must leave to the
 * per-mutation handlers, and check the results and rows are exactly what the handlers give.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, hlc, mutation, snapshotCounts, uuidv7, type TestApp } from './harness';
import { describeEachEngine } from './engines';

describeEachEngine('push: bulk runs', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine.db()); });
  afterAll(async () => { await t?.close(); });

  const base = Date.parse('2026-04-01T09:00:00Z');
  const call = (id: string, customerId: string | null, wrapup: Record<string, unknown> | null = null) => mutation('interaction', 'insert', id, {
    customerId, channel: 'call', direction: 'inbound', queue: 'general', remoteNumber: '+34600300300', line: 1,
    queuedAt: '2026-04-01T09:00:00Z', answeredAt: '2026-04-01T09:00:05Z', endedAt: '2026-04-01T09:03:00Z', holdSeconds: 0, transferTarget: null,
    ...(wrapup ? { wrapup: { emotionStart: null, emotionEnd: null, complaintTypeId: null, complaintId: null, notes: '', firstContactResolution: null, ...wrapup } } : {}),
  });

  it('inserts a run of new customers, treating a repeated record as an update and a repeated mutation id as a duplicate', async () => {
    const existing = uuidv7();
    await t.push(t.sessions.agent1, [mutation('customer', 'insert', existing, { displayName: 'Already Here' }, hlc(base))]);
    const fresh = Array.from({ length: 5 }, () => uuidv7());
    const repeatedMutation = mutation('customer', 'insert', fresh[4]!, { displayName: 'Five' }, hlc(base + 5));
    const batch = [
      mutation('customer', 'insert', fresh[0]!, { displayName: 'One', language: 'es' }, hlc(base + 1)),
      mutation('customer', 'insert', fresh[1]!, { displayName: 'Two' }, hlc(base + 2)),
      // An insert of a record that exists merges as an update (newer stamp wins).
      mutation('customer', 'insert', existing, { displayName: 'Renamed' }, hlc(base + 3)),
      // The same new record twice in the run: the second is an update of the first.
      mutation('customer', 'insert', fresh[0]!, { displayName: 'One (older)' }, hlc(base)),
      mutation('customer', 'insert', fresh[2]!, { displayName: 'Three', preferredChannel: 'email' }, hlc(base + 4)),
      repeatedMutation,
      repeatedMutation,
    ];
    const { status, body } = await t.push(t.sessions.agent1, batch);
    expect(status).toBe(200);
    expect(body.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied', 'conflict', 'applied', 'applied', 'duplicate']);
    expect(body.results[3]).toMatchObject({ current: { displayName: 'One', language: 'es' } });
    const rows = await t.db.kysely.selectFrom('customers').select(['id', 'display_name', 'preferred_channel', 'field_ts', 'rev'])
      .where('id', 'in', [existing, fresh[0]!, fresh[2]!, fresh[4]!]).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(existing)).toMatchObject({ display_name: 'Renamed', rev: 2 });
    expect(byId.get(fresh[0]!)).toMatchObject({ display_name: 'One', rev: 1, field_ts: { displayName: hlc(base + 1), language: hlc(base + 1) } });
    expect(byId.get(fresh[2]!)).toMatchObject({ preferred_channel: 'email' });
    expect(byId.get(fresh[4]!)).toMatchObject({ display_name: 'Five' });
    const recorded = await t.db.kysely.selectFrom('applied_mutations').select('id').where('id', 'in', batch.map((m) => m.id)).execute();
    expect(recorded).toHaveLength(6);
  });

  it('inserts a run of interactions with wrap-ups and leaves complaint links and bad ones to the handlers', async () => {
    const customer = uuidv7();
    const complaint = uuidv7();
    await t.push(t.sessions.agent1, [
      mutation('customer', 'insert', customer, { displayName: 'Bulk Caller' }),
      mutation('complaint', 'insert', complaint, { customerId: customer, typeId: 'damaged_item', description: 'Broken', interactionId: null }),
    ]);
    const ids = Array.from({ length: 6 }, () => uuidv7());
    const before = await snapshotCounts(t.db);
    const { body } = await t.push(t.sessions.agent2, [
      call(ids[0]!, customer),
      call(ids[1]!, null, { disposition: 'information_provided' }),
      call(ids[2]!, customer, { disposition: 'complaint_logged', complaintTypeId: 'damaged_item', complaintId: complaint, notes: 'Photo sent', emotionEnd: { emotion: 'angry', intensity: 2 } }),
      call(ids[3]!, uuidv7()),
      call(ids[4]!, customer, { disposition: 'complaint_logged', notes: 'missing type and emotion' }),
      call(ids[5]!, customer, { disposition: 'sale' }),
    ]);
    expect(body.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied', 'rejected', 'rejected', 'applied']);
    expect(body.results[3]).toMatchObject({ reason: 'not_found' });
    expect(body.results[4]).toMatchObject({ reason: 'invalid_patch' });
    const rows = await t.db.kysely.selectFrom('interactions').select(['id', 'agent_id', 'team_id', 'disposition', 'emotion_end', 'complaint_id'])
      .where('id', 'in', ids).execute();
    expect(rows).toHaveLength(4);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(ids[2]!)).toMatchObject({ agent_id: t.accounts.users.agent2, team_id: t.accounts.teams['Team A'], emotion_end: 'angry', complaint_id: complaint });
    expect(byId.get(ids[5]!)).toMatchObject({ disposition: 'sale' });
    const links = await t.db.kysely.selectFrom('complaint_interactions').select('interaction_id').where('complaint_id', '=', complaint).execute();
    expect(links.map((link) => link.interaction_id)).toEqual([ids[2]]);
    const after = await snapshotCounts(t.db);
    expect(after.interactions! - before.interactions!).toBe(4);
    expect(after.applied_mutations! - before.applied_mutations!).toBe(4);
  });

  it('in a batch that applies whole, links the complaint of one call in the run and bulk-inserts the others', async () => {
    const customer = uuidv7();
    const complaint = uuidv7();
    await t.push(t.sessions.agent1, [
      mutation('customer', 'insert', customer, { displayName: 'Linked Caller' }),
      mutation('complaint', 'insert', complaint, { customerId: customer, typeId: 'lost_parcel', description: 'Lost', interactionId: null }),
    ]);
    const ids = Array.from({ length: 4 }, () => uuidv7());
    const cursor = (await t.pull(t.sessions.agent1, '0', 5000)).body.cursor;
    const { body } = await t.push(t.sessions.agent1, [
      call(ids[0]!, customer, { disposition: 'resolved', firstContactResolution: true }),
      call(ids[1]!, customer, { disposition: 'complaint_logged', complaintTypeId: 'lost_parcel', complaintId: complaint, notes: 'Chased the carrier', emotionEnd: { emotion: 'anxious', intensity: 1 } }),
      call(ids[2]!, null),
      call(ids[3]!, customer, { disposition: 'escalated', notes: 'Supervisor', emotionEnd: { emotion: 'frustrated', intensity: 3 }, complaintTypeId: 'lost_parcel' }),
    ]);
    expect(body.results.map((result) => [result.status, 'rev' in result ? result.rev : null])).toEqual([['applied', 1], ['applied', 1], ['applied', 1], ['applied', 1]]);
    const rows = await t.db.kysely.selectFrom('interactions').select(['id', 'complaint_id', 'complaint_type_id', 'first_contact_resolution']).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(ids[0]!)).toMatchObject({ first_contact_resolution: true, complaint_id: null });
    expect(byId.get(ids[1]!)).toMatchObject({ complaint_id: complaint });
    expect(byId.get(ids[3]!)).toMatchObject({ complaint_type_id: 'lost_parcel' });
    // Every new call and the linked complaint reach the team's clients.
    const changed = (await t.pullAll(t.sessions.agent2, cursor)).map((change) => change.entityId);
    expect(changed).toEqual(expect.arrayContaining([...ids, complaint]));
  });

  it('inserts a run of complaints as the handler would, leaving missing customers, unknown types and repeats to it', async () => {
    const customer = uuidv7();
    const interaction = uuidv7();
    await t.push(t.sessions.agent1, [mutation('customer', 'insert', customer, { displayName: 'Complaining Carla' }), call(interaction, customer)]);
    const existing = uuidv7();
    await t.push(t.sessions.agent1, [mutation('complaint', 'insert', existing, { customerId: customer, typeId: 'lost_parcel', description: 'Lost', interactionId: null })]);
    const ids = Array.from({ length: 6 }, () => uuidv7());
    const stampMs = Date.now() - 60_000;
    const stamp = hlc(stampMs);
    const cursor = (await t.pull(t.sessions.agent1, '0', 5000)).body.cursor;
    const { body } = await t.push(t.sessions.agent2, [
      mutation('complaint', 'insert', ids[0]!, { customerId: customer, typeId: 'damaged_item', description: 'Broken', interactionId: null }, stamp),
      mutation('complaint', 'insert', ids[1]!, { customerId: customer, typeId: 'lost_parcel', description: 'Lost again', interactionId: interaction }, stamp),
      mutation('complaint', 'insert', ids[2]!, { customerId: uuidv7(), typeId: 'lost_parcel', description: 'Nobody', interactionId: null }, stamp),
      mutation('complaint', 'insert', ids[3]!, { customerId: customer, typeId: 'no_such_type', description: '?', interactionId: null }, stamp),
      mutation('complaint', 'insert', existing, { customerId: customer, typeId: 'lost_parcel', description: 'Again', interactionId: null }, stamp),
      mutation('complaint', 'insert', ids[5]!, { customerId: customer, typeId: 'billing_error', description: 'Charged twice', interactionId: null }, stamp),
    ]);
    expect(body.results.map((result) => result.status)).toEqual(['applied', 'applied', 'rejected', 'rejected', 'rejected', 'applied']);
    expect(body.results.slice(2, 5).map((result) => 'reason' in result && result.reason)).toEqual(['not_found', 'invalid_patch', 'immutable']);
    const rows = await t.db.kysely.selectFrom('complaints').selectAll().where('id', 'in', ids).execute();
    expect(rows).toHaveLength(3);
    const nodes = new Map((await t.db.kysely.selectFrom('taxonomy_nodes').select(['id', 'sla_hours']).execute()).map((node) => [node.id, node.sla_hours]));
    for (const row of rows) {
      expect(row).toMatchObject({ customer_id: customer, status: 'open', opened_by: t.accounts.users.agent2, taxonomy_version: 1, rev: 1 });
      // Opened when the agent logged it (the mutation's clock), due after the type's SLA.
      expect(row.opened_at.getTime()).toBe(stampMs);
      expect(row.sla_due_at.getTime() - row.opened_at.getTime()).toBe(nodes.get(row.type_id)! * 3_600_000);
    }
    const links = await t.db.kysely.selectFrom('complaint_interactions').select('complaint_id').where('interaction_id', '=', interaction).execute();
    expect(links.map((link) => link.complaint_id)).toEqual([ids[1]]);
    const changed = (await t.pullAll(t.sessions.agent3, cursor)).map((change) => change.entityId);
    expect(changed).toEqual(expect.arrayContaining([ids[0], ids[1], ids[5]]));
  });

  it('a clean run of 200 lands whole and a replay of it is all duplicates', async () => {
    const customer = uuidv7();
    await t.push(t.sessions.agent1, [mutation('customer', 'insert', customer, { displayName: 'Busy Line' })]);
    const batch = Array.from({ length: 200 }, (_, i) => (i % 2 ? call(uuidv7(), customer, { disposition: 'resolved', firstContactResolution: true }) : call(uuidv7(), customer)));
    const first = await t.push(t.sessions.agent1, batch);
    expect(first.body.results.every((result) => result.status === 'applied' && result.rev === 1)).toBe(true);
    const cursor = (await t.pull(t.sessions.agent2, '0', 5000)).body.cursor;
    const replay = await t.push(t.sessions.agent1, batch);
    expect(replay.body.results.every((result) => result.status === 'duplicate')).toBe(true);
    expect((await t.pull(t.sessions.agent2, cursor)).body.changes).toEqual([]);
    const count = await t.db.kysely.selectFrom('interactions').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', customer).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(200);
  });
});
