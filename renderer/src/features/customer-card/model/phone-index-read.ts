/**
 * The screen pop's caller read, straight on IndexedDB: one `get` on the customers' multi-entry
 * `phones` index. It answers what `findCustomerByPhone` answers for an E.164 number (the first row
 * with that phone; an old redirect row leads to its survivor), without Dexie's query machinery,
 * which costs the INVITE's own task about a millisecond on this machine. Before the database is
 * open (or where it is not IndexedDB-backed) it is Dexie's read.
 */
import { findCustomerByPhone, mergedInto, resolveCustomer, type CentralitaDb, type CustomerRow } from '@features/sync';

function openDatabase(db: CentralitaDb): IDBDatabase | null {
  try {
    return db.isOpen() ? db.backendDB() : null;
  } catch {
    return null;
  }
}

export function readCustomerByPhone(db: CentralitaDb, e164: string): Promise<CustomerRow | undefined> {
  const idb = openDatabase(db);
  let request: IDBRequest;
  try {
    if (!idb) return findCustomerByPhone(db, e164);
    request = idb.transaction('customers', 'readonly').objectStore('customers').index('phones').get(e164);
  } catch {
    // Closing, or upgraded under us: Dexie knows how to wait for it.
    return findCustomerByPhone(db, e164);
  }
  const found = new Promise<CustomerRow | undefined>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as CustomerRow | undefined);
    request.onerror = () => reject(request.error ?? new Error('phone lookup failed'));
  });
  return found.then((row) => (row && mergedInto(row) ? resolveCustomer(db, row.id) : row));
}
