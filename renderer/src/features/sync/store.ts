/**
 * The per-user local store: two Dexie connections to one database — the default one, and a
 * `strict`-durability one for writes the agent must never lose once "saved" (wrap-ups, outcomes).
 * Dexie sets durability per connection, not per transaction, hence two.
 */
import Dexie, { type Table } from 'dexie';
import type { Mutation, SyncEntity } from '@contract';
import { CentralitaDb, databaseName, interactionOccurredAt } from './schema';
import { applyMutation } from './local-apply';
import { nextStamp } from './clock';
import { randomClientId, uuidv7 } from './uuid7';
import { buildMutation, type MutationDraft } from './mutations';
import type { EntityRow, OutboxEntry, SyncStateRow } from './rows';
import { childRows, isChildEntity, isPlaceholder, withChildIndexes, type ChildRows } from './customer-children';
import { withoutFieldStamps } from './stored-rows';
import { mergedInto } from './merges';
import { foldName } from './normalize';

export interface SyncStore {
  readonly userId: string;
  readonly name: string;
  readonly db: CentralitaDb;
  readonly strictDb: CentralitaDb;
  readonly clientId: string;
  close(): void;
}

export type EntityTableName = 'customers' | 'interactions' | 'complaints' | 'outcomeTags' | 'queueItems';

/** Where each entity is stored: identities and consents live inside their customer's row (v3). */
export const ENTITY_TABLES: Record<SyncEntity, EntityTableName> = {
  customer: 'customers',
  identity: 'customers',
  consent: 'customers',
  interaction: 'interactions',
  complaint: 'complaints',
  outcome_tag: 'outcomeTags',
  queue_item: 'queueItems',
};

/** The tables that hold entity rows, each once (transaction scopes, refetch). */
export const ENTITY_TABLE_NAMES: readonly EntityTableName[] = [...new Set(Object.values(ENTITY_TABLES))];

/** Get/put/delete by entity id; `table` is the Dexie table to put in a transaction's scope. */
export type EntityRows = ChildRows;

function tableRows(table: Table<EntityRow, string>): EntityRows {
  return {
    table,
    get: (id) => table.get(id),
    bulkGet: (ids) => table.bulkGet([...ids]),
    put: async (row) => { await table.put(row); },
    bulkPut: async (rows) => { await table.bulkPut([...rows]); },
    delete: (id) => table.delete(id),
    bulkDelete: (ids) => table.bulkDelete([...ids]),
  };
}

export function entityRows(db: CentralitaDb, entity: SyncEntity): EntityRows {
  return isChildEntity(entity) ? childRows(db, entity) : tableRows(db.table(ENTITY_TABLES[entity]));
}

async function ensureMeta(db: CentralitaDb): Promise<Extract<SyncStateRow, { key: 'meta' }>> {
  return db.transaction('rw', db.syncState, async () => {
    const existing = await db.syncState.get('meta');
    if (existing && existing.key === 'meta') return existing;
    const meta = { key: 'meta' as const, clientId: randomClientId(), cursor: '0', lastSyncAt: null };
    await db.syncState.put(meta);
    return meta;
  });
}

export async function openSyncStore(userId: string): Promise<SyncStore> {
  const name = databaseName(userId);
  const db = new CentralitaDb(name);
  const strictDb = new CentralitaDb(name, { durability: 'strict' });
  await db.open();
  await strictDb.open();
  const meta = await ensureMeta(db);
  return {
    userId, name, db, strictDb, clientId: meta.clientId,
    close() {
      db.close();
      strictDb.close();
    },
  };
}

export type Durability = 'default' | 'strict';

export type DraftWithoutStamp = Omit<MutationDraft, 'id' | 'clientTs'>;

/**
 * Tables a local write touches: the drafts' entity tables (identities and consents are stored in
 * the customer's row), the outbox and the clock. Only those: IndexedDB serialises read-write
 * transactions whose scopes overlap, so a wider scope makes a wrap-up wait for unrelated work
 * (the leader settling a push, a pull page), which is what its p99 used to show.
 */
function writeTables(db: CentralitaDb, drafts: readonly DraftWithoutStamp[]): Table[] {
  const names = new Set<string>(drafts.map((draft) => ENTITY_TABLES[draft.entity]));
  return [...[...names].map((name) => db.table(name)), db.outbox, db.syncState];
}

/**
 * Applies drafts locally and queues them, all in ONE transaction: either the rows and their
 * outbox entries are both stored, or neither is. Returns the queued mutations.
 */
export async function writeLocal(store: SyncStore, drafts: readonly DraftWithoutStamp[], durability: Durability = 'default'): Promise<Mutation[]> {
  const db = durability === 'strict' ? store.strictDb : store.db;
  return db.transaction('rw', writeTables(db, drafts), async () => {
    const clock = await db.syncState.get('clock');
    let stamp = clock && clock.key === 'clock' ? clock.stamp : null;
    const nowMs = Date.now();
    const nowIso = new Date(nowMs).toISOString();
    const queued: Mutation[] = [];
    for (const draft of drafts) {
      stamp = nextStamp(stamp, store.clientId, nowMs);
      const mutation = buildMutation({ ...draft, id: uuidv7(nowMs), clientTs: stamp });
      const table = entityRows(db, mutation.entity);
      const next = applyMutation(await table.get(mutation.entityId), mutation, { userId: store.userId, nowIso });
      if (next === null) await table.delete(mutation.entityId);
      else await table.put(withDerivedFields(mutation.entity, next, nowIso));
      const entry: OutboxEntry = { ...mutation, enqueuedAt: nowIso, attempts: 0 };
      await db.outbox.add(entry);
      queued.push(mutation);
    }
    await db.syncState.put({ key: 'clock', stamp });
    return queued;
  });
}

/** Index keys that are derived from the row rather than sent by the server. */
export function withDerivedFields(entity: SyncEntity, row: EntityRow, nowIso: string): EntityRow {
  if (entity === 'interaction' && typeof row.occurredAt !== 'string') {
    return { ...row, occurredAt: interactionOccurredAt(row, nowIso) };
  }
  if (entity === 'queue_item' && typeof row.state !== 'string') return { ...row, state: 'open' };
  if (entity !== 'customer') return row;
  // `fieldTs` (e.g. a conflict's server state) only moves the clock; the caller observed it.
  // The name index follows the name whoever set it (a conflict's server state, not only local edits);
  // a redirect row stays out of it (merges.ts).
  const customer = mergedInto(row) ? withoutFieldStamps(row) : { ...withoutFieldStamps(row), nameLower: foldName(String(row.displayName ?? '')) };
  // The real customer replaces a placeholder that held its children (customer-children.ts).
  if (isPlaceholder(customer)) {
    const { placeholder: _replaced, ...real } = customer;
    return withChildIndexes(real as EntityRow);
  }
  return customer;
}

export async function deleteSyncStore(userId: string): Promise<void> {
  await Dexie.delete(databaseName(userId));
}
