import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, hlc, mutation, uuidv7, type TestApp } from './harness';
import { describeEachEngine } from './engines';

describeEachEngine('sync push', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine.db()); });
  afterAll(async () => { await t?.close(); });

  async function newCustomer(name = 'Lucía Pérez'): Promise<string> {
    const id = uuidv7();
    const { status, body } = await t.push(t.sessions.agent1, [mutation('customer', 'insert', id, { displayName: name })]);
    expect(status).toBe(200);
    expect(body.results[0]).toMatchObject({ status: 'applied', rev: 1 });
    return id;
  }

  async function headCursor(): Promise<string> {
    return String((await t.db.kysely.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow()).last_seq);
  }

  async function newInteraction(session = t.sessions.agent1, customerId: string | null = null): Promise<string> {
    const id = uuidv7();
    const { body } = await t.push(session, [mutation('interaction', 'insert', id, {
      customerId, channel: 'call', direction: 'inbound', queue: 'general', remoteNumber: '+34600111222', line: 1,
      queuedAt: '2026-01-05T10:00:00Z', answeredAt: '2026-01-05T10:00:20Z', endedAt: '2026-01-05T10:05:00Z', holdSeconds: 0, transferTarget: null,
    })]);
    expect(body.results[0]).toMatchObject({ status: 'applied' });
    return id;
  }

  describe('idempotency', () => {
    it('applies the same batch once when it is pushed twice', async () => {
      const customerId = uuidv7();
      const batch = [
        mutation('customer', 'insert', customerId, { displayName: 'Marta Gil' }),
        mutation('identity', 'add', uuidv7(), { customerId, kind: 'phone', value: '+34911222333' }),
        mutation('consent', 'grant', uuidv7(), { customerId, channel: 'sms', source: 'call' }),
      ];
      const first = await t.push(t.sessions.agent1, batch);
      expect(first.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      const second = await t.push(t.sessions.agent1, batch);
      expect(second.status).toBe(200);
      expect(second.body.results).toEqual(first.body.results.map((r) => ({ id: r.id, status: 'duplicate', rev: 'rev' in r ? r.rev : 0 })));

      const phones = await t.db.kysely.selectFrom('customer_phones').select('e164').where('customer_id', '=', customerId).execute();
      expect(phones).toEqual([{ e164: '+34911222333' }]);
      const events = await t.db.kysely.selectFrom('consent_events').select('id').where('customer_id', '=', customerId).execute();
      expect(events).toHaveLength(1);
      const recorded = await t.db.kysely.selectFrom('applied_mutations').select('id').where('id', 'in', batch.map((m) => m.id)).execute();
      expect(recorded).toHaveLength(3);
    });

    it('treats a repeated mutation id inside one batch as a duplicate', async () => {
      const customerId = uuidv7();
      const insert = mutation('customer', 'insert', customerId, { displayName: 'Twice' });
      const { body } = await t.push(t.sessions.agent1, [insert, insert]);
      expect(body.results.map((r) => r.status)).toEqual(['applied', 'duplicate']);
    });

    it('applies each mutation once when the same batch is pushed concurrently', async () => {
      const customerId = await newCustomer();
      const batch = Array.from({ length: 5 }, (_, i) => mutation('identity', 'add', uuidv7(), { customerId, kind: 'email', value: `c${i}@example.com` }));
      const replies = await Promise.all(Array.from({ length: 4 }, () => t.push(t.sessions.agent1, batch)));
      for (const reply of replies) expect(reply.status).toBe(200);
      const statuses = replies.flatMap((reply) => reply.body.results.map((r) => r.status));
      expect(statuses.filter((s) => s === 'applied')).toHaveLength(5);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(15);
      const emails = await t.db.kysely.selectFrom('customer_identities').select('value').where('customer_id', '=', customerId).execute();
      expect(emails).toHaveLength(5);
    });
  });

  describe('customers: last writer wins per field', () => {
    it('keeps both edits when two agents change different fields', async () => {
      const id = await newCustomer();
      const fromAgent1 = await t.push(t.sessions.agent1, [mutation('customer', 'update', id, { language: 'es-ES' }, hlc(Date.now() + 1000, 'a1'))]);
      const fromAgent3 = await t.push(t.sessions.agent3, [mutation('customer', 'update', id, { preferredChannel: 'email' }, hlc(Date.now() + 500, 'a3'))]);
      expect(fromAgent1.body.results[0]!.status).toBe('applied');
      expect(fromAgent3.body.results[0]!.status).toBe('applied');
      const row = await t.db.kysely.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ language: 'es-ES', preferred_channel: 'email', display_name: 'Lucía Pérez', rev: 3 });
    });

    it('lets the later clock win on the same field, whatever the arrival order', async () => {
      const id = await newCustomer();
      const base = Date.now() + 10_000;
      const later = await t.push(t.sessions.agent1, [mutation('customer', 'update', id, { displayName: 'Later Name' }, hlc(base + 2, 'a1'))]);
      expect(later.body.results[0]!.status).toBe('applied');
      const earlier = await t.push(t.sessions.agent2, [mutation('customer', 'update', id, { displayName: 'Earlier Name' }, hlc(base + 1, 'a2'))]);
      const result = earlier.body.results[0]!;
      expect(result.status).toBe('conflict');
      expect(result.status === 'conflict' && result.current.displayName).toBe('Later Name');
      const row = await t.db.kysely.selectFrom('customers').select('display_name').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.display_name).toBe('Later Name');
    });

    it('rejects an update of an unknown customer without blocking the next mutation', async () => {
      const id = await newCustomer();
      const { status, body } = await t.push(t.sessions.agent1, [
        mutation('customer', 'update', uuidv7(), { displayName: 'Ghost' }),
        mutation('customer', 'update', id, { displayName: 'Still Applied' }),
      ]);
      expect(status).toBe(200);
      expect(body.results[0]).toMatchObject({ status: 'rejected', reason: 'not_found' });
      expect(body.results[1]).toMatchObject({ status: 'applied', rev: 2 });
    });

    it('lets an admin write value fields', async () => {
      const id = await newCustomer();
      const { body } = await t.push(t.sessions.admin, [mutation('customer', 'update', id, { loyaltyLevel: 'gold', clv: 1234.5, influencer: true, influencerReach: 50_000 })]);
      expect(body.results[0]!.status).toBe('applied');
      const row = await t.db.kysely.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ loyalty_level: 'gold', clv: '1234.50', influencer: true, influencer_reach: 50_000 });
    });
  });

  describe('identity sets', () => {
    it('adds and removes values; an older add never resurrects a later removal', async () => {
      const customerId = await newCustomer();
      const base = Date.now() + 20_000;
      const phone = { customerId, kind: 'phone', value: '+5215512345678' };
      const added = await t.push(t.sessions.agent1, [mutation('identity', 'add', uuidv7(), phone, hlc(base + 1))]);
      expect(added.body.results[0]!.status).toBe('applied');
      await t.push(t.sessions.agent2, [mutation('identity', 'remove', uuidv7(), phone, hlc(base + 3))]);
      await t.push(t.sessions.agent3, [mutation('identity', 'add', uuidv7(), phone, hlc(base + 2))]);
      const phones = await t.db.kysely.selectFrom('customer_phones').select('e164').where('customer_id', '=', customerId).execute();
      expect(phones).toEqual([]);
      await t.push(t.sessions.agent3, [mutation('identity', 'add', uuidv7(), phone, hlc(base + 4))]);
      const again = await t.db.kysely.selectFrom('customer_phones').select('e164').where('customer_id', '=', customerId).execute();
      expect(again).toEqual([{ e164: '+5215512345678' }]);
    });

    it('an add that creates no row under its own id sends a tombstone for that id, so its sender drops the local copy', async () => {
      const customerId = await newCustomer();
      const base = Date.now() + 25_000;
      const phone = { customerId, kind: 'phone', value: '+34911000111' };
      const first = uuidv7();
      await t.push(t.sessions.agent1, [mutation('identity', 'add', first, phone, hlc(base + 1))]);
      const before = await headCursor();
      // Another agent added the same phone offline: already a member under `first`.
      const second = uuidv7();
      const again = await t.push(t.sessions.agent2, [mutation('identity', 'add', second, phone, hlc(base + 2))]);
      expect(again.body.results[0]).toMatchObject({ status: 'applied' });
      // A third add loses to a later-stamped remove: no member at all.
      await t.push(t.sessions.agent1, [mutation('identity', 'remove', uuidv7(), phone, hlc(base + 5))]);
      const lost = uuidv7();
      await t.push(t.sessions.agent3, [mutation('identity', 'add', lost, phone, hlc(base + 4))]);

      const changes = await t.pullAll(t.sessions.agent2, before);
      const identityChanges = changes.filter((change) => change.entity === 'identity').map((change) => [change.entityId, change.op]);
      expect(identityChanges).toEqual(expect.arrayContaining([[second, 'delete'], [lost, 'delete'], [first, 'delete']]));
      expect(identityChanges).toHaveLength(3);
      const phones = await t.db.kysely.selectFrom('customer_phones').select('e164').where('customer_id', '=', customerId).execute();
      expect(phones).toEqual([]);
    });

    it('re-adding a value under the id that already holds it sends no tombstone', async () => {
      const customerId = await newCustomer();
      const base = Date.now() + 26_000;
      const phone = { customerId, kind: 'phone', value: '+34911000222' };
      const id = uuidv7();
      await t.push(t.sessions.agent1, [mutation('identity', 'add', id, phone, hlc(base + 1))]);
      const before = await headCursor();
      await t.push(t.sessions.agent1, [mutation('identity', 'add', id, phone, hlc(base + 2))]);
      const changes = await t.pullAll(t.sessions.agent1, before);
      expect(changes.filter((change) => change.entity === 'identity' && change.op === 'delete')).toEqual([]);
      const phones = await t.db.kysely.selectFrom('customer_phones').select('id').where('customer_id', '=', customerId).execute();
      expect(phones).toEqual([{ id }]);
    });

    it('normalises emails and keeps one value per customer', async () => {
      const customerId = await newCustomer();
      await t.push(t.sessions.agent1, [
        mutation('identity', 'add', uuidv7(), { customerId, kind: 'email', value: 'Ana@Example.COM' }),
        mutation('identity', 'add', uuidv7(), { customerId, kind: 'email', value: 'ana@example.com' }),
      ]);
      const emails = await t.db.kysely.selectFrom('customer_identities').select('value').where('customer_id', '=', customerId).execute();
      expect(emails).toEqual([{ value: 'ana@example.com' }]);
    });
  });

  describe('consents', () => {
    it('never re-grants with a grant stamped before the revocation', async () => {
      const customerId = await newCustomer();
      const base = Date.now() + 30_000;
      const consent = { customerId, channel: 'whatsapp', source: 'call' };
      await t.push(t.sessions.agent1, [mutation('consent', 'grant', uuidv7(), consent, hlc(base + 1))]);
      const revoked = await t.push(t.sessions.agent2, [mutation('consent', 'revoke', uuidv7(), consent, hlc(base + 5))]);
      expect(revoked.body.results[0]!.status).toBe('applied');
      const lateGrant = await t.push(t.sessions.agent3, [mutation('consent', 'grant', uuidv7(), consent, hlc(base + 3))]);
      const result = lateGrant.body.results[0]!;
      expect(result.status).toBe('conflict');
      expect(result.status === 'conflict' && result.current.status).toBe('revoked');
      const row = await t.db.kysely.selectFrom('consents').selectAll().where('customer_id', '=', customerId).executeTakeFirstOrThrow();
      expect(row.status).toBe('revoked');
      const events = await t.db.kysely.selectFrom('consent_events').select(['status', 'effective']).where('customer_id', '=', customerId).orderBy('id').execute();
      expect(events).toEqual([{ status: 'granted', effective: true }, { status: 'revoked', effective: true }, { status: 'granted', effective: false }]);
    });

    it('re-grants when the customer consents again after the revocation', async () => {
      const customerId = await newCustomer();
      const base = Date.now() + 40_000;
      const consent = { customerId, channel: 'email', source: 'web' };
      await t.push(t.sessions.agent1, [mutation('consent', 'revoke', uuidv7(), consent, hlc(base + 1))]);
      const grant = await t.push(t.sessions.agent1, [mutation('consent', 'grant', uuidv7(), consent, hlc(base + 2))]);
      expect(grant.body.results[0]).toMatchObject({ status: 'applied', rev: 2 });
      const row = await t.db.kysely.selectFrom('consents').select('status').where('customer_id', '=', customerId).executeTakeFirstOrThrow();
      expect(row.status).toBe('granted');
    });
  });

  describe('interactions and re-tags', () => {
    it('records the pushing agent and team, and sets the wrap-up only once', async () => {
      const customerId = await newCustomer();
      const id = await newInteraction(t.sessions.agent1, customerId);
      const wrapup = { disposition: 'resolved', emotionStart: { emotion: 'anxious', intensity: 2 }, emotionEnd: { emotion: 'calm', intensity: 1 }, complaintTypeId: null, complaintId: null, notes: 'ok', firstContactResolution: true };
      const first = await t.push(t.sessions.agent1, [mutation('interaction', 'wrapup', id, wrapup)]);
      expect(first.body.results[0]).toMatchObject({ status: 'applied', rev: 2 });
      const second = await t.push(t.sessions.agent1, [mutation('interaction', 'wrapup', id, { ...wrapup, notes: 'changed' })]);
      expect(second.body.results[0]).toMatchObject({ status: 'rejected', reason: 'immutable' });
      const row = await t.db.kysely.selectFrom('interactions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ agent_id: t.accounts.users.agent1, team_id: t.accounts.teams['Team A'], notes: 'ok', emotion_start: 'anxious', emotion_end: 'calm', disposition: 'resolved' });
      const reinsert = await t.push(t.sessions.agent1, [mutation('interaction', 'insert', id, { customerId, channel: 'call', direction: 'inbound', queue: null, remoteNumber: null, line: null, queuedAt: null, answeredAt: null, endedAt: null, transferTarget: null })]);
      expect(reinsert.body.results[0]).toMatchObject({ status: 'rejected', reason: 'immutable' });
    });

    it('ends a call recorded while it was up: once, and only by its agent', async () => {
      const id = uuidv7();
      const started = await t.push(t.sessions.agent1, [mutation('interaction', 'insert', id, {
        customerId: null, channel: 'call', direction: 'inbound', queue: 'ventas', remoteNumber: '2001', line: 1,
        queuedAt: '2026-01-05T10:00:00Z', answeredAt: '2026-01-05T10:00:20Z', endedAt: null, holdSeconds: 0, transferTarget: null,
      })]);
      expect(started.body.results[0]).toMatchObject({ status: 'applied', rev: 1 });
      const end = { answeredAt: '2026-01-05T10:00:20Z', endedAt: '2026-01-05T10:07:00Z', holdSeconds: 42, transferTarget: '1002' };
      const byOther = await t.push(t.sessions.agent2, [mutation('interaction', 'end', id, end)]);
      expect(byOther.status).toBe(403);
      const ended = await t.push(t.sessions.agent1, [mutation('interaction', 'end', id, end)]);
      expect(ended.body.results[0]).toMatchObject({ status: 'applied', rev: 2 });
      const again = await t.push(t.sessions.agent1, [mutation('interaction', 'end', id, { ...end, endedAt: '2026-01-05T11:00:00Z' })]);
      expect(again.body.results[0]).toMatchObject({ status: 'rejected', reason: 'immutable' });
      const row = await t.db.kysely.selectFrom('interactions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ queue: 'ventas', hold_seconds: 42, transfer_target: '1002', agent_id: t.accounts.users.agent1 });
      expect(new Date(row.ended_at as unknown as string).toISOString()).toBe('2026-01-05T10:07:00.000Z');
    });

    it('rejects a wrap-up missing the fields its disposition requires, and one by another agent', async () => {
      const id = await newInteraction();
      const missing = await t.push(t.sessions.agent1, [mutation('interaction', 'wrapup', id, { disposition: 'complaint_logged', emotionStart: null, emotionEnd: null, complaintTypeId: null, complaintId: null, notes: '', firstContactResolution: null })]);
      expect(missing.body.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid_patch' });
      const byOther = await t.push(t.sessions.agent2, [mutation('interaction', 'wrapup', id, { disposition: 'sale', emotionStart: null, emotionEnd: null, complaintTypeId: null, complaintId: null, notes: '', firstContactResolution: null })]);
      expect(byOther.status).toBe(403);
    });

    it('lets only a team lead of the agent\'s team re-tag, keeping an immutable audit row', async () => {
      const id = await newInteraction(t.sessions.agent1);
      await t.push(t.sessions.agent1, [mutation('interaction', 'wrapup', id, { disposition: 'sale', emotionStart: null, emotionEnd: { emotion: 'satisfied', intensity: 2 }, complaintTypeId: null, complaintId: null, notes: '', firstContactResolution: true })]);
      const retag = { interactionId: id, disposition: 'complaint_logged', complaintTypeId: 'billing_error', reason: 'Customer was actually complaining about a charge' };

      const byAgent = await t.push(t.sessions.agent1, [mutation('outcome_tag', 'insert', uuidv7(), retag)]);
      expect(byAgent.status).toBe(403);
      expect(byAgent.body.error?.code).toBe('forbidden');
      const byOtherTeamAgent = await t.push(t.sessions.agent3, [mutation('outcome_tag', 'insert', uuidv7(), retag)]);
      expect(byOtherTeamAgent.status).toBe(403);

      const byLead = await t.push(t.sessions.lead1, [mutation('outcome_tag', 'insert', uuidv7(), retag)]);
      expect(byLead.status).toBe(200);
      expect(byLead.body.results[0]!.status).toBe('applied');
      const audit = await t.db.kysely.selectFrom('outcome_retags').selectAll().where('interaction_id', '=', id).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ retagged_by: t.accounts.users.lead1, old: { disposition: 'sale', complaintTypeId: null }, new: { disposition: 'complaint_logged', complaintTypeId: 'billing_error' } });
      const row = await t.db.kysely.selectFrom('interactions').select(['disposition', 'complaint_type_id']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ disposition: 'complaint_logged', complaint_type_id: 'billing_error' });
      await expect(t.db.kysely.updateTable('outcome_retags').set({ reason: 'rewritten' }).where('interaction_id', '=', id).execute()).rejects.toThrow(/immutable/);
    });

    it('refuses a lead of another team', async () => {
      const teamBInteraction = await newInteraction(t.sessions.agent3);
      const { status, body } = await t.push(t.sessions.lead1, [mutation('outcome_tag', 'insert', uuidv7(), { interactionId: teamBInteraction, disposition: 'sale', reason: 'wrong team' })]);
      expect(status).toBe(403);
      expect(body.error?.details).toMatchObject({ results: [{ status: 'rejected', reason: 'forbidden' }] });
      const audit = await t.db.kysely.selectFrom('outcome_retags').select('id').where('interaction_id', '=', teamBInteraction).execute();
      expect(audit).toEqual([]);
    });

    it('answers a mixed batch per mutation: forbidden ones rejected, the rest applied', async () => {
      const teamBInteraction = await newInteraction(t.sessions.agent3);
      const customerId = await newCustomer();
      const { status, body } = await t.push(t.sessions.lead1, [
        mutation('outcome_tag', 'insert', uuidv7(), { interactionId: teamBInteraction, disposition: 'sale', reason: 'wrong team' }),
        mutation('customer', 'update', customerId, { language: 'en-US' }),
      ]);
      expect(status).toBe(200);
      expect(body.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    });
  });

  describe('complaints', () => {
    it('opens a complaint with the taxonomy SLA and links the interaction', async () => {
      const customerId = await newCustomer();
      const interactionId = await newInteraction(t.sessions.agent1, customerId);
      const id = uuidv7();
      const { body } = await t.push(t.sessions.agent1, [mutation('complaint', 'insert', id, { customerId, typeId: 'service_outage', description: 'No service', interactionId })]);
      expect(body.results[0]!.status).toBe('applied');
      const row = await t.db.kysely.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.sla_due_at.getTime() - row.opened_at.getTime()).toBe(8 * 3_600_000);
      const links = await t.db.kysely.selectFrom('complaint_interactions').select('interaction_id').where('complaint_id', '=', id).execute();
      expect(links).toEqual([{ interaction_id: interactionId }]);
      const unknownType = await t.push(t.sessions.agent1, [mutation('complaint', 'insert', uuidv7(), { customerId, typeId: 'not_a_type', description: '', interactionId: null })]);
      expect(unknownType.body.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid_patch' });
      const resolved = await t.push(t.sessions.agent2, [mutation('complaint', 'update', id, { status: 'resolved' })]);
      expect(resolved.body.results[0]).toMatchObject({ status: 'applied', rev: 2 });
    });
  });

  describe('queue items', () => {
    async function newItem(session = t.sessions.agent1): Promise<string> {
      const customerId = await newCustomer();
      const id = uuidv7();
      const { body } = await t.push(session, [mutation('queue_item', 'insert', id, { kind: 'callback', customerId, dueAt: '2026-02-01T09:00:00Z', note: 'call back', complaintId: null })]);
      expect(body.results[0]!.status).toBe('applied');
      return id;
    }

    it('claims only if unassigned', async () => {
      const id = await newItem();
      const first = await t.push(t.sessions.agent1, [mutation('queue_item', 'claim', id, {})]);
      expect(first.body.results[0]).toMatchObject({ status: 'applied', rev: 2 });
      const second = await t.push(t.sessions.agent2, [mutation('queue_item', 'claim', id, {})]);
      expect(second.body.results[0]).toMatchObject({ status: 'rejected', reason: 'claim_taken' });
      const again = await t.push(t.sessions.agent1, [mutation('queue_item', 'claim', id, {})]);
      expect(again.body.results[0]).toMatchObject({ status: 'applied', rev: 2 });
      const row = await t.db.kysely.selectFrom('queue_items').select(['assignee_id', 'state']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ assignee_id: t.accounts.users.agent1, state: 'claimed' });
    });

    it('lets exactly one of many concurrent claimers win', async () => {
      const id = await newItem();
      const replies = await Promise.all([t.sessions.agent1, t.sessions.agent2, t.sessions.lead1].map((s) => t.push(s, [mutation('queue_item', 'claim', id, {})])));
      const statuses = replies.map((reply) => reply.body.results[0]!.status);
      expect(statuses.filter((s) => s === 'applied')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'rejected')).toHaveLength(2);
    });

    it('keeps another team out of the queue, and completes with a disposition', async () => {
      const id = await newItem();
      const outsider = await t.push(t.sessions.agent3, [mutation('queue_item', 'claim', id, {})]);
      expect(outsider.status).toBe(403);
      const otherTeam = await t.push(t.sessions.agent3, [mutation('queue_item', 'insert', uuidv7(), { kind: 'callback', customerId: await newCustomer(), dueAt: '2026-02-01T09:00:00Z', note: '', complaintId: null, teamId: t.accounts.teams['Team A'] })]);
      expect(otherTeam.status).toBe(403);
      const done = await t.push(t.sessions.agent2, [mutation('queue_item', 'complete', id, { disposition: 'resolved', interactionId: null })]);
      expect(done.body.results[0]).toMatchObject({ status: 'applied' });
      const row = await t.db.kysely.selectFrom('queue_items').select(['state', 'assignee_id', 'disposition']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'done', assignee_id: t.accounts.users.agent2, disposition: 'resolved' });
    });
  });
});
