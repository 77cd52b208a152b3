/**
 * GET /api/kpis?series=…: the per-period KPI series (the dashboard's trend in one request) keeps
 * the read rules — agents their own figures and 403 on teams, leads their own team only.
 */
import { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines';
import { startFixtureApp, type FixtureApp } from './testing/app';
import type { Fixture } from './testing/fixtures';
import { at, insertInteraction } from './testing/rows';

const RANGE = `from=${encodeURIComponent('2026-03-01T00:00:00Z')}&to=${encodeURIComponent('2026-03-15T00:00:00Z')}`;

interface SeriesReply {
  totals: { contacts: number };
  kpiSeries?: { period: string; contacts: number; ahtSeconds: number | null; abandonmentRate: number | null }[];
  emotionSeries?: { period: string }[];
}

describeEachEngine('KPI series route', (engine) => {
  let app: FastifyInstance;
  let f: Fixture;
  let get: FixtureApp['get'];

  beforeAll(async () => {
    const db = engine.db();
    ({ app, f, get } = await startFixtureApp(db));
    // 2 March: agent1 talks 100 s; agent2 60 s + one abandoned call. 9 March (next ISO week): agent1 200 s. Team B: agent3 on 2 March.
    const call = (agent: string, team: string, day: string, talk: number) =>
      insertInteraction(db, { agent_id: agent, team_id: team, queued_at: at(day), answered_at: at(day, 10), ended_at: at(day, 10 + talk) });
    await call(f.agent1, f.teamA, '2026-03-02T09:00:00Z', 100);
    await call(f.agent2, f.teamA, '2026-03-02T11:00:00Z', 60);
    await insertInteraction(db, { agent_id: f.agent2, team_id: f.teamA, queued_at: '2026-03-02T12:00:00Z', ended_at: '2026-03-02T12:01:00Z' });
    await call(f.agent1, f.teamA, '2026-03-09T09:00:00Z', 200);
    await call(f.agent3, f.teamB, '2026-03-02T10:00:00Z', 500);
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers every KPI per period in the one reply, for the lead\'s own team', async () => {
    const reply = await get('lead1', `/api/kpis?${RANGE}&series=week`);
    expect(reply.statusCode).toBe(200);
    const body = reply.json<SeriesReply>();
    expect(body.kpiSeries?.map((p) => [p.period, p.contacts, p.ahtSeconds, p.abandonmentRate])).toEqual([
      ['2026-W10', 3, 80, 0.3333],
      ['2026-W11', 1, 200, 0],
    ]);
    expect(body.kpiSeries?.map((p) => p.period)).toEqual(body.emotionSeries?.map((p) => p.period));
    expect(body.kpiSeries?.reduce((sum, p) => sum + p.contacts, 0)).toBe(body.totals.contacts);
    // Without `series` there is no series at all.
    expect((await get('lead1', `/api/kpis?${RANGE}`)).json<SeriesReply>().kpiSeries).toBeUndefined();
  });

  it('gives an agent only their own periods, and refuses what is not theirs', async () => {
    const own = (await get('agent1', `/api/kpis?${RANGE}&series=day`)).json<SeriesReply>();
    expect(own.kpiSeries?.map((p) => [p.period, p.contacts, p.ahtSeconds])).toEqual([['2026-03-02', 1, 100], ['2026-03-09', 1, 200]]);
    expect((await get('agent1', `/api/kpis?${RANGE}&series=day&teams=1`)).statusCode).toBe(403);
    expect((await get('agent1', `/api/kpis?${RANGE}&series=day&team=${f.teamB}`)).statusCode).toBe(403);
    expect((await get('agent1', `/api/kpis?${RANGE}&series=day&agent=${f.agent2}`)).statusCode).toBe(403);
    expect((await get('lead1', `/api/kpis?${RANGE}&series=day&team=${f.teamB}`)).statusCode).toBe(403);
    expect((await get('lead1', `/api/kpis?${RANGE}&series=day&agent=${f.agent3}`)).statusCode).toBe(403);
  });

  it('lets an admin read any team\'s series', async () => {
    const teamB = (await get('admin', `/api/kpis?${RANGE}&series=month&team=${f.teamB}`)).json<SeriesReply>();
    expect(teamB.kpiSeries?.map((p) => [p.period, p.contacts, p.ahtSeconds])).toEqual([['2026-03', 1, 500]]);
    const all = (await get('admin', `/api/kpis?${RANGE}&series=month&teams=1`)).json<SeriesReply>();
    expect(all.kpiSeries?.map((p) => [p.period, p.contacts])).toEqual([['2026-03', 5]]);
  });
});
