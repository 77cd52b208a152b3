import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines';
import { insertCustomer } from '../reports/testing/rows';
import { importCustomers } from './upsert';

const CSV = [
  'customer_number,name,phone,email,country,language,loyalty,clv',
  'CN-100,Ana García,612 345 678,ana@example.com,ES,es-ES,gold,1500.00', // 2: new
  'CN-101,,612 345 679,nobody@example.com,ES,,,', // 3: missing name
  'CN-102,Bad Phone,123,bp@example.com,ES,,,', // 4: bad phone
  'CN-103,Bad Email,612 345 680,not-an-email,ES,,,', // 5: bad email
  ',Existing By Phone,+34 699 000 111,,ES,,silver,', // 6: matches the stored customer by phone
  ',Existing By Email,,KNOWN@example.com,,,,', // 7: matches the stored customer by email
  'CN-100,Ana García López,+52 55 1234 5678,,,,,', // 8: same customer as line 2, by customer number; gains a phone
  '"CN-104","Quoted, Name","+1 212 765 4321",q@example.com,US,en-US,,', // 9: new
  'CN-105,Too,Many,Fields,ES,,,,extra', // 10: wrong field count
].join('\r\n');

describeEachEngine('CSV import', (engine) => {
  it('upserts valid rows into the golden record and rejects bad ones with line and reason', async () => {
    const db = engine.db();
    const byPhone = await insertCustomer(db, { display_name: 'Old Name', phone: '+34699000111' });
    const byEmail = await insertCustomer(db, { display_name: 'Known' });
    await db.kysely.insertInto('customer_identities').values({ id: crypto.randomUUID(), customer_id: byEmail, kind: 'email', value: 'known@example.com' }).execute();

    const rejects: { line: number; reason: string }[] = [];
    const progress: number[] = [];
    // Tiny chunks and batches: streaming and batching must not change the outcome.
    const chunks = CSV.match(/[\s\S]{1,7}/g) ?? [];
    const result = await importCustomers(db, chunks, { batchSize: 2, onReject: (line, reason) => { rejects.push({ line, reason }); }, onProgress: (rows) => progress.push(rows) });

    expect(result).toEqual({ rows: 9, inserted: 2, updated: 3, rejected: 4 });
    expect(rejects).toEqual([
      { line: 3, reason: 'missing name' },
      { line: 4, reason: 'bad phone "123"' },
      { line: 5, reason: 'bad email "not-an-email"' },
      { line: 10, reason: 'expected 8 fields, found 9' },
    ]);
    expect(progress.at(-1)).toBe(9);

    const ana = await db.kysely.selectFrom('customer_identities as i').innerJoin('customers as c', 'c.id', 'i.customer_id')
      .select(['c.id', 'c.display_name', 'c.loyalty_level', 'c.clv', 'c.language']).where('i.kind', '=', 'customer_number').where('i.value', '=', 'CN-100').execute();
    expect(ana).toHaveLength(1);
    expect(ana[0]).toMatchObject({ display_name: 'Ana García López', loyalty_level: 'gold', clv: '1500.00', language: 'es-ES' });
    const anaPhones = await db.kysely.selectFrom('customer_phones').select('e164').where('customer_id', '=', ana[0]!.id).orderBy('e164').execute();
    expect(anaPhones.map((p) => p.e164)).toEqual(['+34612345678', '+525512345678']);

    const updated = await db.kysely.selectFrom('customers').select(['id', 'display_name', 'loyalty_level']).where('id', 'in', [byPhone, byEmail]).orderBy('display_name').execute();
    expect(updated).toEqual([
      { id: byEmail, display_name: 'Existing By Email', loyalty_level: 'none' },
      { id: byPhone, display_name: 'Existing By Phone', loyalty_level: 'silver' },
    ]);
    const quoted = await db.kysely.selectFrom('customers').select('display_name').where('display_name', '=', 'Quoted, Name').execute();
    expect(quoted).toHaveLength(1);
    expect(await db.kysely.selectFrom('customers').select('id').execute()).toHaveLength(4);

    // Clients learn about it through the change log.
    const logged = await db.kysely.selectFrom('change_log').select('entity_id').where('entity', '=', 'customer').execute();
    expect(new Set(logged.map((r) => r.entity_id))).toEqual(new Set([ana[0]!.id, byPhone, byEmail, (await db.kysely.selectFrom('customers').select('id').where('display_name', '=', 'Quoted, Name').executeTakeFirstOrThrow()).id]));
  });

  it('refuses a file without usable columns before touching the database', async () => {
    const db = engine.db();
    const before = await db.kysely.selectFrom('customers').select('id').execute();
    await expect(importCustomers(db, ['phone,notes\n+34612345678,hi\n'])).rejects.toThrow(/no name column/);
    await expect(importCustomers(db, [''])).rejects.toThrow(/empty/);
    expect(await db.kysely.selectFrom('customers').select('id').execute()).toHaveLength(before.length);
  });
});
