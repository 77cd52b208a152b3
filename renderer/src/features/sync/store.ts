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
import type { EntityRow, IdentityRow, OutboxEntry, SyncStateRow } from './rows';
import { mergedInto } from './merges';

export interface SyncStore {
  readonly userId: string;
  readonly name: string;
  readonly db: CentralitaDb;
  readonly strictDb: CentralitaDb;
  readonly clientId: string;
  close(): void;
}

export const ENTITY_TABLES: Record<SyncEntity, 'customers' | 'identities' | 'consents' | 'interactions' | 'complaints' | 'outcomeTags' | 'queueItems'> = {
  customer: 'customers',
  identity: 'identities',
  consent: 'consents',
  interaction: 'interactions',
  complaint: 'complaints',
  outcome_tag: 'outcomeTags',
  queue_item: 'queueItems',
};

export function entityTable(db: CentralitaDb, entity: SyncEntity): Table<EntityRow, string> {
  return db.table(ENTITY_TABLES[entity]);
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

/** Rebuilds a customer's identity arrays (the phone/email/number indexes) from its identity rows. */
export async function refreshCustomerIdentities(db: CentralitaDb, customerId: string): Promise<void> {
  const customer = await db.customers.get(customerId);
  // A merged duplicate keeps no identity keys (merges.ts): lookups must land on its survivor.
  if (!customer || mergedInto(customer)) return;
  const identities: IdentityRow[] = await db.identities.where('customerId').equals(customerId).toArray();
  const valuesOf = (kind: string): string[] => [...new Set(identities.filter((row) => row.kind === kind).map((row) => row.value))];
  await db.customers.put({ ...customer, phones: valuesOf('phone'), emails: valuesOf('email'), customerNumbers: valuesOf('customer_number') });
}

/**
 * Tables a local write touches: the drafts' entity tables (identities also rewrite the customer's
 * index arrays), the outbox and the clock. Only those: IndexedDB serialises read-write
 * transactions whose scopes overlap, so a wider scope makes a wrap-up wait for unrelated work
 * (the leader settling a push, a pull page), which is what its p99 used to show.
 */
function writeTables(db: CentralitaDb, drafts: readonly DraftWithoutStamp[]): Table[] {
  const names = new Set<string>(drafts.map((draft) => ENTITY_TABLES[draft.entity]));
  if (names.has('identities')) names.add('customers');
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
    const touchedCustomers = new Set<string>();
    for (const draft of drafts) {
      stamp = nextStamp(stamp, store.clientId, nowMs);
      const mutation = buildMutation({ ...draft, id: uuidv7(nowMs), clientTs: stamp });
      const table = entityTable(db, mutation.entity);
      const next = applyMutation(await table.get(mutation.entityId), mutation, { userId: store.userId, nowIso });
      if (next === null) await table.delete(mutation.entityId);
      else await table.put(withDerivedFields(mutation.entity, next, nowIso));
      if (mutation.entity === 'identity') touchedCustomers.add(String(mutation.patch.customerId));
      const entry: OutboxEntry = { ...mutation, enqueuedAt: nowIso, attempts: 0 };
      await db.outbox.add(entry);
      queued.push(mutation);
    }
    for (const customerId of touchedCustomers) await refreshCustomerIdentities(db, customerId);
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
  return row;
}

export async function deleteSyncStore(userId: string): Promise<void> {
  await Dexie.delete(databaseName(userId));
}
