import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines';
import { computeKpis } from './kpis';
import { resolveScope } from './scope';
import { type Fixture, insertFixture } from './testing/fixtures';
import { at, insertInteraction, retag } from './testing/rows';

const T = '2026-02-10T10:00:00Z';
const range = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') };

describeEachEngine('KPIs', (engine) => {
  let f: Fixture;

  beforeAll(async () => {
    const db = engine.db();
    f = await insertFixture(db);
    // Team A, agent1.
    await insertInteraction(db, {
      agent_id: f.agent1, team_id: f.teamA, queued_at: at(T), answered_at: at(T, 30), ended_at: at(T, 330), wrapped_up_at: at(T, 360),
      first_contact_resolution: true, csat: 5, nps: 10, ces: 2, emotion_start: 'angry', emotion_start_intensity: 3,
      emotion_end: 'calm', emotion_end_intensity: 1, complaint_type_id: 'billing.double_charge', disposition: 'resolved',
    });
    await insertInteraction(db, {
      agent_id: f.agent1, team_id: f.teamA, queued_at: at(T, 3600), answered_at: at(T, 3690), ended_at: at(T, 3890),
      first_contact_resolution: false, csat: 3, nps: 6, emotion_start: 'frustrated', emotion_start_intensity: 2,
      emotion_end: 'frustrated', emotion_end_intensity: 2, complaint_type_id: 'service.outage',
    });
    await insertInteraction(db, { agent_id: f.agent1, team_id: f.teamA, queued_at: at(T, 7200), ended_at: at(T, 7245) }); // abandoned
    await insertInteraction(db, {
      agent_id: f.agent1, team_id: f.teamA, channel: 'email', answered_at: at(T, 9000), ended_at: at(T, 9100), first_contact_resolution: true,
      emotion_start: 'calm', emotion_start_intensity: 1, emotion_end: 'satisfied', emotion_end_intensity: 2, complaint_type_id: 'billing.double_charge',
    });
    // Team A, agent2.
    await insertInteraction(db, {
      agent_id: f.agent2, team_id: f.teamA, direction: 'outbound', answered_at: at(T, 500), ended_at: at(T, 600), wrapped_up_at: at(T, 620),
      first_contact_resolution: true, nps: 9, ces: 4, emotion_start: 'confused', emotion_start_intensity: 1, emotion_end: 'calm', emotion_end_intensity: 1,
    });
    const retagged = await insertInteraction(db, {
      agent_id: f.agent2, team_id: f.teamA, queued_at: at(T, 1000), answered_at: at(T, 1060), ended_at: at(T, 1460), wrapped_up_at: at(T, 1460),
      csat: 4, emotion_start: 'anxious', emotion_start_intensity: 2, emotion_end: 'anxious', emotion_end_intensity: 2,
    });
    // Two re-tags by the lead: the later one wins for the fields it sets, the earlier one still sets FCR.
    await retag(db, retagged, f.lead1, { firstContactResolution: true, complaintTypeId: 'billing.double_charge' }, 'listened to the call');
    await retag(db, retagged, f.lead1, { emotionEnd: { emotion: 'angry', intensity: 2 }, complaintTypeId: 'service.outage' }, 'customer was angry');
    // Team B and an out-of-range call.
    await insertInteraction(db, {
      agent_id: f.agent3, team_id: f.teamB, queued_at: at(T), answered_at: at(T, 10), ended_at: at(T, 110), first_contact_resolution: false, csat: 1,
    });
    await insertInteraction(db, { agent_id: f.agent1, team_id: f.teamA, queued_at: at('2026-01-15T10:00:00Z'), answered_at: at('2026-01-15T10:00:05Z'), ended_at: at('2026-01-15T10:10:00Z') });
  });

  it("computes a team lead's team figures as worked out by hand", async () => {
    const db = engine.db();
    const scope = await resolveScope(db, { id: f.lead1, role: 'team_lead', teamId: f.teamA }, {});
    const report = await computeKpis(db, scope, range, { perAgent: true });
    // AHT: (300+30), 200, (100+20), 400 → 1050/4. Wait: 30, 90, 60. Abandoned: 1 of 4 inbound queued calls.
    // FCR: yes, no, yes, yes, re-tagged yes → 4/5. CSAT 5,3,4 → 2/3 satisfied, mean 4. NPS 10,6,9 → (2−1)/3.
    expect(report.totals).toEqual({
      contacts: 6, calls: 5, ahtSeconds: 262.5, averageWaitSeconds: 60, abandonmentRate: 0.25, firstContactResolution: 0.8,
      csat: { satisfiedShare: 0.6667, average: 4, responses: 3 }, nps: { score: 33.33, responses: 3 }, ces: { average: 3, responses: 2 },
    });
    expect(report.emotions).toEqual({
      start: { calm: 1, satisfied: 0, confused: 1, anxious: 1, frustrated: 1, angry: 1 },
      end: { calm: 2, satisfied: 1, confused: 0, anxious: 0, frustrated: 1, angry: 1 },
    });
    expect(report.complaintTypes).toEqual([
      { typeId: 'billing.double_charge', labelEn: 'Double charge', labelEs: 'Cobro duplicado', count: 2 },
      { typeId: 'service.outage', labelEn: 'Outage', labelEs: 'Corte', count: 2 },
    ]);
    expect(report.agents?.map((a) => [a.displayName, a.contacts, a.ahtSeconds, a.averageWaitSeconds, a.abandonmentRate, a.firstContactResolution])).toEqual([
      ['t_agent1', 4, 265, 60, 0.3333, 0.6667],
      ['t_agent2', 2, 260, 60, 0, 1],
    ]);
  });

  it("gives an agent only their own figures, and admins everything", async () => {
    const db = engine.db();
    const own = await computeKpis(db, await resolveScope(db, { id: f.agent2, role: 'agent', teamId: f.teamA }, {}), range, {});
    expect(own.scope).toEqual({ teamId: f.teamA, agentId: f.agent2 });
    expect(own.totals).toMatchObject({ contacts: 2, ahtSeconds: 260, firstContactResolution: 1, nps: { score: 100, responses: 1 } });
    expect(own.agents).toBeUndefined();

    const all = await computeKpis(db, await resolveScope(db, { id: f.admin, role: 'admin', teamId: null }, {}), range, { perAgent: true });
    expect(all.totals.contacts).toBe(7);
    expect(all.totals.csat).toEqual({ satisfiedShare: 0.5, average: 3.25, responses: 4 });
    expect(all.agents?.map((a) => a.displayName)).toEqual(['t_agent1', 't_agent2', 't_agent3']);
  });

  it('breaks the figures down per team and the emotions per period, oldest first', async () => {
    const db = engine.db();
    const scope = await resolveScope(db, { id: f.admin, role: 'admin', teamId: null }, {});
    const janToFeb = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') };
    const report = await computeKpis(db, scope, janToFeb, { perTeam: true, series: 'month' });
    expect(report.teams?.map((t) => [t.name, t.contacts, t.calls, t.ahtSeconds, t.csat.responses])).toEqual([
      ['Team A', 7, 6, 329, 3], // the January call (595 s) joins the four February calls: (1050 + 595) / 5
      ['Team B', 1, 1, 100, 1],
    ]);
    expect(report.teams?.[0]?.teamId).toBe(f.teamA);
    expect(report.agents).toBeUndefined();
    const none = { calm: 0, satisfied: 0, confused: 0, anxious: 0, frustrated: 0, angry: 0 };
    // The January call recorded no emotions: its period has contacts but zero counts.
    expect(report.emotionSeries).toEqual([
      { period: '2026-01', start: none, end: none },
      { period: '2026-02', ...report.emotions },
    ]);
    // Every KPI per period, from the same read: February's period is the February report's totals.
    const february = await computeKpis(db, scope, range, {});
    expect(report.kpiSeries?.map((p) => p.period)).toEqual(['2026-01', '2026-02']);
    expect(report.kpiSeries?.[0]).toEqual({
      period: '2026-01', contacts: 1, calls: 1, ahtSeconds: 595, averageWaitSeconds: 5, abandonmentRate: 0, firstContactResolution: null,
      csat: { satisfiedShare: null, average: null, responses: 0 }, nps: { score: null, responses: 0 }, ces: { average: null, responses: 0 },
    });
    expect(report.kpiSeries?.[1]).toEqual({ period: '2026-02', ...february.totals });
    expect(february.kpiSeries).toBeUndefined();
    const weekly = await computeKpis(db, scope, range, { series: 'week' });
    expect(weekly.kpiSeries?.map((p) => [p.period, p.contacts])).toEqual([['2026-W07', 7]]);
    expect(weekly.emotionSeries?.map((p) => p.period)).toEqual(['2026-W07']); // Tuesday 10 February 2026
    const daily = await computeKpis(db, scope, janToFeb, { series: 'day' });
    expect(daily.emotionSeries?.map((p) => p.period)).toEqual(['2026-01-15', '2026-02-10']);
    expect(daily.emotionSeries?.[1]?.end).toEqual({ calm: 2, satisfied: 1, confused: 0, anxious: 0, frustrated: 1, angry: 1 });
    expect(daily.kpiSeries?.map((p) => p.period)).toEqual(['2026-01-15', '2026-02-10']);
  });

  it("keeps the trend series inside the viewer's scope: an agent's periods add up to their own totals", async () => {
    const db = engine.db();
    const janToFeb = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') };
    const own = await computeKpis(db, await resolveScope(db, { id: f.agent1, role: 'agent', teamId: f.teamA }, {}), janToFeb, { series: 'day' });
    expect(own.kpiSeries?.map((p) => [p.period, p.contacts, p.calls])).toEqual([['2026-01-15', 1, 1], ['2026-02-10', 4, 3]]);
    expect(own.kpiSeries?.reduce((sum, p) => sum + p.contacts, 0)).toBe(own.totals.contacts);
    const team = await computeKpis(db, await resolveScope(db, { id: f.lead1, role: 'team_lead', teamId: f.teamA }, {}), janToFeb, { series: 'month', perAgent: true });
    // Team B's call on 10 February is not in team A's February.
    expect(team.kpiSeries?.map((p) => [p.period, p.contacts])).toEqual([['2026-01', 1], ['2026-02', 6]]);
    expect(team.kpiSeries?.[1]?.ahtSeconds).toBe(262.5);
  });

  it('counts a partial first and last day from the raw rows and the whole days between from the summary', async () => {
    const db = engine.db();
    const scope = await resolveScope(db, { id: f.lead1, role: 'team_lead', teamId: f.teamA }, {});
    // 10:00 to 11:00 on 10 February: only the two calls queued at T and T+500 s (outbound, answered at T+500).
    const hour = await computeKpis(db, scope, { from: new Date(T), to: new Date(at(T, 3599)) }, {});
    expect(hour.totals.contacts).toBe(3); // T (agent1), T+500 (agent2), T+1000 (agent2)
    const acrossDays = await computeKpis(db, scope, { from: new Date('2026-01-15T10:00:01Z'), to: new Date(at(T, 3599)) }, {});
    expect(acrossDays.totals.contacts).toBe(3); // the January call at 10:00:00 is just outside
  });

  it('returns nulls, not zeros, when nothing was measured', async () => {
    const db = engine.db();
    const scope = await resolveScope(db, { id: f.admin, role: 'admin', teamId: null }, {});
    const report = await computeKpis(db, scope, { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-02-01T00:00:00Z') }, { perAgent: true });
    expect(report.totals).toMatchObject({ contacts: 0, ahtSeconds: null, abandonmentRate: null, firstContactResolution: null, nps: { score: null, responses: 0 } });
    expect(report.agents).toEqual([]);
  });

  it('refuses reads outside the viewer\'s scope', async () => {
    const db = engine.db();
    await expect(resolveScope(db, { id: f.agent1, role: 'agent', teamId: f.teamA }, { team: f.teamB })).rejects.toMatchObject({ statusCode: 403 });
    await expect(resolveScope(db, { id: f.agent1, role: 'agent', teamId: f.teamA }, { agent: f.agent2 })).rejects.toMatchObject({ statusCode: 403 });
    await expect(resolveScope(db, { id: f.lead1, role: 'team_lead', teamId: f.teamA }, { agent: f.agent3 })).rejects.toMatchObject({ statusCode: 403 });
    await expect(resolveScope(db, { id: f.lead1, role: 'team_lead', teamId: f.teamA }, { team: f.teamB })).rejects.toMatchObject({ statusCode: 403 });
    expect(await resolveScope(db, { id: f.admin, role: 'admin', teamId: null }, { team: f.teamB })).toEqual({ teamId: f.teamB, agentId: null });
  });
});
