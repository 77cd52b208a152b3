/**
 * A seed or a CSV import leaves the exclusion facts current: nothing is left marked stale, the
 * facts equal a from-scratch rebuild, and the list equals the one computed from scratch
 * (exclusions-raw.ts) — without waiting for an exclusion read to catch up.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines';
import { type Database } from '../db/database';
import { importCustomers } from '../import/upsert';
import { seedCustomers } from '../seed/customers';
import { DEFAULT_EXCLUSION_THRESHOLDS, listExclusions } from './exclusions';
import { listExclusionsRaw } from './exclusions-raw';
import { type Fixture, insertFixture } from './testing/fixtures';

const NOW = new Date('2026-03-01T12:00:00Z');

async function staleMarks(db: Database): Promise<number> {
  const row = await sql<{ n: number }>`select count(*)::int as n from customer_exclusion_stale`.execute(db.kysely);
  return row.rows[0]!.n;
}

async function factsTable(db: Database): Promise<unknown[]> {
  const rows = await sql`select * from customer_exclusion_facts order by customer_id`.execute(db.kysely);
  return rows.rows;
}

/** The facts as stored now must be what a grouped rebuild from the base tables computes. */
async function expectFactsCurrent(db: Database): Promise<void> {
  expect(await staleMarks(db)).toBe(0);
  const stored = await factsTable(db);
  expect(stored.length).toBeGreaterThan(0);
  await sql`select rebuild_customer_exclusion_facts()`.execute(db.kysely);
  expect(await factsTable(db)).toEqual(stored);
  const raw = await listExclusionsRaw(db, DEFAULT_EXCLUSION_THRESHOLDS, { now: NOW });
  // Not vacuous: several rules have customers on the list.
  expect(new Set(raw.flatMap((c) => c.reasons.map((r) => r.code))).size).toBeGreaterThanOrEqual(3);
  expect(await listExclusions(db, DEFAULT_EXCLUSION_THRESHOLDS, { now: NOW })).toEqual(raw);
}

describeEachEngine('exclusion facts right after a seed or an import', (engine) => {
  let f: Fixture;
  beforeAll(async () => { f = await insertFixture(engine.db()); });

  it('a seed leaves nothing stale and the facts equal a from-scratch computation', async () => {
    const db = engine.db();
    // Several chunks, written concurrently on PostgreSQL.
    await seedCustomers(db, { count: 400, seed: 11, now: NOW, chunkSize: 150 });
    await expectFactsCurrent(db);
  });

  it('an import leaves nothing stale, including marks pending before it ran', async () => {
    const db = engine.db();
    const seeded = await db.kysely.selectFrom('customer_phones').select(['customer_id', 'e164']).orderBy('e164').limit(3).execute();
    // A write that only marked its customer stale (no exclusion read has caught up yet).
    await db.kysely.insertInto('complaints').values({
      id: randomUUID(), customer_id: seeded[0]!.customer_id, type_id: 'service.outage', taxonomy_version: 1, status: 'open',
      opened_by: f.agent1, opened_at: NOW, sla_due_at: new Date(NOW.getTime() - 3_600_000),
    }).execute();
    expect(await staleMarks(db)).toBeGreaterThan(0);

    const csv = [
      'name,phone,email,loyalty',
      `Updated By Phone,${seeded[1]!.e164},,gold`,
      'Brand New Person,+34 699 111 222,new.person@example.com,silver',
      'Bad Row,123,,',
    ].join('\n');
    const result = await importCustomers(db, [csv]);
    expect(result).toMatchObject({ rows: 3, inserted: 1, updated: 1, rejected: 1 });
    await expectFactsCurrent(db);
    const listed = await listExclusions(db, DEFAULT_EXCLUSION_THRESHOLDS, { now: NOW });
    expect(listed.find((c) => c.customerId === seeded[0]!.customer_id)?.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['open_complaint', 'sla_breached']));
  });
});
