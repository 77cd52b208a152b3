import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { describeEachEngine } from '../../test/engines';
import { insertFixture } from '../reports/testing/fixtures';
import { seedCustomers } from './customers';

const NOW = new Date('2026-03-01T12:00:00Z');

describeEachEngine('seedCustomers', (engine) => {
  it('inserts realistic, consistent data in chunks and reports progress', async () => {
    const db = engine.db();
    await insertFixture(db);
    const progress: number[] = [];
    const result = await seedCustomers(db, { count: 300, seed: 7, now: NOW, chunkSize: 128, onProgress: (done) => progress.push(done) });
    // Chunks may finish in any order on PostgreSQL; progress only grows and ends at the total.
    expect(progress).toHaveLength(3);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(progress.at(-1)).toBe(300);
    expect(result.customers).toBe(300);

    const counts = await sql<{ customers: number; phones: number; interactions: number; complaints: number; revoked: number; overdue: number; items: number }>`
      select (select count(*) from customers)::int as customers,
             (select count(*) from customer_phones)::int as phones,
             (select count(*) from interactions)::int as interactions,
             (select count(*) from complaints)::int as complaints,
             (select count(*) from consents where status = 'revoked')::int as revoked,
             (select count(*) from complaints where status <> 'resolved' and sla_due_at < ${NOW.toISOString()}::timestamptz)::int as overdue,
             (select count(*) from queue_items)::int as items`.execute(db.kysely);
    const row = counts.rows[0]!;
    expect(row).toMatchObject({ customers: 300, phones: result.phones, interactions: result.interactions, complaints: result.complaints });
    // Realistic spread: every customer has a phone, some revoke consent, some complaints are overdue.
    expect(row.phones).toBeGreaterThanOrEqual(300);
    expect(row.revoked).toBeGreaterThan(0);
    expect(row.overdue).toBeGreaterThan(0);
    expect(row.items).toBeGreaterThan(0);

    const phones = await db.kysely.selectFrom('customer_phones').select('e164').execute();
    expect(new Set(phones.map((p) => p.e164)).size).toBe(phones.length);
    expect(phones.every((p) => isValidPhoneNumber(p.e164))).toBe(true);

    const teams = await sql<{ teams: number; emotions: number; channels: number }>`
      select count(distinct team_id)::int as teams, count(distinct emotion_end)::int as emotions, count(distinct channel)::int as channels
      from interactions`.execute(db.kysely);
    expect(teams.rows[0]).toEqual({ teams: 2, emotions: 6, channels: 5 });

    // Every seeded entity is in the change log, at consecutive positions, for clients to pull.
    const logged = await sql<{ n: number; distinct_seqs: number; max_seq: number; last: number }>`
      select count(*)::int as n, count(distinct seq)::int as distinct_seqs, max(seq) as max_seq,
             (select last_seq from sync_state) as last from change_log`.execute(db.kysely);
    const expected = 300 + result.phones + result.identities + result.consents + result.complaints + result.interactions + result.queueItems;
    expect(logged.rows[0]).toEqual({ n: expected, distinct_seqs: expected, max_seq: expected, last: expected });
  });

  it('is deterministic: the same seed gives the same people', async () => {
    const db = engine.db();
    const before = await db.kysely.selectFrom('customers').select(['display_name', 'clv']).orderBy('created_at').orderBy('display_name').execute();
    await db.transaction(async (trx) => {
      // The seed left exclusion facts for its customers (customers.ts ends with a refresh).
      await sql`delete from customer_exclusion_stale`.execute(trx);
      await sql`delete from customer_exclusion_facts`.execute(trx);
      for (const table of ['change_log', 'queue_items', 'survey_responses', 'complaint_interactions', 'interactions', 'complaints', 'consent_events', 'consents', 'customer_identities', 'customer_phones', 'customers'] as const) {
        await trx.deleteFrom(table).execute();
      }
    });
    await seedCustomers(db, { count: 300, seed: 7, now: NOW, chunkSize: 1000, startIndex: 0 });
    const after = await db.kysely.selectFrom('customers').select(['display_name', 'clv']).orderBy('created_at').orderBy('display_name').execute();
    expect(after).toEqual(before);
  });
});
