import { afterAll, beforeAll, expect, it } from 'vitest';
import { snapshotPageSchema, type SnapshotPage } from '@contract/snapshot';
import { seedCustomers } from '../src/seed/customers';
import { createTestApp, mutation, uuidv7, type Session, type TestApp } from './harness';
import { describeEachEngine } from './engines';

describeEachEngine('sync snapshot', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine.db());
    await seedCustomers(engine.db(), { count: 40, seed: 11, now: new Date(), chunkSize: 16 });
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
