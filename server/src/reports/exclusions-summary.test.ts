/**
 * The exclusion list served from customer_exclusion_facts must equal the list computed from
 * scratch (exclusions-raw.ts) after every kind of write: complaints opened and resolved, consents
 * revoked and granted, negative contacts (also re-tagged away, arriving late, dated in the future),
 * influencer changes, customer merges; and its pages must add up to the whole list.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { emotionSchema } from '@contract';
import { describeEachEngine } from '../../test/engines';
import { mergeCustomers } from '../customers/merge';
import { createRandom } from '../seed/generator/random';
import { DEFAULT_EXCLUSION_THRESHOLDS, type ExclusionThresholds, listExclusions } from './exclusions';
import { listExclusionsRaw } from './exclusions-raw';
import { type Fixture, insertFixture } from './testing/fixtures';
import { insertCustomer, insertInteraction, retag } from './testing/rows';

const NOW = new Date('2026-04-01T12:00:00Z');
const HOUR = 3_600_000;
const hoursAgo = (hours: number): string => new Date(NOW.getTime() - hours * HOUR).toISOString();
const random = createRandom(4_242);

describeEachEngine('exclusion facts agree with the list computed from scratch', (engine) => {
  let f: Fixture;
  const customers: string[] = [];
  const complaints: { id: string; customer: string }[] = [];
  const interactions: string[] = [];

  async function expectSameAsRaw(): Promise<void> {
    const db = engine.db();
    const variants: ExclusionThresholds[] = [DEFAULT_EXCLUSION_THRESHOLDS, { negativeEmotionDays: 2, callWindowDays: 3, callFrequencyK: 0.5, minCalls: 2 }];
    for (const thresholds of variants) {
      const raw = await listExclusionsRaw(db, thresholds, { now: NOW });
      // Not vacuous: most rules have customers to agree on.
      expect(new Set(raw.flatMap((c) => c.reasons.map((r) => r.code))).size).toBeGreaterThanOrEqual(4);
      const fast = await listExclusions(db, thresholds, { now: NOW });
      expect(fast).toEqual(raw);
      // Pages of 7 add up to the whole list.
      const paged = [];
      let after: string | undefined;
      for (;;) {
        const page = await listExclusions(db, thresholds, { now: NOW, limit: 7, ...(after ? { after } : {}) });
        paged.push(...page);
        if (page.length < 7) break;
        after = page.at(-1)!.customerId;
      }
      expect(paged).toEqual(raw);
    }
  }

  async function addContacts(count: number, maxAgeHours: number): Promise<void> {
    const db = engine.db();
    for (let n = 0; n < count; n++) {
      const customer = random.pick(customers);
      const linked = complaints.filter((c) => c.customer === customer);
      const queued = hoursAgo(random.int(-3, maxAgeHours));
      interactions.push(await insertInteraction(db, {
        agent_id: f.agent1, team_id: f.teamA, customer_id: customer, channel: random.chance(0.8) ? 'call' : 'chat', queued_at: queued,
        emotion_start: random.pick(emotionSchema.options), emotion_start_intensity: 1, emotion_end: random.chance(0.5) ? random.pick(emotionSchema.options) : null,
        complaint_id: linked.length > 0 && random.chance(0.6) ? random.pick(linked).id : null,
      }));
    }
  }

  async function openComplaints(count: number): Promise<void> {
    const db = engine.db();
    for (let n = 0; n < count; n++) {
      const complaint = { id: randomUUID(), customer: random.pick(customers) };
      complaints.push(complaint);
      await db.kysely.insertInto('complaints').values({
        id: complaint.id, customer_id: complaint.customer, type_id: random.pick(['service.outage', 'billing.double_charge']), taxonomy_version: 1,
        status: random.pick(['open', 'in_progress', 'resolved'] as const), opened_by: null, opened_at: hoursAgo(200), sla_due_at: hoursAgo(random.int(-48, 48)),
      }).execute();
    }
  }

  beforeAll(async () => {
    const db = engine.db();
    f = await insertFixture(db);
    for (let n = 0; n < 30; n++) {
      customers.push(await insertCustomer(db, { display_name: `Customer ${n}`, influencer: n % 7 === 0, influencer_reach: n % 7 === 0 ? 1000 * n : 0, phone: `+3461200${String(n).padStart(4, '0')}` }));
    }
  });

  it('after complaints, consents, contacts, re-tags, late and future-dated contacts, influencer changes and merges', async () => {
    const db = engine.db();
    await openComplaints(15);
    await addContacts(120, 24 * 20);
    // Complaint links through the link table as well as the interaction's own column.
    for (const id of interactions.slice(0, 20)) {
      await db.kysely.insertInto('complaint_interactions').values({ complaint_id: random.pick(complaints).id, interaction_id: id }).onConflict((oc) => oc.doNothing()).execute();
    }
    for (const customer of customers.slice(0, 6)) {
      await db.kysely.insertInto('consents').values({
        id: randomUUID(), customer_id: customer, channel: random.pick(['sms', 'email', 'phone'] as const), status: 'revoked', source: 'call', stamp: 's1', stamped_at: hoursAgo(10), revoked_at: hoursAgo(10),
      }).onConflict((oc) => oc.doNothing()).execute();
    }
    await expectSameAsRaw();

    // Re-tags take negative emotions away and add them; complaints get resolved; a consent is granted again.
    for (const id of interactions.slice(20, 50)) {
      await retag(db, id, f.lead1, { emotionEnd: { emotion: random.pick(['calm', 'angry', 'frustrated']), intensity: 1 } }, 'reviewed the call');
    }
    await db.kysely.updateTable('complaints').set({ status: 'resolved', resolved_at: hoursAgo(1) }).where('id', 'in', complaints.slice(0, 5).map((c) => c.id)).execute();
    await db.kysely.updateTable('consents').set({ status: 'granted', revoked_at: null }).where('customer_id', '=', customers[0]!).execute();
    await db.kysely.updateTable('customers').set({ influencer: true, influencer_reach: 77_000 }).where('id', '=', customers[3]!).execute();
    // Offline pushes arriving late (dated days ago), and a contact from a client whose clock runs ahead.
    await addContacts(40, 24 * 10);
    await insertInteraction(db, { agent_id: f.agent2, team_id: f.teamA, customer_id: customers[29]!, queued_at: hoursAgo(-30), emotion_start: 'angry', emotion_start_intensity: 3 });
    await insertInteraction(db, { agent_id: f.agent2, team_id: f.teamA, customer_id: customers[28]!, queued_at: hoursAgo(-30), emotion_start: 'angry', emotion_start_intensity: 3 });
    await insertInteraction(db, { agent_id: f.agent2, team_id: f.teamA, customer_id: customers[28]!, queued_at: hoursAgo(5), emotion_end: 'frustrated', emotion_end_intensity: 1 });
    await expectSameAsRaw();

    // Merges move complaints, consents and contacts to the survivor; the duplicate leaves the list.
    const admin = { id: f.admin, role: 'admin' as const, teamId: null, username: 't_admin' };
    await mergeCustomers(db, admin, { survivorId: customers[10]!, duplicateId: customers[11]!, reason: 'same person' });
    await mergeCustomers(db, admin, { survivorId: customers[12]!, duplicateId: customers[0]!, reason: 'same person' });
    await db.kysely.deleteFrom('complaint_interactions').where('interaction_id', 'in', interactions.slice(0, 5)).execute();
    await expectSameAsRaw();

    // The grouped rebuild (the catch-up after a bulk load) gives the same facts.
    await sql`select rebuild_customer_exclusion_facts()`.execute(db.kysely);
    await expectSameAsRaw();
  });
});
