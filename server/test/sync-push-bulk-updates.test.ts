/**
 * Push's fast path decides runs of consent decisions and of outcome re-tags in memory and writes
 * each table once (server/src/sync/bulk-consents.ts, bulk-retags.ts). Each scenario runs twice on
 * its own records: as a clean batch (the bulk path) and with a rejected mutation appended (the
 * whole batch then runs mutation by mutation, the reference). Results, rows, audit trail and
 * events must agree, and match the rules spelled out here: the sticky revocation, per-mutation
 * results with conflicts and duplicates, a second re-tag of one call seeing the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, MutationResult } from '@contract/sync';
import { bulkApplierFor, bulkRunKey } from '../src/sync/bulk';
import { validatePush } from '../src/sync/validate';
import { describeEachEngine } from './engines';
import { createTestApp, hlc, mutation, snapshotCounts, uuidv7, type Session, type TestApp } from './harness';

describeEachEngine('push: bulk runs of consents and re-tags', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine.db()); });
  afterAll(async () => { await t?.close(); });

  const base = Date.parse('2026-04-02T10:00:00Z');
  const at = (n: number) => hlc(base + n * 1000, 'bulk');
  const revOf = (result: MutationResult) => ('rev' in result ? result.rev : null);

  /** The results without ids, which differ between the two runs of a scenario. */
  const comparable = (results: MutationResult[]) => results.map((result) => {
    const { id: _id, ...rest } = result;
    if (rest.status !== 'conflict') return rest;
    const { id: _consent, customerId: _customer, ...current } = rest.current as Record<string, unknown>;
    return { ...rest, current };
  });

  /** Proves the bulk applier alone decides every mutation of the run (then rolls its writes back). */
  async function expectBulkDecidesAll(session: Session, mutations: Mutation[]): Promise<void> {
    const { mutations: valid } = validatePush({ clientId: 'bulk-probe-client', mutations }, session.login.user.role);
    const applier = bulkApplierFor(bulkRunKey(mutations[0]!.entity, mutations[0]!.op))!;
    const user = { id: session.login.user.id, username: session.login.user.username, role: session.login.user.role, teamId: session.login.user.teamId };
    const rollback = new Error('probe only');
    await expect(t.db.transaction(async (trx) => {
      const outcomes = await applier(trx, user, valid);
      expect(outcomes.every((outcome) => outcome !== null)).toBe(true);
      throw rollback;
    })).rejects.toBe(rollback);
  }

  async function newCustomer(name: string): Promise<string> {
    const id = uuidv7();
    expect((await t.push(t.sessions.agent1, [mutation('customer', 'insert', id, { displayName: name })])).status).toBe(200);
    return id;
  }

  describe('consents', () => {
    const consent = (op: 'grant' | 'revoke', customerId: string, channel: string, stamp: string) =>
      mutation('consent', op, uuidv7(), { customerId, channel, source: 'call' }, stamp);

    /** Prior state, then the batch under test, on fresh customers. */
    async function scenario() {
      const a = await newCustomer('Consent A');
      const b = await newCustomer('Consent B');
      const prior = consent('grant', a, 'email', at(10));
      expect((await t.push(t.sessions.agent1, [prior])).body.results[0]).toMatchObject({ status: 'applied', rev: 1 });
      const batch = [
        consent('revoke', a, 'email', at(20)), // newer revocation: applied, rev 2
        consent('grant', a, 'email', at(15)), // grant older than the revocation: conflict
        consent('grant', a, 'email', at(20)), // same instant as the revocation: still a conflict
        consent('revoke', a, 'email', at(5)), // older revocation of a revoked consent: nothing to change
        consent('grant', b, 'sms', at(30)), // first decision on the channel: a new consent
        consent('revoke', b, 'sms', at(31)),
        consent('grant', b, 'sms', at(32)), // a grant after the revocation re-grants
        prior, // sent again: duplicate of the first push
        consent('grant', a, 'phone', at(40)),
        consent('revoke', a, 'email', at(25)), // a newer revocation: rev 3, revoked since 20 still
      ];
      return { a, b, batch };
    }

    async function state(a: string, b: string) {
      const rows = await t.db.kysely.selectFrom('consents').select(['customer_id', 'channel', 'status', 'source', 'stamp', 'stamped_at', 'revoked_at', 'rev'])
        .where('customer_id', 'in', [a, b]).orderBy('stamp').execute();
      const events = await t.db.kysely.selectFrom('consent_events').select(['customer_id', 'channel', 'status', 'stamp', 'effective', 'recorded_by'])
        .where('customer_id', 'in', [a, b]).orderBy('id').execute();
      const who = (id: string) => (id === a ? 'a' : 'b');
      return {
        rows: rows.map((row) => ({ ...row, customer_id: who(row.customer_id) })),
        events: events.map((event) => ({ ...event, customer_id: who(event.customer_id) })),
      };
    }

    it('a mixed run with conflicts, the sticky revocation and a duplicate gives the per-mutation results and rows', async () => {
      const bulk = await scenario();
      await expectBulkDecidesAll(t.sessions.agent1, bulk.batch.filter((m) => m !== bulk.batch[7]));
      const fast = await t.push(t.sessions.agent1, bulk.batch);
      expect(fast.status).toBe(200);
      expect(fast.body.results.map((r) => [r.status, revOf(r)])).toEqual([
        ['applied', 2], ['conflict', 2], ['conflict', 2], ['applied', 2], ['applied', 1], ['applied', 2], ['applied', 3], ['duplicate', 1], ['applied', 1], ['applied', 3],
      ]);
      expect(fast.body.results[1]).toMatchObject({ current: { status: 'revoked', stamp: at(20), revokedAt: new Date(base + 20_000).toISOString(), rev: 2 } });
      const fastState = await state(bulk.a, bulk.b);
      expect(fastState.rows.map((row) => [row.customer_id, row.channel, row.status, row.rev])).toEqual([
        ['a', 'email', 'revoked', 3], ['b', 'sms', 'granted', 3], ['a', 'phone', 'granted', 1],
      ]);
      expect(fastState.rows[0]!.revoked_at?.toISOString()).toBe(new Date(base + 20_000).toISOString());
      expect(fastState.events.map((event) => event.effective)).toEqual([true, true, false, false, false, true, true, true, true, true]);

      // The same scenario mutation by mutation (a rejected mutation at the end sends the batch there).
      const careful = await scenario();
      const reference = await t.push(t.sessions.agent1, [...careful.batch, consent('grant', uuidv7(), 'post', at(50))]);
      expect(reference.body.results.at(-1)).toMatchObject({ status: 'rejected', reason: 'not_found' });
      expect(comparable(fast.body.results)).toEqual(comparable(reference.body.results.slice(0, -1)));
      expect(fastState).toEqual(await state(careful.a, careful.b));

      // A replay is all duplicates and writes nothing.
      const before = await snapshotCounts(t.db);
      const replay = await t.push(t.sessions.agent1, bulk.batch);
      expect(replay.body.results.map((r) => r.status)).toEqual(Array(10).fill('duplicate'));
      expect(replay.body.results.map(revOf)).toEqual(fast.body.results.map(revOf));
      expect(await snapshotCounts(t.db)).toEqual(before);
    });

    it('concurrent pushes of consent runs on the same customers end with the newest decision, a tied revocation winning', async () => {
      const customers = [await newCustomer('Busy A'), await newCustomer('Busy B'), await newCustomer('Busy C')];
      const channels = ['email', 'sms'] as const;
      // Deterministic pseudo-random decisions; stamps collide now and then (ties).
      let seed = 7;
      const next = (n: number) => { seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; return seed % n; };
      const batches = Array.from({ length: 8 }, () => Array.from({ length: 25 }, () => {
        const op = next(2) === 0 ? 'grant' as const : 'revoke' as const;
        return consent(op, customers[next(3)]!, channels[next(2)]!, at(1_000 + next(40)));
      }));
      const replies = await Promise.all(batches.map((batch, n) => t.push(n % 2 ? t.sessions.agent1 : t.sessions.agent2, batch, `busy-client-${n}`)));
      expect(replies.every((reply) => reply.status === 200 && reply.body.results.every((r) => r.status === 'applied' || r.status === 'conflict'))).toBe(true);

      for (const customerId of customers) {
        for (const channel of channels) {
          const decisions = batches.flat().filter((m) => m.patch.customerId === customerId && m.patch.channel === channel);
          if (decisions.length === 0) continue;
          const newest = decisions.reduce((max, m) => (m.clientTs > max ? m.clientTs : max), '');
          const expected = decisions.some((m) => m.clientTs === newest && m.op === 'revoke') ? 'revoked' : 'granted';
          const row = await t.db.kysely.selectFrom('consents').select(['status', 'stamp']).where('customer_id', '=', customerId).where('channel', '=', channel).executeTakeFirstOrThrow();
          expect(row).toEqual({ status: expected, stamp: newest });
        }
      }
      const events = await t.db.kysely.selectFrom('consent_events').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', 'in', customers).executeTakeFirstOrThrow();
      expect(Number(events.n)).toBe(200);
    });

    it('clients pull every consent the run created or changed, once, at its final revision', async () => {
      const a = await newCustomer('Consent Pull');
      const cursor = (await t.pull(t.sessions.agent3, '0', 5000)).body.cursor;
      const { body } = await t.push(t.sessions.agent1, [
        consent('grant', a, 'email', at(100)), consent('revoke', a, 'email', at(101)), consent('grant', a, 'whatsapp', at(102)),
      ]);
      expect(body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      const changes = (await t.pullAll(t.sessions.agent3, cursor)).filter((change) => change.entity === 'consent');
      expect(changes.map((change) => [change.data?.channel, change.data?.status, change.data?.rev])).toEqual(
        expect.arrayContaining([['email', 'revoked', 2], ['whatsapp', 'granted', 1]]),
      );
      expect(changes).toHaveLength(2);
    });
  });

  describe('re-tags', () => {
    const call = (id: string) => mutation('interaction', 'insert', id, {
      customerId: null, channel: 'call', direction: 'inbound', queue: 'general', remoteNumber: '+34600400400', line: 1,
      queuedAt: '2026-04-02T09:00:00Z', answeredAt: '2026-04-02T09:00:05Z', endedAt: '2026-04-02T09:04:00Z', holdSeconds: 0, transferTarget: null,
      wrapup: { disposition: 'information_provided', emotionStart: { emotion: 'calm', intensity: 1 }, emotionEnd: { emotion: 'frustrated', intensity: 2 }, complaintTypeId: null, complaintId: null, notes: '', firstContactResolution: true },
    });
    const retag = (interactionId: string, fields: Record<string, unknown>, stamp: string) =>
      mutation('outcome_tag', 'insert', uuidv7(), { interactionId, reason: 'reviewed the recording', ...fields }, stamp);

    async function calls(session: Session, count: number): Promise<string[]> {
      const ids = Array.from({ length: count }, () => uuidv7());
      const { body } = await t.push(session, ids.map(call));
      expect(body.results.every((r) => r.status === 'applied')).toBe(true);
      return ids;
    }

    async function scenario() {
      const [x, y] = await calls(t.sessions.agent1, 2) as [string, string];
      const prior = retag(x, { firstContactResolution: false }, at(200));
      expect((await t.push(t.sessions.lead1, [prior])).body.results[0]).toMatchObject({ status: 'applied' });
      const batch = [
        retag(x, { disposition: 'escalated' }, at(210)),
        retag(x, { emotionEnd: { emotion: 'angry', intensity: 3 } }, at(211)),
        retag(y, { complaintTypeId: 'lost_parcel', firstContactResolution: false }, at(212)),
        retag(x, { disposition: 'resolved' }, at(213)), // sees the first: its old disposition is "escalated"
        prior,
        retag(y, { emotionEnd: null, complaintTypeId: null }, at(214)),
      ];
      return { x, y, batch };
    }

    async function state(x: string, y: string) {
      const who = (id: string) => (id === x ? 'x' : 'y');
      const interactions = await t.db.kysely.selectFrom('interactions')
        .select(['id', 'disposition', 'emotion_end', 'emotion_end_intensity', 'complaint_type_id', 'first_contact_resolution', 'rev'])
        .where('id', 'in', [x, y]).execute();
      const audit = await t.db.kysely.selectFrom('outcome_retags').select(['interaction_id', 'retagged_by', 'old', 'new', 'reason', 'client_ts'])
        .where('interaction_id', 'in', [x, y]).orderBy('client_ts').execute();
      return {
        interactions: interactions.map(({ id, ...row }) => ({ who: who(id), ...row })).sort((l, r) => l.who.localeCompare(r.who)),
        audit: audit.map((row) => ({ ...row, interaction_id: who(row.interaction_id) })),
      };
    }

    it('a run re-tagging calls several times writes the audit rows and outcomes the per-mutation path writes', async () => {
      const bulk = await scenario();
      await expectBulkDecidesAll(t.sessions.lead1, bulk.batch.filter((m) => m !== bulk.batch[4]));
      const fast = await t.push(t.sessions.lead1, bulk.batch);
      expect(fast.body.results.map((r) => [r.status, revOf(r)])).toEqual([['applied', 1], ['applied', 1], ['applied', 1], ['applied', 1], ['duplicate', 1], ['applied', 1]]);
      const fastState = await state(bulk.x, bulk.y);
      expect(fastState.interactions).toEqual([
        { who: 'x', disposition: 'resolved', emotion_end: 'angry', emotion_end_intensity: 3, complaint_type_id: null, first_contact_resolution: false, rev: 5 },
        { who: 'y', disposition: 'information_provided', emotion_end: null, emotion_end_intensity: null, complaint_type_id: null, first_contact_resolution: false, rev: 3 },
      ]);
      expect(fastState.audit.map((row) => [row.interaction_id, row.old, row.new])).toEqual([
        ['x', { firstContactResolution: true }, { firstContactResolution: false }],
        ['x', { disposition: 'information_provided' }, { disposition: 'escalated' }],
        ['x', { emotionEnd: { emotion: 'frustrated', intensity: 2 } }, { emotionEnd: { emotion: 'angry', intensity: 3 } }],
        ['y', { complaintTypeId: null, firstContactResolution: true }, { complaintTypeId: 'lost_parcel', firstContactResolution: false }],
        ['x', { disposition: 'escalated' }, { disposition: 'resolved' }],
        ['y', { emotionEnd: { emotion: 'frustrated', intensity: 2 }, complaintTypeId: 'lost_parcel' }, { emotionEnd: null, complaintTypeId: null }],
      ]);
      expect(fastState.audit.every((row) => row.retagged_by === t.accounts.users.lead1)).toBe(true);

      const careful = await scenario();
      const [teamB] = await calls(t.sessions.agent3, 1);
      const reference = await t.push(t.sessions.lead1, [...careful.batch, retag(teamB!, { disposition: 'sale' }, at(220))]);
      expect(reference.body.results.at(-1)).toMatchObject({ status: 'rejected', reason: 'forbidden' });
      expect(comparable(fast.body.results)).toEqual(comparable(reference.body.results.slice(0, -1)));
      expect(fastState).toEqual(await state(careful.x, careful.y));

      const before = await snapshotCounts(t.db);
      const replay = await t.push(t.sessions.lead1, bulk.batch);
      expect(replay.body.results.map((r) => r.status)).toEqual(Array(6).fill('duplicate'));
      expect(await snapshotCounts(t.db)).toEqual(before);
    });

    it('in a mixed run, the re-tags that must be refused are, and the others still apply', async () => {
      const [x, y] = await calls(t.sessions.agent1, 2) as [string, string];
      const [teamB] = await calls(t.sessions.agent3, 1);
      const taken = retag(y, { disposition: 'sale' }, at(300));
      await t.push(t.sessions.lead1, [taken]);
      const reused = { ...retag(y, { disposition: 'no_answer' }, at(301)), entityId: taken.entityId };
      const cursor = (await t.pull(t.sessions.lead1, '0', 5000)).body.cursor;
      const { body } = await t.push(t.sessions.lead1, [
        retag(x, { disposition: 'escalated' }, at(302)),
        retag(teamB!, { disposition: 'sale' }, at(303)),
        retag(uuidv7(), { disposition: 'sale' }, at(304)),
        retag(x, { disposition: 'no_such_code' }, at(305)),
        reused,
        retag(x, { complaintTypeId: 'no_such_type' }, at(306)),
        retag(y, { firstContactResolution: false }, at(307)),
      ]);
      expect(body.results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual([
        'applied', 'forbidden', 'not_found', 'invalid_patch', 'immutable', 'invalid_patch', 'applied',
      ]);
      const rows = await t.db.kysely.selectFrom('interactions').select(['id', 'disposition', 'first_contact_resolution', 'rev']).where('id', 'in', [x, y, teamB!]).execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(x)).toMatchObject({ disposition: 'escalated', rev: 2 });
      expect(byId.get(y)).toMatchObject({ disposition: 'sale', first_contact_resolution: false, rev: 3 });
      expect(byId.get(teamB!)).toMatchObject({ disposition: 'information_provided', rev: 1 });
      // The agent of the call hears about the re-tags of their team's calls.
      const changed = (await t.pullAll(t.sessions.agent1, cursor)).map((change) => change.entityId);
      expect(changed).toEqual(expect.arrayContaining([x, y]));
      expect(changed).not.toContain(teamB);
    });
  });
});
