import { afterAll, beforeAll, expect, it } from 'vitest';
import { snapshotPageSchema, type SnapshotPage, type SnapshotRow } from '@contract/snapshot';
import { seedCustomers } from '../src/seed/customers';
import { createTestApp, mutation, uuidv7, type Session, type TestApp } from './harness';
import { describeEachEngine } from './engines';

const CHILD_TABLES = ['identities', 'consents', 'complaints', 'interactions', 'queueItems'] as const;

describeEachEngine('sync snapshot: one caller', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine.db());
    await seedCustomers(engine.db(), { count: 40, seed: 23, now: new Date(), chunkSize: 16 });
  });
  afterAll(async () => { await t?.close(); });

  async function get(url: string, session: Session | null): Promise<{ status: number; body: SnapshotPage & { error?: { code: string; message: string } } }> {
    const response = await t.app.inject({ method: 'GET', url, headers: session ? { authorization: `Bearer ${session.token}` } : {} });
    return { status: response.statusCode, body: response.json() };
  }

  const caller = (session: Session | null, phone: string) => get(`/api/sync/snapshot/caller?${new URLSearchParams({ phone })}`, session);

  async function fullSnapshot(session: Session): Promise<SnapshotPage[]> {
    const pages: SnapshotPage[] = [];
    for (let after: string | null = null; ;) {
      const reply = await get(`/api/sync/snapshot?${new URLSearchParams({ limit: '15', ...(after ? { after } : {}) })}`, session);
      expect(reply.status).toBe(200);
      pages.push(snapshotPageSchema.parse(reply.body));
      after = reply.body.next;
      if (after === null) return pages;
    }
  }

  /** What the full snapshot serves for these customers, table by table, in its order. */
  function servedFor(pages: SnapshotPage[], customerIds: readonly string[]): Record<string, SnapshotRow[]> {
    const ids = new Set(customerIds);
    const all = (table: keyof SnapshotPage) => pages.flatMap((page) => page[table] as SnapshotRow[]);
    const interactions = all('interactions').filter((row) => ids.has(String(row.customerId)));
    const interactionIds = new Set(interactions.map((row) => row.id));
    return {
      customers: all('customers').filter((row) => ids.has(row.id)),
      ...Object.fromEntries(CHILD_TABLES.map((table) => [table, all(table).filter((row) => ids.has(String(row.customerId)))])),
      interactions,
      outcomeTags: all('outcomeTags').filter((row) => interactionIds.has(String(row.interactionId))),
    };
  }

  function pickedTables(page: SnapshotPage): Record<string, SnapshotRow[]> {
    return { customers: page.customers, ...Object.fromEntries([...CHILD_TABLES, 'outcomeTags' as const].map((table) => [table, page[table]])) };
  }

  /** The customer whose recent interactions span the most teams (so team filtering shows). */
  function busiestCustomer(pages: SnapshotPage[]): { id: string; phone: string } {
    const teams = new Map<string, Set<unknown>>();
    for (const row of pages.flatMap((page) => page.interactions)) {
      const set = teams.get(String(row.customerId)) ?? new Set();
      set.add(row.teamId);
      teams.set(String(row.customerId), set);
    }
    const [id] = [...teams.entries()].sort((a, b) => b[1].size - a[1].size)[0]!;
    const phone = pages.flatMap((page) => page.identities).find((row) => row.customerId === id && row.kind === 'phone');
    expect(phone, 'the busiest customer has a phone').toBeDefined();
    return { id, phone: String(phone!.value) };
  }

  it('answers the caller with exactly the rows the full snapshot serves for them, per user and team', async () => {
    const adminPages = await fullSnapshot(t.sessions.admin);
    const target = busiestCustomer(adminPages);
    for (const name of ['agent1', 'agent3', 'lead1', 'admin'] as const) {
      const reply = await caller(t.sessions[name], target.phone);
      expect(reply.status).toBe(200);
      const page = snapshotPageSchema.parse(reply.body);
      expect(page.next).toBeNull();
      expect(page.total).toBeNull();
      expect(page.customers.map((row) => row.id)).toEqual([target.id]);
      expect(page.identities.some((row) => row.kind === 'phone' && row.value === target.phone)).toBe(true);
      const served = servedFor(name === 'admin' ? adminPages : await fullSnapshot(t.sessions[name]), [target.id]);
      expect(pickedTables(page)).toEqual(served);
      // Team-restricted users see only their team's (or no team's) interactions and queue items.
      const team = t.sessions[name].login.user.teamId;
      if (name !== 'admin') {
        for (const row of page.interactions) expect([team, null]).toContain(row.teamId);
        for (const row of page.queueItems) expect(row.teamId).toBe(team);
      }
    }
    // The team filter really narrowed something for an agent (the customer spans teams).
    const agentPage = (await caller(t.sessions.agent1, target.phone)).body;
    const adminPage = (await caller(t.sessions.admin, target.phone)).body;
    expect(agentPage.interactions.length).toBeLessThan(adminPage.interactions.length);
  });

  it('answers every customer sharing the number, each with its own children', async () => {
    const pages = await fullSnapshot(t.sessions.agent1);
    const [first, second] = [pages[0]!.customers[3]!, pages[pages.length - 1]!.customers[0]!];
    const shared = '+34699000111';
    const reply = await t.push(t.sessions.agent1, [first, second].map((customer) => mutation('identity', 'add', uuidv7(), { customerId: customer.id, kind: 'phone', value: shared })));
    expect(reply.body.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    const page = snapshotPageSchema.parse((await caller(t.sessions.agent1, shared)).body);
    const ids = [first.id, second.id].sort();
    expect(page.customers.map((row) => row.id)).toEqual(ids);
    const served = servedFor(await fullSnapshot(t.sessions.agent1), ids);
    for (const [table, rows] of Object.entries(pickedTables(page))) {
      expect(new Set(rows.map((row) => row.id)), table).toEqual(new Set(served[table]!.map((row) => row.id)));
    }
  });

  it('after a merge answers the survivor, which now holds the duplicate\'s phones', async () => {
    const [survivor, duplicate] = [uuidv7(), uuidv7()];
    const own = '+34699000222';
    const duplicatesOwn = '+34699000333';
    const pushed = await t.push(t.sessions.agent1, [
      mutation('customer', 'insert', survivor, { displayName: 'Lucía Survivor' }),
      mutation('customer', 'insert', duplicate, { displayName: 'Lucia Duplicate' }),
      mutation('identity', 'add', uuidv7(), { customerId: survivor, kind: 'phone', value: own }),
      mutation('identity', 'add', uuidv7(), { customerId: duplicate, kind: 'phone', value: duplicatesOwn }),
    ]);
    expect(pushed.body.results.every((result) => result.status === 'applied')).toBe(true);
    expect((await caller(t.sessions.agent1, duplicatesOwn)).body.customers.map((row) => row.id)).toEqual([duplicate]);
    const merged = await t.app.inject({
      method: 'POST', url: '/api/customers/merge', headers: { authorization: `Bearer ${t.sessions.lead1.token}` },
      payload: { survivorId: survivor, duplicateId: duplicate, reason: 'same person' },
    });
    expect(merged.statusCode).toBe(200);
    for (const phone of [own, duplicatesOwn]) {
      const page = snapshotPageSchema.parse((await caller(t.sessions.agent1, phone)).body);
      expect(page.customers.map((row) => row.id), phone).toEqual([survivor]);
      expect(page.identities.filter((row) => row.kind === 'phone').map((row) => row.value).sort()).toEqual([own, duplicatesOwn]);
    }
  });

  it('answers an empty page for a number no customer has', async () => {
    const reply = await caller(t.sessions.agent1, '+34611000999');
    expect(reply.status).toBe(200);
    const page = snapshotPageSchema.parse(reply.body);
    expect(pickedTables(page)).toEqual({ customers: [], identities: [], consents: [], complaints: [], interactions: [], outcomeTags: [], queueItems: [] });
    expect(page.next).toBeNull();
  });

  it('refuses a number that is not E.164 with a clear message, and an anonymous caller', async () => {
    for (const phone of ['garbage', '600111222', '+0034600111222', '+34 600 111 222x', '']) {
      const reply = await caller(t.sessions.agent1, phone);
      expect(reply.status, phone).toBe(400);
      expect(JSON.stringify(reply.body.error)).toContain('E.164');
    }
    // A "+" left unencoded in the URL arrives as a space: refused, not silently matched.
    expect((await get('/api/sync/snapshot/caller?phone=+34600111222', t.sessions.agent1)).status).toBe(400);
    expect((await get('/api/sync/snapshot/caller', t.sessions.agent1)).status).toBe(400);
    expect((await caller(null, '+34600111222')).status).toBe(401);
  });
});
