import { afterAll, beforeAll, expect, it } from 'vitest';
import { historyPageSchema, type HistoryPage } from '@contract/snapshot';
import { createTestApp, mutation, uuidv7, type Session, type TestApp } from '../../test/harness';
import { describeEachEngine } from '../../test/engines';

describeEachEngine('sync history (older interactions on demand)', (engine) => {
  let t: TestApp;
  const customerId = uuidv7();
  const calls: Array<{ id: string; answeredAt: string }> = [];
  beforeAll(async () => {
    t = await createTestApp(engine.db());
    // Seven calls of one customer, one every 60 days back from today: most are past the snapshot's 90 days.
    for (let index = 0; index < 7; index += 1) calls.push({ id: uuidv7(), answeredAt: new Date(Date.now() - index * 60 * 86_400_000).toISOString() });
    const reply = await t.push(t.sessions.agent1, [
      mutation('customer', 'insert', customerId, { displayName: 'History Customer' }),
      ...calls.map((call) => mutation('interaction', 'insert', call.id, {
        customerId, channel: 'call', direction: 'inbound', queue: null, remoteNumber: '+34600777888', line: 1,
        queuedAt: null, answeredAt: call.answeredAt, endedAt: null, holdSeconds: 0, transferTarget: null,
      })),
    ]);
    expect(reply.body.results.every((result) => result.status === 'applied')).toBe(true);
  });
  afterAll(async () => { await t?.close(); });

  async function page(session: Session, query: Record<string, string>): Promise<{ status: number; body: HistoryPage }> {
    const response = await t.app.inject({ method: 'GET', url: `/api/sync/history?${new URLSearchParams(query)}`, headers: { authorization: `Bearer ${session.token}` } });
    return { status: response.statusCode, body: response.json() };
  }

  it('pages through every interaction newest first, resuming exactly after the oldest one held', async () => {
    const seen: string[] = [];
    let query: Record<string, string> = { customerId, limit: '3' };
    for (let round = 0; round < 5; round += 1) {
      const reply = await page(t.sessions.agent1, query);
      expect(reply.status).toBe(200);
      const body = historyPageSchema.parse(reply.body);
      seen.push(...body.interactions.map((row) => row.id));
      for (const row of body.interactions) expect(row).toMatchObject({ customerId, occurredAt: calls.find((call) => call.id === row.id)?.answeredAt });
      if (!body.next) break;
      query = { customerId, limit: '3', ...body.next };
    }
    expect(seen).toEqual(calls.map((call) => call.id));
    // Resuming from a call the client already holds (its occurredAt and id) gives only older ones.
    const resumed = historyPageSchema.parse((await page(t.sessions.agent1, { customerId, before: calls[4]!.answeredAt, beforeId: calls[4]!.id })).body);
    expect(resumed.interactions.map((row) => row.id)).toEqual([calls[5]!.id, calls[6]!.id]);
    expect(resumed.next).toBeNull();
  });

  it('scopes interactions to the user\'s team like the pull, and rejects a half keyset', async () => {
    const otherTeam = historyPageSchema.parse((await page(t.sessions.agent3, { customerId })).body);
    expect(otherTeam.interactions).toEqual([]);
    const admin = historyPageSchema.parse((await page(t.sessions.admin, { customerId, limit: '10' })).body);
    expect(admin.interactions).toHaveLength(7);
    expect((await page(t.sessions.agent1, { customerId, before: calls[0]!.answeredAt })).status).toBe(400);
  });
});
