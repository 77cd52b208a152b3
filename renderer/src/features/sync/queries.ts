/** Index-only reads (never a table scan), used directly and through the live-query hooks. */
import Dexie from 'dexie';
import type { CentralitaDb } from './schema';
import { foldName, normalizeIdentityValue, normalizePhone } from './normalize';
import type { CustomerRow, EntityRow, IdentityRow, InteractionRow, ReferenceRow } from './rows';
import { mergedInto, resolveCustomer } from './merges';
import { childrenOf } from './customer-children';

export async function findCustomerByPhone(db: CentralitaDb, phone: string): Promise<CustomerRow | undefined> {
  const e164 = normalizePhone(phone);
  if (!e164) return undefined;
  const found = await db.customers.where('phones').equals(e164).first();
  return survivorOf(db, found);
}

/** Redirect rows carry no phones; a row cached before that rule existed still leads to its survivor. */
function survivorOf(db: CentralitaDb, found: CustomerRow | undefined): Promise<CustomerRow | undefined> | CustomerRow | undefined {
  return found && mergedInto(found) ? resolveCustomer(db, found.id) : found;
}

function openIndexedDb(db: CentralitaDb): IDBDatabase | null {
  try {
    return db.isOpen() ? db.backendDB() : null;
  } catch {
    return null;
  }
}

/**
 * The screen pop's caller read: what `findCustomerByPhone` answers for an E.164 number, as one
 * `get` on the `phones` index straight on IndexedDB — Dexie's query machinery costs the INVITE's
 * own task about a millisecond on the 2-core machine. A one-shot read: live queries cannot observe
 * it and it is not part of an open Dexie transaction, so those use `findCustomerByPhone`. Before
 * the database is open (or where it is not IndexedDB-backed) it is Dexie's read.
 */
export function readCustomerByPhone(db: CentralitaDb, e164: string): Promise<CustomerRow | undefined> {
  const idb = Dexie.currentTransaction ? null : openIndexedDb(db);
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
  return found.then((row) => survivorOf(db, row));
}

/**
 * Typeahead over the local cache: a phone, an email, a customer number or a name prefix, each
 * answered by its own index range. Returns at most `limit` customers, deduplicated.
 */
export async function searchCustomers(db: CentralitaDb, query: string, limit = 20): Promise<CustomerRow[]> {
  const text = query.trim();
  if (text.length === 0) return [];
  // Only the ranges the text can match: customer numbers always contain a digit, emails an '@'.
  // A name prefix is then a single index range, as cheap as a raw IndexedDB getAll.
  const ranges: Array<Promise<CustomerRow[]>> = [];
  if (text.includes('@')) ranges.push(db.customers.where('emails').startsWith(normalizeIdentityValue('email', text)).limit(limit).toArray());
  if (/^[+\d][\d\s().-]*$/.test(text)) {
    const digits = text.replace(/[^\d+]/g, '');
    const e164 = normalizePhone(text);
    ranges.push(db.customers.where('phones').startsWith(e164 ?? (digits.startsWith('+') ? digits : `+${digits}`)).limit(limit).toArray());
  }
  if (/\d/.test(text)) ranges.push(db.customers.where('customerNumbers').startsWith(text).limit(limit).toArray());
  const folded = foldName(text);
  if (folded.length > 0) ranges.push(db.customers.where('nameLower').startsWith(folded).limit(limit).toArray());
  const seen = new Map<string, CustomerRow>();
  for (const rows of await Promise.all(ranges)) for (const row of rows) if (!seen.has(row.id) && seen.size < limit && !mergedInto(row)) seen.set(row.id, row);
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

/** A customer's consents, stored in its row since v3 (customer-children.ts). */
export async function customerConsents(db: CentralitaDb, customerId: string): Promise<EntityRow[]> {
  return childrenOf(await db.customers.get(customerId), 'consent');
}

/** A customer's identities and consents from ONE read of its row (the card needs both). */
export async function customerChildren(db: CentralitaDb, customerId: string): Promise<{ identities: IdentityRow[]; consents: EntityRow[] }> {
  const row = await db.customers.get(customerId);
  return { identities: childrenOf(row, 'identity') as IdentityRow[], consents: childrenOf(row, 'consent') };
}

export async function customerComplaints(db: CentralitaDb, customerId: string): Promise<EntityRow[]> {
  return db.complaints.where('customerId').equals(customerId).toArray();
}

/** Queue items in one state, soonest due first, via the v2 `[state+dueAt]` index. */
export async function queueItemsByState(db: CentralitaDb, state: string, limit = 500): Promise<EntityRow[]> {
  return db.queueItems.where('[state+dueAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]).limit(limit).toArray();
}

/** Team-lead re-tags of some interactions, via the `interactionId` index (customer card timeline). */
export async function outcomeTagsFor(db: CentralitaDb, interactionIds: readonly string[]): Promise<EntityRow[]> {
  if (interactionIds.length === 0) return [];
  return db.outcomeTags.where('interactionId').anyOf([...interactionIds]).toArray();
}

/** A server-owned reference list (dispositions, taxonomy…): small tables, read whole. */
export async function referenceRows(db: CentralitaDb, list: 'taxonomy' | 'dispositions' | 'pauseCodes' | 'scripts'): Promise<ReferenceRow[]> {
  return db.table<ReferenceRow, string>(list).toArray();
}

/** Every identity (phones, emails, numbers, usernames, handles) of a customer, from its row. */
export async function customerIdentities(db: CentralitaDb, customerId: string): Promise<IdentityRow[]> {
  return childrenOf(await db.customers.get(customerId), 'identity') as IdentityRow[];
}

/**
 * The work queue's rows: every item in any of `states`, soonest due first per state, through the
 * `[state+dueAt]` index (no limit below `limit`, so a 10,000-item queue is read whole).
 */
export async function queueItemsInStates(db: CentralitaDb, states: readonly string[], limit = 50_000): Promise<EntityRow[]> {
  const perState = await Promise.all(
    states.map((state) => db.queueItems.where('[state+dueAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]).limit(limit).toArray()),
  );
  return perState.flat();
}

/** How many rows `soonestQueueItems` may turn down while walking before it reads the state whole. */
export const SOONEST_MAX_REJECTED = 500;

/**
 * The first `limit` items of `state` that `accept` keeps, soonest due first (ties by id, as the
 * index orders them): the work queue paints its first screenful from this before the whole queue
 * is read. It walks the `[state+dueAt]` index with a cursor (one step per row) until `limit` rows
 * matched — but when few rows match (narrow filters) that walk would cover the whole state, every
 * item one cursor step; so after `maxRejected` turned-down rows it stops and reads the state's
 * range in one request instead (what the full queue read costs anyway), filtering in memory.
 */
export async function soonestQueueItems(
  db: CentralitaDb, state: string, limit: number, accept: (row: EntityRow) => boolean = () => true, maxRejected = SOONEST_MAX_REJECTED,
): Promise<EntityRow[]> {
  const range = () => db.queueItems.where('[state+dueAt]').between([state, Dexie.minKey], [state, Dexie.maxKey]);
  let rejected = 0;
  const keep = (row: EntityRow) => {
    if (accept(row)) return true;
    rejected += 1;
    return false;
  };
  const walked = await range().until(() => rejected >= maxRejected).filter(keep).limit(limit).toArray();
  if (rejected < maxRejected) return walked;
  return (await range().toArray()).filter(accept).slice(0, limit);
}

/** Complaints by id (primary-key reads), e.g. the complaint type of each work-queue item. */
export async function complaintsByIds(db: CentralitaDb, ids: readonly string[]): Promise<EntityRow[]> {
  if (ids.length === 0) return [];
  return (await db.complaints.bulkGet([...ids])).filter((row): row is EntityRow => row !== undefined);
}

/** Ids of the entities that still have changes waiting in the outbox (a key-only index scan). */
export async function pendingEntityIds(db: CentralitaDb): Promise<string[]> {
  return (await db.outbox.orderBy('entityId').uniqueKeys()).map(String);
}

/**
 * Re-tags of the interactions `agentId` handled, newest first: walks the `interactionId` index of
 * the (small) re-tag table and reads those interactions by key.
 */
export async function outcomeTagsOfAgent(db: CentralitaDb, agentId: string, limit = 200): Promise<Array<{ tag: EntityRow; interaction: InteractionRow }>> {
  const tags = await db.outcomeTags.orderBy('interactionId').toArray();
  const interactions = await db.interactions.bulkGet([...new Set(tags.map((tag) => String(tag.interactionId)))]);
  const byId = new Map(interactions.filter((row): row is InteractionRow => row !== undefined).map((row) => [row.id, row]));
  const mine: Array<{ tag: EntityRow; interaction: InteractionRow }> = [];
  for (const tag of tags) {
    const interaction = byId.get(String(tag.interactionId));
    if (interaction && interaction.agentId === agentId) mine.push({ tag, interaction });
  }
  const at = (tag: EntityRow) => (typeof tag.retaggedAt === 'string' ? tag.retaggedAt : '');
  return mine.sort((a, b) => at(b.tag).localeCompare(at(a.tag))).slice(0, limit);
}

/**
 * The call-frequency population in the local cache (the customer card's offline exclusion rule):
 * every cached complaint, and for each customer with one their newest `perCustomer` interactions
 * since `since`, by the `[customerId+occurredAt]` index. One read transaction.
 */
export async function complaintCallPopulation(db: CentralitaDb, since: string, perCustomer = 200): Promise<{ complaints: EntityRow[]; interactions: InteractionRow[] }> {
  return db.transaction('r', [db.complaints, db.interactions], async () => {
    const complaints = await db.complaints.toArray();
    const customers = [...new Set(complaints.map((complaint) => complaint.customerId).filter((id): id is string => typeof id === 'string'))];
    const calls = await Promise.all(customers.map((customerId) => db.interactions
      .where('[customerId+occurredAt]').between([customerId, since], [customerId, Dexie.maxKey]).reverse().limit(perCustomer).toArray()));
    return { complaints, interactions: calls.flat() };
  });
}
