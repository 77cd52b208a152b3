import { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFixtureApp, type FixtureApp } from '../src/reports/testing/app';
import type { Fixture } from '../src/reports/testing/fixtures';
import { insertInteraction } from '../src/reports/testing/rows';
import { describeEachEngine } from './engines';

const secondsAgo = (seconds: number): string => new Date(Date.now() - seconds * 1000).toISOString();

describeEachEngine('team board', (engine) => {
  let app: FastifyInstance;
  let f: Fixture;
  let get: FixtureApp['get'];

  beforeAll(async () => {
    const db = engine.db();
    ({ app, f, get } = await startFixtureApp(db));
    await db.kysely.insertInto('pause_codes').values({ code: 'training', label_en: 'Training', label_es: 'Formación' }).onConflict((oc) => oc.doNothing()).execute();
    await db.kysely.insertInto('agent_status').values([
      { user_id: f.agent1, state: 'on_call', pause_code: null, since: secondsAgo(90), updated_at: secondsAgo(5) },
      { user_id: f.agent2, state: 'paused', pause_code: 'training', since: secondsAgo(600), updated_at: secondsAgo(10) },
      { user_id: f.lead1, state: 'available', pause_code: null, since: secondsAgo(30), updated_at: secondsAgo(30) },
    ]).execute();
    // Team A: two calls waiting (one for 120 s), one answered, one abandoned long ago (ended), one
    // never closed from yesterday (outside the window); team B: one waiting.
    await insertInteraction(db, { agent_id: f.agent1, team_id: f.teamA, queued_at: secondsAgo(120) });
    await insertInteraction(db, { agent_id: f.agent2, team_id: f.teamA, queued_at: secondsAgo(20) });
    await insertInteraction(db, { agent_id: f.agent1, team_id: f.teamA, queued_at: secondsAgo(300), answered_at: secondsAgo(280) });
    await insertInteraction(db, { agent_id: f.agent1, team_id: f.teamA, queued_at: secondsAgo(400), ended_at: secondsAgo(350) });
    await insertInteraction(db, { agent_id: f.agent1, team_id: f.teamA, queued_at: secondsAgo(86_400) });
    await insertInteraction(db, { agent_id: f.agent3, team_id: f.teamB, queued_at: secondsAgo(60) });
  });

  afterAll(async () => {
    await app?.close();
  });

  it("shows the lead their team's agents with state and time in state, agents available and calls waiting", async () => {
    const reply = await get('lead1', '/api/team/board');
    expect(reply.statusCode).toBe(200);
    const board = reply.json();
    expect(board).toMatchObject({ teamId: f.teamA, teamName: 'Team A', agentsAvailable: 1, callsWaiting: 2 });
    expect(board.counts).toEqual({ offline: 0, available: 1, on_call: 1, wrap_up: 0, paused: 1 });
    expect(board.longestWaitSeconds).toBeGreaterThanOrEqual(120);
    expect(board.longestWaitSeconds).toBeLessThan(86_400);
    const byName = Object.fromEntries(board.agents.map((a: { displayName: string }) => [a.displayName, a]));
    expect(Object.keys(byName).sort()).toEqual(['t_agent1', 't_agent2', 't_lead1']);
    expect(byName.t_agent1).toMatchObject({ state: 'on_call', pauseCode: null });
    expect(byName.t_agent1.secondsInState).toBeGreaterThanOrEqual(90);
    expect(byName.t_agent2).toMatchObject({ state: 'paused', pauseCode: 'training' });
    expect(byName.t_agent2.secondsInState).toBeGreaterThanOrEqual(600);
  });

  it('refuses agents and leads of another team (403), lets an admin pick any team', async () => {
    expect((await get('agent1', '/api/team/board')).statusCode).toBe(403);
    const other = await get('lead2', `/api/team/board?team=${f.teamA}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('forbidden');
    expect((await get('lead2', '/api/team/board')).json()).toMatchObject({ teamId: f.teamB, callsWaiting: 1, counts: { offline: 2 } });
    expect((await get('admin', '/api/team/board')).statusCode).toBe(400);
    expect((await get('admin', `/api/team/board?team=${f.teamA}`)).json()).toMatchObject({ teamId: f.teamA, callsWaiting: 2 });
  });
});
