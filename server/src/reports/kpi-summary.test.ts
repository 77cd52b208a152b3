/**
 * The KPI summary tables (kept current by a trigger on every write) must give exactly the answer
 * of the raw query over the interactions, whatever happened to them: batches of new calls,
 * re-tags, offline pushes that arrive weeks late, customer merges, an agent moving team, deletes.
 */
import { randomUUID } from 'node:crypto';
import { type Insertable } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { emotionSchema } from '@contract';
import { describeEachEngine } from '../../test/engines';
import { type InteractionsTable } from '../db/schema';
import { createRandom } from '../seed/generator/random';
import { mergeCustomers } from '../customers/merge';
import { type Database } from '../db/database';
import { computeKpis, type KpiOptions } from './kpis';
import { type ReadScope } from './scope';
import { type Fixture, insertFixture } from './testing/fixtures';
import { insertCustomer, retag } from './testing/rows';

const DAY = 86_400_000;
const START = Date.parse('2026-03-01T00:00:00Z');
const random = createRandom(20_260_301);

function randomInteraction(f: Fixture, customers: string[], dayOffset: number): Insertable<InteractionsTable> {
  const [agent, team] = random.pick([[f.agent1, f.teamA], [f.agent2, f.teamA], [f.agent3, f.teamB]] as const);
  const queued = START + dayOffset * DAY + random.int(0, DAY - 1);
  const channel = random.weighted([['call', 6], ['email', 1], ['chat', 1]] as const);
  const queuedAt = channel === 'call' && random.chance(0.8) ? new Date(queued) : null;
  const answered = random.chance(0.85) ? new Date(queued + random.int(0, 300_000)) : null;
  const ended = answered ? new Date(answered.getTime() + random.int(10_000, 900_000)) : queuedAt ? new Date(queued + 60_000) : null;
  const emotion = () => (random.chance(0.7) ? random.pick(emotionSchema.options) : null);
  const start = emotion();
  const end = emotion();
  return {
    id: randomUUID(), agent_id: agent, team_id: team, customer_id: random.pick(customers), channel,
    direction: random.chance(0.8) ? 'inbound' : 'outbound', client_ts: '000001700000000-0000-test',
    queued_at: queuedAt?.toISOString() ?? null, answered_at: answered?.toISOString() ?? null, ended_at: ended?.toISOString() ?? null,
    // Not queued and never answered: the report time falls back to the creation time.
    created_at: new Date(queued).toISOString(),
    wrapped_up_at: ended && random.chance(0.5) ? new Date(ended.getTime() + random.int(0, 120_000)).toISOString() : null,
    first_contact_resolution: random.chance(0.6) ? random.chance(0.7) : null,
    csat: random.chance(0.4) ? random.int(1, 5) : null, nps: random.chance(0.3) ? random.int(0, 10) : null, ces: random.chance(0.3) ? random.int(1, 7) : null,
    emotion_start: start, emotion_start_intensity: start ? random.int(1, 3) : null, emotion_end: end, emotion_end_intensity: end ? random.int(1, 3) : null,
    complaint_type_id: random.chance(0.3) ? random.pick(['billing.double_charge', 'service.outage']) : null,
    queue: null, remote_number: null, line: null, transfer_target: null, transferred_from: null, disposition: null, complaint_id: null,
    script_id: null, script_version: null,
  };
}

async function insertBatch(db: Database, f: Fixture, customers: string[], count: number, days: [number, number]): Promise<string[]> {
  const rows = Array.from({ length: count }, () => randomInteraction(f, customers, random.int(days[0], days[1])));
  await db.kysely.insertInto('interactions').values(rows).execute();
  return rows.map((row) => row.id as string);
}

describeEachEngine('KPI summaries agree with the raw query', (engine) => {
  let f: Fixture;
  let scopes: ReadScope[];

  /** Every breakdown, on every scope, over whole-day and partial-day ranges. */
  async function expectSummaryEqualsRaw(): Promise<void> {
    const db = engine.db();
    const ranges = [
      { from: new Date(START), to: new Date(START + 60 * DAY) },
      { from: new Date(START + 3 * DAY + 5_000_000), to: new Date(START + 41 * DAY + 7_777_000) },
      { from: new Date(START + 10 * DAY + 100), to: new Date(START + 10 * DAY + 40_000_000) },
      { from: new Date(START - 30 * DAY), to: new Date(START + 5 * DAY) },
    ];
    const options: KpiOptions[] = [{ perAgent: true, perTeam: true, series: 'day' }, { series: 'week' }, { perTeam: true, series: 'month' }];
    for (const scope of scopes) {
      for (const range of ranges) {
        for (const option of options) {
          const summary = await computeKpis(db, scope, range, { ...option, source: 'summary' });
          const raw = await computeKpis(db, scope, range, { ...option, source: 'raw' });
          expect(summary, `${JSON.stringify(scope)} ${range.from.toISOString()}–${range.to.toISOString()} ${JSON.stringify(option)}`).toEqual(raw);
        }
      }
    }
  }

  beforeAll(async () => {
    const db = engine.db();
    f = await insertFixture(db);
    scopes = [{ teamId: null, agentId: null }, { teamId: f.teamA, agentId: null }, { teamId: f.teamB, agentId: f.agent3 }];
  });

  it('after batches of new interactions, re-tags, late offline pushes, merges, a team move and deletes', async () => {
    const db = engine.db();
    const customers = await Promise.all(Array.from({ length: 12 }, (_, i) => insertCustomer(db, { display_name: `Customer ${i}` })));
    const ids = await insertBatch(db, f, customers, 400, [0, 59]);
    for (let n = 0; n < 50; n++) await insertBatch(db, f, customers, 1, [0, 59]); // one-row statements, as single pushes write
    await expectSummaryEqualsRaw();

    // Re-tags: the effective outcome changes (end emotion, complaint type, FCR), audit rows are added.
    for (const id of ids.slice(0, 40)) {
      await retag(db, id, f.lead1, {
        emotionEnd: random.chance(0.5) ? { emotion: random.pick(emotionSchema.options), intensity: 2 } : null,
        complaintTypeId: random.pick(['billing.double_charge', 'service.outage', null]),
        firstContactResolution: random.chance(0.5),
      }, 'listened to the recording');
    }
    // An update that changes nothing reported (notes, rev) leaves the summaries alone.
    await db.kysely.updateTable('interactions').set((eb) => ({ notes: 'checked', rev: eb('rev', '+', 1) })).where('id', 'in', ids.slice(40, 80)).execute();
    // Offline pushes arriving weeks late, dated in days the summaries already hold.
    await insertBatch(db, f, customers, 60, [0, 20]);
    await expectSummaryEqualsRaw();

    // A merge moves the duplicate's interactions to the survivor (and bumps their revisions).
    await mergeCustomers(db, { id: f.admin, role: 'admin', teamId: null, username: 't_admin' }, { survivorId: customers[0]!, duplicateId: customers[1]!, reason: 'same person' });
    // An agent moves to the other team and their calls with them; a survey answer comes in late.
    await db.kysely.updateTable('interactions').set({ team_id: f.teamB }).where('agent_id', '=', f.agent2).where('id', 'in', ids.slice(100, 200)).execute();
    await db.kysely.updateTable('interactions').set({ csat: 5, nps: 10 }).where('id', 'in', ids.slice(200, 220)).execute();
    // Interactions removed (an erasure request): they leave every figure.
    await db.kysely.deleteFrom('interactions').where('id', 'in', ids.slice(300, 330)).execute();
    await expectSummaryEqualsRaw();
  });
});
