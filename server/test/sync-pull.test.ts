import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, mutation, uuidv7, type TestApp } from './harness';
import { describeEachEngine } from './engines';

describeEachEngine('sync pull', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine.db()); });
  afterAll(async () => { await t?.close(); });

  it('returns every change exactly once after 20 clients push concurrently', async () => {
    const start = (await t.pull(t.sessions.admin, '0')).body.cursor;
    const sessions = [t.sessions.agent1, t.sessions.agent2, t.sessions.agent3, t.sessions.lead1, t.sessions.admin];
    const expected = new Set<string>();
    const replies = await Promise.all(Array.from({ length: 20 }, (_, client) => {
      const batch = Array.from({ length: 10 }, (_, i) => {
        const id = uuidv7();
        expected.add(id);
        return mutation('customer', 'insert', id, { displayName: `Client ${client} customer ${i}` });
      });
      return t.push(sessions[client % sessions.length]!, batch, `concurrent-client-${client}`);
    }));
    for (const reply of replies) expect(reply.body.results.every((r) => r.status === 'applied')).toBe(true);

    // Small pages so the cursor walks across concurrent commits.
    const changes = await t.pullAll(t.sessions.agent1, start, 7);
    const customerIds = changes.filter((c) => c.entity === 'customer').map((c) => c.entityId);
    expect(new Set(customerIds).size).toBe(customerIds.length);
    expect(new Set(customerIds)).toEqual(expected);
    const seqs = changes.map((c) => Number(c.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const fromZero = await t.pullAll(t.sessions.agent1, '0', 1000);
    const all = fromZero.map((c) => `${c.entity}:${c.entityId}`);
    expect(new Set(all).size).toBe(all.length);
    for (const id of expected) expect(all).toContain(`customer:${id}`);
  });

  it('never skips a change committed while a reader pages (interleaved pushes and pulls)', async () => {
    let cursor = (await t.pull(t.sessions.agent1, '0')).body.cursor;
    const seen = new Set<string>();
    const pushed = new Set<string>();
    const pushes = (async () => {
      for (let round = 0; round < 10; round++) {
        const ids = Array.from({ length: 5 }, () => uuidv7());
        ids.forEach((id) => pushed.add(id));
        await Promise.all(ids.map((id) => t.push(t.sessions.agent2, [mutation('customer', 'insert', id, { displayName: 'Interleaved' })])));
      }
    })();
    let done = false;
    void pushes.then(() => { done = true; });
    while (!done) {
      // PGlite answers without touching the event loop's I/O phase: let the pushes' requests in.
      await new Promise((resolve) => setImmediate(resolve));
      const page = await t.pull(t.sessions.agent1, cursor, 3);
      page.body.changes.forEach((c) => seen.add(c.entityId));
      cursor = page.body.cursor;
    }
    await pushes;
    for (const change of await t.pullAll(t.sessions.agent1, cursor, 3)) seen.add(change.entityId);
    for (const id of pushed) expect(seen.has(id)).toBe(true);
  });

  it('scopes interactions and queue items to the user\'s team, customers to everyone', async () => {
    const customerId = uuidv7();
    const teamAInteraction = uuidv7();
    const teamAItem = uuidv7();
    const before = {
      agent3: (await t.pull(t.sessions.agent3, '0')).body.cursor,
      agent2: (await t.pull(t.sessions.agent2, '0')).body.cursor,
      lead1: (await t.pull(t.sessions.lead1, '0')).body.cursor,
      admin: (await t.pull(t.sessions.admin, '0')).body.cursor,
    };
    await t.push(t.sessions.agent1, [
      mutation('customer', 'insert', customerId, { displayName: 'Shared Customer' }),
      mutation('interaction', 'insert', teamAInteraction, { customerId, channel: 'call', direction: 'outbound', queue: null, remoteNumber: null, line: null, queuedAt: null, answeredAt: null, endedAt: null, transferTarget: null }),
      mutation('queue_item', 'insert', teamAItem, { kind: 'callback', customerId, dueAt: '2026-03-01T10:00:00Z', note: '', complaintId: null }),
    ]);
    const idsFor = async (name: keyof typeof before): Promise<string[]> => (await t.pullAll(t.sessions[name], before[name])).map((c) => c.entityId);
    expect(await idsFor('agent3')).toEqual([customerId]);
    expect(new Set(await idsFor('agent2'))).toEqual(new Set([customerId, teamAInteraction, teamAItem]));
    expect(new Set(await idsFor('lead1'))).toEqual(new Set([customerId, teamAInteraction, teamAItem]));
    expect(new Set(await idsFor('admin'))).toEqual(new Set([customerId, teamAInteraction, teamAItem]));
  });

  it('sends the full current state once per entity and tombstones for removals', async () => {
    const cursor = (await t.pull(t.sessions.agent1, '0')).body.cursor;
    const customerId = uuidv7();
    const phoneId = uuidv7();
    const phone = { customerId, kind: 'phone', value: '+573001234567' };
    await t.push(t.sessions.agent1, [mutation('customer', 'insert', customerId, { displayName: 'First' }), mutation('identity', 'add', phoneId, phone)]);
    await t.push(t.sessions.agent1, [mutation('customer', 'update', customerId, { displayName: 'Second' }), mutation('identity', 'remove', uuidv7(), phone)]);
    const changes = await t.pullAll(t.sessions.agent1, cursor);
    expect(changes).toHaveLength(2);
    expect(changes.find((c) => c.entity === 'customer')).toMatchObject({ entityId: customerId, op: 'upsert', rev: 2, data: { displayName: 'Second' } });
    expect(changes.find((c) => c.entity === 'identity')).toMatchObject({ entityId: phoneId, op: 'delete', data: null });
  });

  it('answers 409 cursor_expired for a cursor older than the retention window', async () => {
    await t.db.kysely.updateTable('sync_state').set({ retained_from: sql<number>`last_seq` }).execute();
    const expired = await t.pull(t.sessions.agent1, '1');
    expect(expired.status).toBe(409);
    expect(expired.body.error?.code).toBe('cursor_expired');
    const fromZero = await t.pull(t.sessions.agent1, '0', 5);
    expect(fromZero.status).toBe(200);
    const unknown = await t.pull(t.sessions.agent1, '999999999');
    expect(unknown.status).toBe(409);
  });

  it('rejects an invalid cursor or limit with 400', async () => {
    for (const query of ['cursor=abc', 'limit=0', 'limit=100000', 'cursor=-1']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/sync/pull?${query}`, headers: { authorization: `Bearer ${t.sessions.agent1.token}` } });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('invalid_query');
    }
  });
});
