import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralitaDb, type CustomerRow } from '@features/sync';
import { CUSTOMER_BLOCK, customerWindow, readCustomers } from './visible-customers';

const entries = Array.from({ length: 500 }, (_, index) => ({ customerId: `c${String(index % 180).padStart(3, '0')}` }));

describe('customerWindow: the customers read for the rows around the viewport', () => {
  it('covers the viewport plus one block either side, each customer once', () => {
    const ids = customerWindow(entries, 120, 130);
    // Rows 50..199 (blocks 1..3): customers c050..c179 and c000..c019 (rows 180..199), sorted.
    const expected = new Set<string>();
    for (let row = CUSTOMER_BLOCK; row < 4 * CUSTOMER_BLOCK; row += 1) expected.add(entries[row]!.customerId);
    expect(ids).toEqual([...expected].sort());
    for (let row = 120; row <= 130; row += 1) expect(ids).toContain(entries[row]!.customerId);
  });

  it('keeps the same ids while the viewport stays inside a block, so scrolling does not re-read', () => {
    expect(customerWindow(entries, 101, 110)).toEqual(customerWindow(entries, 110, 140));
    expect(customerWindow(entries, 101, 110)).not.toEqual(customerWindow(entries, 150, 160));
  });

  it('is clipped at both ends of the list and empty without rows', () => {
    expect(customerWindow(entries, 0, 5)).toEqual([...new Set(entries.slice(0, 2 * CUSTOMER_BLOCK).map((entry) => entry.customerId))].sort());
    expect(customerWindow(entries, 495, 499)).toEqual([...new Set(entries.slice(400).map((entry) => entry.customerId))].sort());
    expect(customerWindow([], 0, -1)).toEqual([]);
  });
});

describe('readCustomers: one read for many rows', () => {
  const opened: CentralitaDb[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await db.delete();
    }
  });

  const customer = (id: string, displayName: string, extra: Record<string, unknown> = {}) =>
    ({ id, rev: 1, displayName, nameLower: displayName.toLowerCase(), phones: [`+3460000${id.length}`], emails: [], customerNumbers: [], ...extra }) as CustomerRow;

  it('returns the cached customers, leaves out unknown ids and shows a merged duplicate as its survivor', async () => {
    const db = new CentralitaDb(`queues-customers-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    await db.customers.bulkPut([
      customer('ana', 'Ana'),
      customer('dup', '', { mergedInto: 'bea', phones: [] }),
      customer('bea', 'Bea'),
    ]);
    const found = await readCustomers(db, ['ana', 'dup', 'ghost']);
    expect(found.get('ana')?.displayName).toBe('Ana');
    expect(found.get('dup')?.id).toBe('bea');
    expect(found.get('dup')?.displayName).toBe('Bea');
    expect(found.has('ghost')).toBe(false);
  });
});
