import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { snapshotPageSchema, type SnapshotPage } from '@contract/snapshot';
import type { SyncEntity } from '@contract/sync';
import { seedCustomers } from '../src/seed/customers';
import { loadEntities } from '../src/sync/entities';
import { jsonArray, jsonRows, SNAPSHOT_ROWS, UTC_TRANSACTION } from '../src/sync/snapshot-sql';
import { createTestApp, mutation, uuidv7, type Session, type TestApp } from './harness';
import { describeEachEngine } from './engines';

describeEachEngine('sync snapshot', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine.db());
    await seedCustomers(engine.db(), { count: 40, seed: 11, now: new Date(), chunkSize: 16 });
    // What the seed never writes, so that every field of every entity is compared holding a value:
    // a recent wrapped-up call (notes needing JSON escapes) re-tagged by the team lead, …
    const customer = await engine.db().kysely.selectFrom('customers').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const call = uuidv7();
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const calls = await t.push(t.sessions.agent1, [mutation('interaction', 'insert', call, {
      customerId: customer.id, channel: 'call', direction: 'inbound', queue: 'general', remoteNumber: '+34600400400', line: 1,
      queuedAt: at(30), answeredAt: at(29), endedAt: at(25), holdSeconds: 12, transferTarget: null,
      wrapup: { disposition: 'information_provided', emotionStart: { emotion: 'calm', intensity: 1 }, emotionEnd: { emotion: 'frustrated', intensity: 2 }, complaintTypeId: null, complaintId: null, notes: 'Asked about the "bill" \\ twice,\nañadió: “tarifa” 📞', firstContactResolution: true },
    })]);
    // The call transferred on to a colleague, who followed a script.
    const transferred = await t.push(t.sessions.agent2, [mutation('interaction', 'insert', uuidv7(), {
      customerId: customer.id, channel: 'call', direction: 'inbound', queue: 'general', remoteNumber: '+34600400400', line: 2,
      queuedAt: at(25), answeredAt: at(25), endedAt: at(20), holdSeconds: 0, transferTarget: null, transferredFrom: call,
      wrapup: { disposition: 'information_provided', emotionStart: null, emotionEnd: null, complaintTypeId: null, complaintId: null, notes: '', firstContactResolution: null, scriptId: 'billing', scriptVersion: 3, scriptAnswers: { reason: 'double charge', refund: true } },
    })]);
    expect(transferred.body.results.map((r) => r.status)).toEqual(['applied']);
    const retag = await t.push(t.sessions.lead1, [mutation('outcome_tag', 'insert', uuidv7(), { interactionId: call, disposition: 'complaint_logged', complaintTypeId: 'billing_error', reason: 'A complaint about a charge' })]);
    // A complaint an agent opened (openedBy set), linked to that call.
    const complaint = await t.push(t.sessions.agent1, [mutation('complaint', 'insert', uuidv7(), { customerId: customer.id, typeId: 'billing_error', description: 'Charged twice', interactionId: call })]);
    expect([...calls.body.results, ...retag.body.results, ...complaint.body.results].map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    // A callback an agent queued, claimed and completed with that call.
    const item = uuidv7();
    const callback = await t.push(t.sessions.agent1, [
      mutation('queue_item', 'insert', item, { kind: 'callback', customerId: customer.id, dueAt: at(-60), note: 'call back', complaintId: null }),
      mutation('queue_item', 'claim', item, {}),
      mutation('queue_item', 'complete', item, { disposition: 'information_provided', interactionId: call }),
    ]);
    expect(callback.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    // A merged duplicate (mergedInto set), which the snapshot still serves as a redirect.
    const [survivor, duplicate] = await engine.db().kysely.selectFrom('customers').select('id').orderBy('id', 'desc').limit(2).execute();
    const merge = await t.app.inject({ method: 'POST', url: '/api/customers/merge', headers: { authorization: `Bearer ${t.sessions.admin.token}` }, payload: { survivorId: survivor!.id, duplicateId: duplicate!.id, reason: 'same person' } });
    expect(merge.statusCode).toBe(200);
  });
  afterAll(async () => { await t?.close(); });

  async function page(session: Session, after: string | null, limit: number): Promise<{ status: number; body: SnapshotPage & { error?: { code: string } } }> {
    const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
    const response = await t.app.inject({ method: 'GET', url: `/api/sync/snapshot?${query}`, headers: { authorization: `Bearer ${session.token}` } });
    return { status: response.statusCode, body: response.json() };
  }

  async function allPages(session: Session, limit: number, between?: (index: number) => Promise<void>): Promise<SnapshotPage[]> {
    const pages: SnapshotPage[] = [];
    for (let after: string | null = null; ;) {
      const reply = await page(session, after, limit);
      expect(reply.status).toBe(200);
      pages.push(snapshotPageSchema.parse(reply.body));
      after = reply.body.next;
      if (after === null) return pages;
      await between?.(pages.length);
    }
  }

  it('serves every customer once, in id order, with identities, consents, open complaints and the pull\'s cursor', async () => {
    const pages = await allPages(t.sessions.agent1, 7);
    const customers = pages.flatMap((p) => p.customers);
    const ids = customers.map((c) => c.id);
    expect(pages[0]!.total).toBe(ids.length);
    expect(pages.slice(1).every((p) => p.total === null)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    expect(ids.length).toBeGreaterThanOrEqual(40);
    // The first page's cursor is the log head: with no writes since, pulling from it returns nothing.
    expect(Number(pages[0]!.cursor)).toBeGreaterThan(0);
    expect(await t.pullAll(t.sessions.agent1, pages[0]!.cursor)).toEqual([]);

    // Same rows the full pull gives, minus what the snapshot deliberately leaves out.
    const pulled = await t.pullAll(t.sessions.agent1, '0', 1000);
    const pulledOf = (entity: string) => new Map(pulled.filter((c) => c.entity === entity && c.data).map((c) => [c.entityId, c.data!]));
    expect(new Set(ids)).toEqual(new Set(pulledOf('customer').keys()));
    expect(new Set(pages.flatMap((p) => p.identities).map((row) => row.id))).toEqual(new Set(pulledOf('identity').keys()));
    expect(new Set(pages.flatMap((p) => p.consents).map((row) => row.id))).toEqual(new Set(pulledOf('consent').keys()));
    const openComplaints = [...pulledOf('complaint').values()].filter((row) => row.status !== 'resolved').map((row) => row.id);
    expect(openComplaints.length).toBeGreaterThan(0);
    expect(new Set(pages.flatMap((p) => p.complaints).map((row) => row.id))).toEqual(new Set(openComplaints));
    // Every row has exactly the shape and values the pull serves for it.
    const tables = [['customer', 'customers'], ['identity', 'identities'], ['consent', 'consents'], ['complaint', 'complaints'], ['interaction', 'interactions'], ['queue_item', 'queueItems']] as const;
    for (const [entity, table] of tables) {
      const served = pulledOf(entity);
      for (const row of pages.flatMap((p) => p[table])) expect(row).toEqual(served.get(row.id));
    }
  });

  const kinds = [
    ['customer', 'customers', [[SNAPSHOT_ROWS.customer, 'customers', 'c']]],
    ['identity', 'identities', [[SNAPSHOT_ROWS.phone, 'customer_phones', 'p'], [SNAPSHOT_ROWS.otherIdentity, 'customer_identities', 'o']]],
    ['consent', 'consents', [[SNAPSHOT_ROWS.consent, 'consents', 'k']]],
    ['complaint', 'complaints', [[SNAPSHOT_ROWS.complaint, 'complaints', 'm']]],
    ['interaction', 'interactions', [[SNAPSHOT_ROWS.interaction, 'interactions', 'i']]],
    ['outcome_tag', 'outcomeTags', [[SNAPSHOT_ROWS.outcomeTag, 'outcome_retags', 't']]],
    ['queue_item', 'queueItems', [[SNAPSHOT_ROWS.queueItem, 'queue_items', 'q']]],
  ] as const satisfies ReadonlyArray<readonly [SyncEntity, string, ReadonlyArray<readonly [string, string, string]>]>;

  it('builds every row of every entity in SQL exactly as loadEntities gives it to the pull, field by field', async () => {
    // The snapshot's rows are built in SQL (snapshot-sql.ts) beside the pull's JS shapes (entities.ts):
    // every row of every table (resolved complaints and done items too) through both must be equal.
    for (const [entity, name, sources] of kinds) {
      const lists = sources.map(([row, table, alias]) => jsonRows(row, alias, sql`FROM ${sql.raw(`${table} ${alias}`)}`));
      const text = await engine.db().transaction(async (trx) => {
        // Whatever the session's zone, the transaction prints UTC.
        await sql`SET LOCAL TIME ZONE 'America/Bogota'`.execute(trx);
        await sql`SELECT ${UTC_TRANSACTION}`.execute(trx);
        return (await sql<{ rows: string }>`SELECT ${jsonArray(...lists)} AS rows`.execute(trx)).rows[0]!.rows;
      });
      const rows = JSON.parse(text) as Array<Record<string, unknown> & { id: string }>;
      expect(rows.length, name).toBeGreaterThan(0);
      const loaded = await loadEntities(engine.db().kysely, entity, rows.map((row) => row.id));
      expect(loaded.size, name).toBe(rows.length);
      for (const row of rows) expect(row, `${name} ${row.id}`).toStrictEqual(loaded.get(row.id));
      // Every field was compared holding a value at least once, not only as null.
      const keys = new Set(rows.flatMap((row) => Object.keys(row)));
      const withValue = new Set(rows.flatMap((row) => Object.entries(row).filter(([, value]) => value !== null).map(([key]) => key)));
      expect([...keys].filter((key) => !withValue.has(key)), `${name}: fields never set in the test data`).toEqual([]);
    }
  });

  it('serves each page\'s rows in id order, each exactly as loadEntities gives it', async () => {
    // PGlite has one connection: a session zone other than UTC shows the page prints UTC regardless.
    if (engine.engine === 'pglite') await sql`SET TIME ZONE 'America/Bogota'`.execute(engine.db().kysely);
    const pages = await allPages(t.sessions.admin, 9).finally(async () => {
      if (engine.engine === 'pglite') await sql`SET TIME ZONE 'UTC'`.execute(engine.db().kysely);
    });
    for (const [entity, table] of kinds) {
      const rows = pages.flatMap((p) => p[table]);
      expect(rows.length, table).toBeGreaterThan(0);
      const loaded = await loadEntities(engine.db().kysely, entity, rows.map((row) => row.id));
      for (const row of rows) expect(row, `${table} ${row.id}`).toStrictEqual(loaded.get(row.id));
      // Ascending ids within a page, so the client writes ascending keys (identities: phones, then the other kinds).
      for (const page of pages) {
        const groups = table === 'identities' ? [page[table].filter((row) => row.kind === 'phone'), page[table].filter((row) => row.kind !== 'phone')] : [page[table]];
        for (const group of groups) expect(group.map((row) => row.id)).toEqual(group.map((row) => row.id).sort());
      }
    }
  });

  it('scopes interactions and queue items to the user\'s team like the pull', async () => {
    for (const name of ['agent1', 'agent3', 'admin'] as const) {
      const pages = await allPages(t.sessions[name], 25);
      const pulled = await t.pullAll(t.sessions[name], '0', 1000);
      const visibleInteractions = new Set(pulled.filter((c) => c.entity === 'interaction').map((c) => c.entityId));
      const interactions = pages.flatMap((p) => p.interactions);
      for (const row of interactions) expect(visibleInteractions.has(row.id)).toBe(true);
      const visibleItems = new Set(pulled.filter((c) => c.entity === 'queue_item').map((c) => c.entityId));
      const items = pages.flatMap((p) => p.queueItems);
      for (const row of items) {
        expect(visibleItems.has(row.id)).toBe(true);
        expect(['open', 'claimed']).toContain(row.state);
      }
      if (name === 'admin') {
        const teams = new Set(interactions.map((row) => row.teamId));
        expect(teams.size).toBeGreaterThan(1);
      } else {
        const team = t.sessions[name].login.user.teamId;
        expect(interactions.length).toBeGreaterThan(0);
        for (const row of interactions) expect(row.teamId).toBe(team);
      }
    }
  });

  it('misses nothing committed during the snapshot: the pull from its cursor delivers it', async () => {
    const edited = (await page(t.sessions.agent2, null, 1)).body.customers[0]!.id;
    const created: string[] = [];
    const pages = await allPages(t.sessions.agent2, 10, async (index) => {
      // A brand-new customer, and an edit to one already served on the first page.
      const id = uuidv7();
      created.push(id);
      const reply = await t.push(t.sessions.agent1, [
        mutation('customer', 'insert', id, { displayName: `During snapshot ${index}` }),
        mutation('customer', 'update', edited, { displayName: `Edited during snapshot ${index}` }),
      ]);
      expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    });
    expect(created.length).toBeGreaterThan(1);
    const after = await t.pullAll(t.sessions.agent2, pages[0]!.cursor);
    const changed = new Map(after.map((c) => [c.entityId, c.data]));
    for (const id of created) expect(changed.has(id)).toBe(true);
    expect(changed.get(edited)?.displayName).toBe(`Edited during snapshot ${created.length}`);
  });

  it('rejects a malformed page request and an anonymous one', async () => {
    const bad = await page(t.sessions.agent1, 'not-a-uuid', 10);
    expect(bad.status).toBe(400);
    const tooBig = await page(t.sessions.agent1, null, 100_000);
    expect(tooBig.status).toBe(400);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/sync/snapshot' });
    expect(anonymous.statusCode).toBe(401);
  });
});
