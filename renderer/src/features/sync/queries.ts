/** Index-only reads (never a table scan), used directly and through the live-query hooks. */
import Dexie from 'dexie';
import type { CentralitaDb } from './schema';
import { foldName, normalizeIdentityValue, normalizePhone } from './normalize';
import type { CustomerRow, EntityRow, InteractionRow } from './rows';

export async function findCustomerByPhone(db: CentralitaDb, phone: string): Promise<CustomerRow | undefined> {
  const e164 = normalizePhone(phone);
  if (!e164) return undefined;
  return db.customers.where('phones').equals(e164).first();
}

/**
 * Typeahead over the local cache: a phone, an email, a customer number or a name prefix, each
 * answered by its own index range. Returns at most `limit` customers, deduplicated.
 */
export async function searchCustomers(db: CentralitaDb, query: string, limit = 20): Promise<CustomerRow[]> {
  const text = query.trim();
  if (text.length === 0) return [];
  const ranges: Array<Promise<CustomerRow[]>> = [];
  if (text.includes('@')) ranges.push(db.customers.where('emails').startsWith(normalizeIdentityValue('email', text)).limit(limit).toArray());
  if (/^[+\d][\d\s().-]*$/.test(text)) {
    const digits = text.replace(/[^\d+]/g, '');
    const e164 = normalizePhone(text);
    ranges.push(db.customers.where('phones').startsWith(e164 ?? (digits.startsWith('+') ? digits : `+${digits}`)).limit(limit).toArray());
  }
  ranges.push(db.customers.where('customerNumbers').startsWith(text).limit(limit).toArray());
  const folded = foldName(text);
  if (folded.length > 0) ranges.push(db.customers.where('nameLower').startsWith(folded).limit(limit).toArray());
  const seen = new Map<string, CustomerRow>();
  for (const rows of await Promise.all(ranges)) for (const row of rows) if (!seen.has(row.id) && seen.size < limit) seen.set(row.id, row);
  return [...seen.values()];
}

/** A customer's interactions, newest first, via the v2 `[customerId+occurredAt]` index. */
export async function customerTimeline(db: CentralitaDb, customerId: string, limit = 200): Promise<InteractionRow[]> {
  return db.interactions
    .where('[customerId+occurredAt]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .reverse()
    .limit(limit)
    .toArray();
}

export async function customerConsents(db: CentralitaDb, customerId: string): Promise<EntityRow[]> {
  return db.consents.where('customerId').equals(customerId).toArray();
}

export async function customerComplaints(db: CentralitaDb, customerId: string): Promise<EntityRow[]> {
  return db.complaints.where('customerId').equals(customerId).toArray();
}

/** Queue items in one state, soonest due first, via the v2 `[state+dueAt]` index. */
export async function queueItemsByState(db: CentralitaDb, state: string, limit = 500): Promise<EntityRow[]> {
  return db.queueItems.where('[state+dueAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]).limit(limit).toArray();
}
