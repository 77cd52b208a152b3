/**
 * Since schema v3 a customer's identities and consents are stored INSIDE its row (`identities`,
 * `consents`), not as rows of their own. Why: in Chromium every IndexedDB put costs about the
 * same whatever its size (~0.15 ms on the 2-core test machine), and identities and consents were
 * 7 of the ~9 rows a customer brought to the initial download (bench/client/download.ts).
 *
 * They stay separate sync entities — own ids, revisions, outbox entries, field rules — so only
 * storage changes: these accessors give the rest of the data layer the same get/put/delete by
 * entity id it has for real tables. A child is found by id through the `*childIds` index (the
 * server's tombstones name only the id). Every write rebuilds the customer's lookup arrays
 * (phones, emails, customer numbers) from its identities, in the same put.
 */
import type { Table } from 'dexie';
import type { SyncEntity } from '@contract';
import type { CentralitaDb } from './schema';
import type { CustomerRow, EntityRow, StoredChild } from './rows';
import { mergedInto } from './merges';
import { compactChild, expandChild, type ChildEntity } from './stored-rows';

export type { ChildEntity } from './stored-rows';
export const CHILD_FIELD = { identity: 'identities', consent: 'consents' } as const satisfies Record<ChildEntity, keyof CustomerRow>;

export function isChildEntity(entity: SyncEntity): entity is ChildEntity {
  return entity === 'identity' || entity === 'consent';
}

/**
 * A customer's identities or consents as the server sent them (or local edits made them): stored
 * compact (stored-rows.ts), rebuilt here — ids from `childIds` (identities from its start,
 * consents from its end), `customerId` from the holder. Rows stored whole read the same.
 */
export function childrenOf(customer: Partial<CustomerRow> | undefined, entity: ChildEntity): EntityRow[] {
  const stored = customer?.[CHILD_FIELD[entity]];
  if (!Array.isArray(stored) || stored.length === 0) return [];
  const holderId = String(customer?.id ?? '');
  const listed = Array.isArray(customer?.childIds) ? customer.childIds : [];
  const offset = entity === 'identity' ? 0 : listed.length - stored.length;
  return (stored as StoredChild[]).map((child, index) => expandChild(entity, child, holderId, listed[offset + index]));
}

function uniqueValues(identities: readonly EntityRow[], kind: string): string[] {
  return [...new Set(identities.filter((row) => row.kind === kind && typeof row.value === 'string').map((row) => String(row.value)))];
}

/**
 * The row as stored, with its derived child fields rebuilt: the children compacted (stored-rows.ts),
 * `childIds` (identities then consents, which is how reads find each child's id again), and the
 * lookup arrays from its identities. A merged duplicate keeps no lookup keys (merges.ts): lookups
 * land on its survivor; nor does a placeholder, until its customer arrives.
 */
export function withChildIndexes<T extends Partial<CustomerRow> & EntityRow>(customer: T): T {
  const identities = childrenOf(customer, 'identity');
  const consents = childrenOf(customer, 'consent');
  const childIds = [...identities, ...consents].map((row) => row.id);
  const stored = {
    ...customer, childIds,
    identities: identities.map((row) => compactChild('identity', row, customer.id)),
    consents: consents.map((row) => compactChild('consent', row, customer.id)),
  };
  if (mergedInto(customer) || isPlaceholder(customer)) return { ...stored, phones: [], emails: [], customerNumbers: [] };
  return {
    ...stored,
    phones: uniqueValues(identities, 'phone'), emails: uniqueValues(identities, 'email'), customerNumbers: uniqueValues(identities, 'customer_number'),
  };
}

/**
 * A customer we hold children for but have not received (an identity recorded for a customer
 * outside the cache, a refetch that re-applies pending edits before the snapshot arrives). It has
 * no lookup keys and readers treat it as absent (`isPlaceholder`) until the real row replaces it,
 * keeping its children.
 */
export function placeholderCustomer(customerId: string): CustomerRow {
  return { id: customerId, rev: 0, placeholder: true, displayName: '', nameLower: '', phones: [], emails: [], customerNumbers: [] };
}

export function isPlaceholder(row: Record<string, unknown> | undefined): boolean {
  return row?.placeholder === true;
}

/** `customer` with one child list replaced; both lists are read whole first (their ids come from `childIds`). */
function withChildList(customer: CustomerRow, entity: ChildEntity, rows: EntityRow[]): CustomerRow {
  return withChildIndexes({ ...customer, identities: childrenOf(customer, 'identity'), consents: childrenOf(customer, 'consent'), [CHILD_FIELD[entity]]: rows });
}

/** The customer holding child `childId`, via the `*childIds` index. */
export async function customerHolding(db: CentralitaDb, childId: string): Promise<CustomerRow | undefined> {
  return db.customers.where('childIds').equals(childId).first();
}

/** Dexie-table-like access to one child entity (the subset the sync engine uses). */
export interface ChildRows {
  readonly table: Table;
  get(id: string): Promise<EntityRow | undefined>;
  bulkGet(ids: readonly string[]): Promise<Array<EntityRow | undefined>>;
  put(row: EntityRow): Promise<void>;
  bulkPut(rows: readonly EntityRow[]): Promise<void>;
  delete(id: string): Promise<void>;
  bulkDelete(ids: readonly string[]): Promise<void>;
}

export function childRows(db: CentralitaDb, entity: ChildEntity): ChildRows {
  const get = async (id: string): Promise<EntityRow | undefined> => childrenOf(await customerHolding(db, id), entity).find((row) => row.id === id);

  async function remove(id: string): Promise<void> {
    const holder = await customerHolding(db, id);
    if (!holder) return;
    const kept = childrenOf(holder, entity).filter((row) => row.id !== id);
    await db.customers.put(withChildList(holder, entity, kept));
  }

  async function put(row: EntityRow): Promise<void> {
    const customerId = typeof row.customerId === 'string' ? row.customerId : null;
    const holder = await customerHolding(db, row.id);
    // Without a customer id the child stays where it is (a patch that did not carry one).
    const targetId = customerId ?? holder?.id;
    if (!targetId) throw new Error(`${entity} ${row.id} names no customer`);
    if (holder && holder.id !== targetId) await remove(row.id);
    const target = (holder && holder.id === targetId ? holder : await db.customers.get(targetId)) ?? placeholderCustomer(targetId);
    const others = childrenOf(target, entity).filter((child) => child.id !== row.id);
    const stored = customerId ? row : { ...row, customerId: targetId };
    await db.customers.put(withChildList(target, entity, entity === 'consent' ? withConsent(others, stored) : [...others, stored]));
  }

  return {
    table: db.customers,
    get,
    bulkGet: (ids) => Promise.all(ids.map(get)),
    put,
    async bulkPut(rows) {
      for (const row of rows) await put(row);
    },
    delete: remove,
    async bulkDelete(ids) {
      for (const id of ids) await remove(id);
    },
  };
}

/** When a consent decision was made: the local edit's stamp or the server's, whichever is later. */
function decisionStamp(row: EntityRow): string {
  const local = typeof row.changedTs === 'string' ? row.changedTs : '';
  const server = typeof row.stamp === 'string' ? row.stamp : '';
  return local > server ? local : server;
}

/**
 * `consents` with `row` in it, one per channel as on the server, which applies a decision to the
 * channel's existing consent whatever id the client chose. A decision taken offline under a fresh
 * id and the server's row for that channel would otherwise both show: the later decision stays
 * (HLC stamps compare as strings; on a tie the incoming row, i.e. the server's echo, wins).
 */
export function withConsent(consents: readonly EntityRow[], row: EntityRow): EntityRow[] {
  const others = consents.filter((consent) => consent.id !== row.id);
  const rival = others.find((consent) => consent.channel === row.channel);
  if (!rival) return [...others, row];
  if (decisionStamp(rival) > decisionStamp(row)) return others;
  return [...others.filter((consent) => consent !== rival), row];
}

/** A customer's children grouped for storing in its row. */
export interface CustomerChildren {
  identities: EntityRow[];
  consents: EntityRow[];
}

/** Adds `row` to its customer's group in `grouped` (consents one per channel); rows naming no customer are skipped. */
export function groupChild(grouped: Map<string, CustomerChildren>, field: keyof CustomerChildren, row: EntityRow | null): void {
  if (!row || typeof row.customerId !== 'string') return;
  let children = grouped.get(row.customerId);
  if (!children) grouped.set(row.customerId, (children = { identities: [], consents: [] }));
  if (field === 'consents') children.consents = withConsent(children.consents, row);
  else children.identities.push(row);
}

/** A customer row from the server (no children) merged with the children already stored for it. */
export function keepingChildren(serverRow: EntityRow, stored: Partial<CustomerRow> | undefined): EntityRow {
  return withChildIndexes({ ...serverRow, identities: childrenOf(stored, 'identity'), consents: childrenOf(stored, 'consent') });
}
