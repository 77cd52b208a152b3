import { randomUUID } from 'node:crypto';
import { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines';
import { readCsv } from '../import/csv';
import { startFixtureApp, type FixtureApp, type FixtureUser } from './testing/app';
import type { Fixture } from './testing/fixtures';
import { at, insertCustomer, insertInteraction, retag } from './testing/rows';

const hoursAgo = (hours: number): string => new Date(Date.now() - hours * 3_600_000).toISOString();

describeEachEngine('read routes', (engine) => {
  let app: FastifyInstance;
  let f: Fixture;
  let token: FixtureApp['token'];
  let get: FixtureApp['get'];
  const ids: Record<string, string> = {};

  const post = (who: FixtureUser, url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${token[who]}` } });

  beforeAll(async () => {
    const db = engine.db();
    ({ app, f, token, get } = await startFixtureApp(db));
    await db.kysely.insertInto('pause_codes').values({ code: 'break', label_en: 'Break', label_es: 'Descanso' }).execute();

    // Customers for the queue: priority inputs chosen so the scores can be worked out by hand.
    ids.calm = await insertCustomer(db, { display_name: 'Calm Customer' });
    ids.calm2 = await insertCustomer(db, { display_name: 'Calm Later' });
    ids.gold = await insertCustomer(db, { display_name: 'Gold Customer', loyalty_level: 'gold', clv: 999 });
    ids.angry = await insertCustomer(db, { display_name: 'Angry Customer' });
    await db.kysely.insertInto('survey_responses').values({ customer_id: ids.gold, kind: 'nps', score: 2, responded_at: hoursAgo(100), interaction_id: null }).execute();
    const complaintId = randomUUID();
    await db.kysely.insertInto('complaints').values({
      id: complaintId, customer_id: ids.angry, type_id: 'service.outage', taxonomy_version: 1, opened_by: null, opened_at: hoursAgo(60), sla_due_at: hoursAgo(36),
    }).execute();
    const item = (customer: string, team: string, dueHours: number, state: 'open' | 'done' = 'open') => ({
      id: randomUUID(), kind: 'callback' as const, customer_id: customer, team_id: team, due_at: hoursAgo(-dueHours), state, complaint_id: null,
      assignee_id: null, disposition: null, interaction_id: null, created_by: null,
    });
    const items = [item(ids.calm, f.teamA, 1), item(ids.calm2, f.teamA, 5), item(ids.gold, f.teamA, 3), item(ids.angry, f.teamA, 10), item(ids.calm, f.teamB, 1), item(ids.gold, f.teamA, 2, 'done')];
    await db.kysely.insertInto('queue_items').values(items).execute();
    ['qCalm', 'qCalm2', 'qGold', 'qAngry', 'qTeamB', 'qDone'].forEach((name, index) => { ids[name] = items[index]!.id; });

    // Calls: team A (agent1, agent2) and team B (agent3).
    ids.call1 = await insertInteraction(db, {
      agent_id: f.agent1, team_id: f.teamA, customer_id: ids.angry, queued_at: hoursAgo(48), answered_at: hoursAgo(47.99), ended_at: hoursAgo(47.9),
      emotion_start: 'angry', emotion_start_intensity: 3, emotion_end: 'angry', emotion_end_intensity: 3, first_contact_resolution: false,
      complaint_type_id: 'service.outage', complaint_id: complaintId, disposition: 'complaint', notes: 'Third outage this month', script_id: 'support', script_version: 2,
      script_answers: JSON.stringify({ q1: 'router rebooted' }),
    });
    ids.call2 = await insertInteraction(db, {
      agent_id: f.agent2, team_id: f.teamA, customer_id: ids.angry, queued_at: hoursAgo(30), answered_at: hoursAgo(29.9), ended_at: hoursAgo(29.8),
      emotion_start: 'calm', emotion_start_intensity: 1, emotion_end: 'angry', emotion_end_intensity: 3, first_contact_resolution: true, transfer_target: 'queue:retention',
    });
    ids.call3 = await insertInteraction(db, { agent_id: f.agent3, team_id: f.teamB, customer_id: ids.calm, queued_at: hoursAgo(20), answered_at: hoursAgo(19.9), ended_at: hoursAgo(19.8) });
    for (let n = 0; n < 3; n++) {
      await insertInteraction(db, { agent_id: f.agent1, team_id: f.teamA, queued_at: at(hoursAgo(10), n * 60), answered_at: at(hoursAgo(10), n * 60 + 5), ended_at: at(hoursAgo(10), n * 60 + 50), first_contact_resolution: true });
    }
    await retag(db, ids.call1, f.lead1, { disposition: 'callback' }, 'promised a callback, not closed');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('documents every read route in the OpenAPI description', async () => {
    const paths = Object.keys((await get(null, '/docs/json')).json().paths as object);
    for (const path of ['/api/kpis', '/api/exclusions', '/api/availability', '/api/presence', '/api/team/interactions', '/api/interactions/{id}', '/api/queues/items']) {
      expect(paths).toContain(path);
    }
  });

  it('KPIs: scoped by role, 403 outside scope, 401 without a token, 400 for bad ranges', async () => {
    const mine = await get('agent1', '/api/kpis');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ scope: { teamId: f.teamA, agentId: f.agent1 }, totals: { contacts: 4 } });
    expect(mine.json().agents).toBeUndefined();

    const team = await get('lead1', '/api/kpis');
    expect(team.json().totals.contacts).toBe(5);
    expect(team.json().agents.map((a: { displayName: string }) => a.displayName)).toEqual(['t_agent1', 't_agent2']);

    expect((await get('agent1', `/api/kpis?team=${f.teamB}`)).statusCode).toBe(403);
    expect((await get('lead1', `/api/kpis?agent=${f.agent3}`)).statusCode).toBe(403);
    expect((await get('admin', `/api/kpis?team=${f.teamB}`)).json().totals.contacts).toBe(1);
    expect((await get(null, '/api/kpis')).statusCode).toBe(401);
    const bad = await get('admin', '/api/kpis?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_query');
    expect((await get('admin', '/api/kpis?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).statusCode).toBe(400);
  });

  it('KPIs: teams=1 per team (admins all, leads their own, agents 403) and series=day|week|month', async () => {
    const all = (await get('admin', '/api/kpis?teams=1')).json();
    expect(all.teams.map((t: { name: string; contacts: number }) => [t.name, t.contacts])).toEqual([['Team A', 5], ['Team B', 1]]);
    expect(all.emotionSeries).toBeUndefined();
    const lead = (await get('lead1', '/api/kpis?teams=1')).json();
    expect(lead.teams.map((t: { teamId: string }) => t.teamId)).toEqual([f.teamA]);
    const agentAsks = await get('agent1', '/api/kpis?teams=1');
    expect(agentAsks.statusCode).toBe(403);
    expect(agentAsks.json().error.code).toBe('forbidden');

    const series = (await get('lead1', '/api/kpis?series=day')).json();
    const periods = series.emotionSeries.map((p: { period: string }) => p.period);
    expect(periods).toEqual([...periods].sort());
    // Summed over the periods, the series gives the report's emotion counts.
    const angryEnds = series.emotionSeries.reduce((sum: number, p: { end: { angry: number } }) => sum + p.end.angry, 0);
    expect(angryEnds).toBe(series.emotions.end.angry);
    expect(angryEnds).toBe(2);
    expect((await get('admin', '/api/kpis?series=year')).statusCode).toBe(400);
    expect((await get('admin', '/api/kpis?teams=yes')).statusCode).toBe(400);
    const openapi = (await get(null, '/docs/json')).json();
    const params = (openapi.paths['/api/kpis'].get.parameters as { name: string }[]).map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(['teams', 'series']));
  });

  it('exclusions: leads and admins only, JSON and CSV, thresholds validated', async () => {
    expect((await get('agent1', '/api/exclusions')).statusCode).toBe(403);
    const json = await get('lead1', '/api/exclusions');
    expect(json.statusCode).toBe(200);
    const angry = json.json().items.find((c: { customerId: string }) => c.customerId === ids.angry);
    expect(angry.reasons.map((r: { code: string }) => r.code)).toEqual(['open_complaint', 'sla_breached', 'negative_emotion']);
    // The angry calls were 30 and 48 hours ago: a one-day emotion window leaves them out.
    const csv = await get('admin', '/api/exclusions?format=csv&negativeEmotionDays=1');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const records = [];
    for await (const record of readCsv([csv.body])) records.push(record.fields);
    expect(records[0]).toEqual(['customer_id', 'display_name', 'phone', 'email', 'reasons', 'details']);
    expect(records.find((r) => r[0] === ids.angry)?.[4]).toBe('open_complaint;sla_breached');
    const invalid = await get('admin', '/api/exclusions?minCalls=-3');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('invalid_query');
  });

  it('availability: agents report presence, leads read it per team, stale states read as offline', async () => {
    expect((await post('agent1', '/api/presence', { state: 'available' })).statusCode).toBe(200);
    const paused = await post('agent2', '/api/presence', { state: 'paused' });
    expect(paused.statusCode).toBe(400);
    expect(paused.json().error.code).toBe('pause_code_required');
    expect((await post('agent2', '/api/presence', { state: 'paused', pauseCode: 'nap' })).json().error.code).toBe('unknown_pause_code');
    expect((await post('agent2', '/api/presence', { state: 'paused', pauseCode: 'break' })).json()).toMatchObject({ state: 'paused', pauseCode: 'break' });
    expect((await post('agent3', '/api/presence', { state: 'dancing' })).statusCode).toBe(400);
    expect((await post('admin', '/api/presence', { state: 'available' })).statusCode).toBe(403);
    await engine.db().kysely.updateTable('agent_status').set({ state: 'available', updated_at: hoursAgo(1) }).where('user_id', '=', f.agent3).execute()
      .then(async (result) => {
        if (Number(result[0]?.numUpdatedRows ?? 0) === 0) {
          await engine.db().kysely.insertInto('agent_status').values({ user_id: f.agent3, state: 'available', updated_at: hoursAgo(1), since: hoursAgo(2) }).execute();
        }
      });

    expect((await get('agent1', '/api/availability')).statusCode).toBe(403);
    const board = await get('lead1', '/api/availability');
    expect(board.statusCode).toBe(200);
    const teams = Object.fromEntries(board.json().teams.map((t: { name: string; counts: unknown }) => [t.name, t.counts]));
    expect(teams['Team A']).toEqual({ offline: 1, available: 1, on_call: 0, wrap_up: 0, paused: 1 });
    // agent3 said "available" an hour ago and went silent: offline, flagged stale.
    expect(teams['Team B']).toEqual({ offline: 2, available: 0, on_call: 0, wrap_up: 0, paused: 0 });
    const agent3 = board.json().teams.find((t: { name: string }) => t.name === 'Team B').agents.find((a: { agentId: string }) => a.agentId === f.agent3);
    expect(agent3).toMatchObject({ state: 'offline', stale: true });
    const agent2 = () => get('lead1', '/api/availability').then((reply) => reply.json().teams.flatMap((t: { agents: unknown[] }) => t.agents).find((a: { agentId: string }) => a.agentId === f.agent2));
    expect(await agent2()).toMatchObject({ state: 'paused', pauseMaxMinutes: null, pauseOverrun: false });

    // A pause with a limit (maxMinutes) that has run over it is flagged on the board.
    await engine.db().kysely.updateTable('pause_codes').set({ max_minutes: 15 }).where('code', '=', 'break').execute();
    expect(await agent2()).toMatchObject({ pauseMaxMinutes: 15, pauseOverrun: false });
    await engine.db().kysely.updateTable('agent_status').set({ since: hoursAgo(0.5) }).where('user_id', '=', f.agent2).execute();
    expect(await agent2()).toMatchObject({ state: 'paused', pauseMaxMinutes: 15, pauseOverrun: true });
    await engine.db().kysely.updateTable('pause_codes').set({ max_minutes: null }).where('code', '=', 'break').execute();
  });

  it("team interactions: a lead lists and filters their own team's calls, pages with a cursor", async () => {
    expect((await get('agent1', '/api/team/interactions')).statusCode).toBe(403);
    expect((await get('lead1', `/api/team/interactions?team=${f.teamB}`)).statusCode).toBe(403);
    const all = (await get('lead1', '/api/team/interactions')).json();
    expect(all.items).toHaveLength(5);
    expect(all.items.every((i: { agentId: string }) => i.agentId !== f.agent3)).toBe(true);
    expect((await get('lead1', '/api/team/interactions?emotion=angry')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.call2, ids.call1]);
    expect((await get('lead1', '/api/team/interactions?emotion=calm')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.call2]);
    expect((await get('lead1', '/api/team/interactions?fcr=false')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.call1]);
    expect((await get('lead1', '/api/team/interactions?transferred=true')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.call2]);
    expect((await get('lead1', '/api/team/interactions?disposition=callback')).json().items[0]).toMatchObject({ id: ids.call1, retagCount: 1 });
    expect((await get('lead1', `/api/team/interactions?agent=${f.agent2}`)).json().items).toHaveLength(1);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await get('lead1', `/api/team/interactions?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i: { id: string }) => i.id));
    expect((await get('lead1', '/api/team/interactions?cursor=bogus')).statusCode).toBe(400);
    expect((await get('admin', '/api/team/interactions')).json().items).toHaveLength(6);
  });

  it('interaction review: the lead of that team and the handling agent only', async () => {
    const review = await get('lead1', `/api/interactions/${ids.call1}`);
    expect(review.statusCode).toBe(200);
    const body = review.json();
    expect(body).toMatchObject({
      notes: 'Third outage this month', outcome: { disposition: 'callback', emotionEnd: { emotion: 'angry', intensity: 3 } },
      script: { id: 'support', version: 2, answers: { q1: 'router rebooted' } }, complaint: { typeId: 'service.outage', status: 'open' },
    });
    expect(body.retags).toEqual([expect.objectContaining({ reason: 'promised a callback, not closed', new: { disposition: 'callback' } })]);
    expect(body.timeline.map((t: { id: string }) => t.id)).toEqual([ids.call2]);
    expect((await get('agent1', `/api/interactions/${ids.call1}`)).statusCode).toBe(200);
    expect((await get('agent2', `/api/interactions/${ids.call1}`)).statusCode).toBe(403);
    expect((await get('lead1', `/api/interactions/${ids.call3}`)).statusCode).toBe(403);
    expect((await get('agent3', `/api/interactions/${ids.call1}`)).statusCode).toBe(403);
    expect((await get('lead1', `/api/interactions/${randomUUID()}`)).statusCode).toBe(404);
    expect((await get('lead1', '/api/interactions/not-a-uuid')).statusCode).toBe(400);
  });

  it('queue: ordered by priority then due time, with the explanation; other teams get 403', async () => {
    const response = await get('agent1', '/api/queues/items');
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json() as { total: number; items: { id: string; priority: { score: number; factors: { factor: string; contribution: number }[] } }[] };
    // Angry (latest call ended angry, 3): 1 open complaint 5 + 36 h overdue 10 + angry(3) 15 = 30. Gold: loyalty 11.25 + CLV 9.58 + NPS 2 → 8 = 28.8.
    // The two calm customers score 0: the one due first goes first.
    expect(items.map((i) => i.id)).toEqual([ids.qAngry, ids.qGold, ids.qCalm, ids.qCalm2]);
    expect(total).toBe(4);
    expect(items[0]!.priority.score).toBeCloseTo(30, 1);
    expect(items[1]!.priority.score).toBe(28.8);
    const explained = Object.fromEntries(items[0]!.priority.factors.filter((x) => x.contribution > 0).map((x) => [x.factor, x.contribution]));
    expect(Object.keys(explained).sort()).toEqual(['openComplaints', 'recentEmotion', 'slaOverdue']);
    expect(explained.openComplaints).toBe(5);
    expect(explained.recentEmotion).toBe(15);

    expect((await get('agent3', `/api/queues/items?team=${f.teamA}`)).statusCode).toBe(403);
    expect((await get('agent3', '/api/queues/items')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.qTeamB]);
    expect((await get('lead1', '/api/queues/items?state=done')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.qDone]);
    expect((await get('admin', '/api/queues/items')).statusCode).toBe(400);
    expect((await get('agent1', '/api/queues/items?state=lost')).statusCode).toBe(400);
    expect((await get('agent1', '/api/queues/items?limit=1&offset=1')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.qGold]);
  });
});
