import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines';
import { readCsv } from '../import/csv';
import { type ExcludedCustomer, DEFAULT_EXCLUSION_THRESHOLDS, listExclusions, loadExclusionThresholds } from './exclusions';
import { EXCLUSIONS_CSV_HEADER, exclusionCsvLine } from './exclusions-csv';
import { type Fixture, insertFixture } from './testing/fixtures';
import { at, insertCustomer, insertInteraction, retag } from './testing/rows';

const NOW = new Date('2026-03-01T12:00:00Z');
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();

describeEachEngine('exclusion list', (engine) => {
  let f: Fixture;
  const ids: Record<string, string> = {};

  const complaint = async (customerId: string, status: 'open' | 'resolved', slaDueAt: string, typeId = 'service.outage'): Promise<string> => {
    const id = randomUUID();
    await engine.db().kysely.insertInto('complaints').values({
      id, customer_id: customerId, type_id: typeId, taxonomy_version: 1, status, opened_by: null, opened_at: daysAgo(20), sla_due_at: slaDueAt,
      resolved_at: status === 'resolved' ? daysAgo(1) : null,
    }).execute();
    return id;
  };
  const calls = async (customerId: string, complaintId: string | null, count: number, ageDays: number, viaLinkTable = false): Promise<void> => {
    for (let n = 0; n < count; n++) {
      const id = await insertInteraction(engine.db(), {
        agent_id: f.agent1, team_id: f.teamA, customer_id: customerId, queued_at: at(daysAgo(ageDays), n * 600),
        answered_at: at(daysAgo(ageDays), n * 600 + 10), ended_at: at(daysAgo(ageDays), n * 600 + 100),
        emotion_start: 'calm', emotion_start_intensity: 1, emotion_end: 'calm', emotion_end_intensity: 1,
        complaint_id: viaLinkTable ? null : complaintId,
      });
      if (viaLinkTable && complaintId) await engine.db().kysely.insertInto('complaint_interactions').values({ complaint_id: complaintId, interaction_id: id }).execute();
    }
  };

  beforeAll(async () => {
    const db = engine.db();
    f = await insertFixture(db);
    for (const name of ['open', 'breached', 'angry', 'oldAnger', 'influencer', 'revoked', 'caller', 'repeat', 'calmed']) {
      ids[name] = await insertCustomer(db, { display_name: `Customer ${name}`, influencer: name === 'influencer', influencer_reach: name === 'influencer' ? 50_000 : 0 });
    }
    await db.kysely.insertInto('customer_phones').values({ id: randomUUID(), customer_id: ids.open!, e164: '+34612000001', label: 'mobile' }).execute();
    await db.kysely.insertInto('customer_identities').values({ id: randomUUID(), customer_id: ids.open!, kind: 'email', value: 'open@example.com' }).execute();

    await calls(ids.open!, await complaint(ids.open!, 'open', daysAgo(-2)), 1, 1);
    await calls(ids.breached!, await complaint(ids.breached!, 'open', daysAgo(1), 'billing.double_charge'), 1, 2);
    await calls(ids.influencer!, await complaint(ids.influencer!, 'open', daysAgo(-1)), 1, 1);
    await insertInteraction(db, { agent_id: f.agent1, customer_id: ids.angry!, channel: 'chat', answered_at: daysAgo(3), ended_at: daysAgo(3), emotion_end: 'angry', emotion_end_intensity: 3 });
    await insertInteraction(db, { agent_id: f.agent1, customer_id: ids.oldAnger!, queued_at: daysAgo(30), emotion_start: 'frustrated', emotion_start_intensity: 2 });
    // Was angry 2 days ago, but a team lead re-tagged the outcome as calm: the re-tag is what counts.
    const calmed = await insertInteraction(db, { agent_id: f.agent1, customer_id: ids.calmed!, queued_at: daysAgo(2), emotion_start: 'calm', emotion_start_intensity: 1, emotion_end: 'angry', emotion_end_intensity: 1 });
    await retag(db, calmed, f.lead1, { emotionEnd: { emotion: 'calm', intensity: 1 } }, 'mis-clicked emotion');
    await db.kysely.insertInto('consents').values([
      { id: randomUUID(), customer_id: ids.revoked!, channel: 'sms', status: 'revoked', source: 'call', stamp: 's', stamped_at: daysAgo(5), revoked_at: daysAgo(5) },
      { id: randomUUID(), customer_id: ids.revoked!, channel: 'email', status: 'granted', source: 'web', stamp: 's', stamped_at: daysAgo(50) },
    ]).execute();
    // Call frequency population (calls per complaint in the last 7 days): caller 8, repeat 3, and eight complaints with 1.
    await calls(ids.caller!, await complaint(ids.caller!, 'resolved', daysAgo(10)), 8, 2);
    const repeat = await complaint(ids.repeat!, 'resolved', daysAgo(10));
    await calls(ids.repeat!, repeat, 3, 3, true);
    await calls(ids.repeat!, repeat, 2, 10); // outside the window
    for (let n = 0; n < 5; n++) {
      const filler = await insertCustomer(db, { display_name: `Filler ${n}` });
      await calls(filler, await complaint(filler, 'resolved', daysAgo(10)), 1, 4);
    }
  });

  const byName = (rows: ExcludedCustomer[]) => Object.fromEntries(rows.map((row) => [row.displayName.replace('Customer ', ''), row.reasons.map((r) => r.code)]));

  it('lists each customer once with every reason that applies, and nobody else', async () => {
    const rows = await listExclusions(engine.db(), DEFAULT_EXCLUSION_THRESHOLDS, { now: NOW });
    // Population 8,3,1×8: mean 1.9, σ 2.119 → threshold 6.14: only the 8-call complaint is unusual.
    expect(byName(rows)).toEqual({
      open: ['open_complaint'],
      breached: ['open_complaint', 'sla_breached'],
      angry: ['negative_emotion'],
      influencer: ['open_complaint', 'influencer_open_complaint'],
      revoked: ['consent_revoked'],
      caller: ['unusual_call_frequency'],
    });
    const detail = (name: string, code: string) => rows.find((r) => r.displayName === `Customer ${name}`)?.reasons.find((r) => r.code === code)?.detail;
    expect(detail('breached', 'sla_breached')).toMatchObject({ hoursOverdue: 24 });
    expect(detail('caller', 'unusual_call_frequency')).toMatchObject({ calls: 8, threshold: 6.14, windowDays: 7 });
    expect(detail('revoked', 'consent_revoked')).toEqual({ channels: ['sms'] });
    expect(detail('influencer', 'influencer_open_complaint')).toEqual({ reach: 50_000 });
    expect(detail('angry', 'negative_emotion')).toMatchObject({ emotion: 'angry' });
    expect(rows.find((r) => r.displayName === 'Customer open')).toMatchObject({ phone: '+34612000001', email: 'open@example.com' });
  });

  it('applies configured thresholds: stored settings, then request overrides', async () => {
    const db = engine.db();
    await db.kysely.insertInto('app_settings').values({ key: 'exclusions', value: JSON.stringify({ negativeEmotionDays: 45 }) }).execute();
    const thresholds = await loadExclusionThresholds(db, { callFrequencyK: '0.5', minCalls: undefined });
    expect(thresholds).toEqual({ negativeEmotionDays: 45, callWindowDays: 7, callFrequencyK: 0.5, minCalls: 3 });
    const rows = byName(await listExclusions(db, thresholds, { now: NOW }));
    // k = 0.5 → threshold 2.96: the 3-call complaint (two calls via the link table) is now unusual too.
    expect(rows.repeat).toEqual(['unusual_call_frequency']);
    expect(rows.oldAnger).toEqual(['negative_emotion']);
    expect(rows.calmed).toBeUndefined();
    await expect(loadExclusionThresholds(db, { minCalls: 'lots' })).rejects.toThrow();
    await db.kysely.deleteFrom('app_settings').where('key', '=', 'exclusions').execute();
  });

  it('pages by customer id and renders a CSV that reads back', async () => {
    const all = await listExclusions(engine.db(), DEFAULT_EXCLUSION_THRESHOLDS, { now: NOW });
    const first = await listExclusions(engine.db(), DEFAULT_EXCLUSION_THRESHOLDS, { now: NOW, limit: 4 });
    const rest = await listExclusions(engine.db(), DEFAULT_EXCLUSION_THRESHOLDS, { now: NOW, after: first.at(-1)!.customerId });
    expect([...first, ...rest]).toEqual(all);

    const records = [];
    for await (const record of readCsv([EXCLUSIONS_CSV_HEADER, ...all.map(exclusionCsvLine)])) records.push(record.fields);
    expect(records[0]).toEqual(['customer_id', 'display_name', 'phone', 'email', 'reasons', 'details']);
    const breached = records.find((fields) => fields[1] === 'Customer breached');
    expect(breached?.[4]).toBe('open_complaint;sla_breached');
    expect(breached?.[5]).toContain('hoursOverdue=24');
  });
});
