import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralitaDb } from './schema';
import { findCustomerByPhone, readCustomerByPhone } from './queries';
import { uuidv7 } from './uuid7';
import type { CustomerRow } from './rows';

const opened: CentralitaDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

function customer(name: string, phones: string[], extra: Partial<CustomerRow> = {}): CustomerRow {
  return { id: uuidv7(), rev: 1, displayName: name, nameLower: name.toLowerCase(), phones, emails: [], customerNumbers: [], ...extra } as CustomerRow;
}

describe("the pop's phone read straight on IndexedDB", () => {
  it('answers what the Dexie read answers: the customer, nobody, and a merged row’s survivor', async () => {
    const db = new CentralitaDb(`sync-phone-read-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    const ana = customer('Ana', ['+34600000001', '+34600000002']);
    const survivor = customer('Bea', ['+34600000009']);
    // A redirect row cached before redirect rows lost their phones.
    const merged = customer('Bea (duplicate)', ['+34600000003'], { mergedInto: survivor.id } as Partial<CustomerRow>);
    await db.customers.bulkPut([ana, survivor, merged]);

    for (const phone of ['+34600000001', '+34600000002', '+34600000003', '+34600000009', '+34699999999']) {
      expect(await readCustomerByPhone(db, phone)).toEqual(await findCustomerByPhone(db, phone));
    }
    expect((await readCustomerByPhone(db, '+34600000002'))?.id).toBe(ana.id);
    expect((await readCustomerByPhone(db, '+34600000003'))?.id).toBe(survivor.id);
    expect(await readCustomerByPhone(db, '+34699999999')).toBeUndefined();
  });

  it('before the database is open, reads through Dexie (which opens it)', async () => {
    const name = `sync-phone-read-${Math.random().toString(36).slice(2)}`;
    const writer = new CentralitaDb(name);
    opened.push(writer);
    const ana = customer('Ana', ['+34600000001']);
    await writer.customers.put(ana);
    const notYetOpen = new CentralitaDb(name);
    opened.push(notYetOpen);
    expect(notYetOpen.isOpen()).toBe(false);
    expect((await readCustomerByPhone(notYetOpen, '+34600000001'))?.id).toBe(ana.id);
  });

  it('inside an open Dexie transaction, reads through it (awaiting a raw read there would commit the Dexie transaction early)', async () => {
    const db = new CentralitaDb(`sync-phone-read-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    const ana = customer('Ana', ['+34600000001']);
    const found = await db.transaction('rw', db.customers, async () => {
      await db.customers.put(ana);
      return readCustomerByPhone(db, '+34600000001');
    });
    expect(found?.id).toBe(ana.id);
  });
});
