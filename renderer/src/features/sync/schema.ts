/**
 * The versioned Dexie schema. Every version ever shipped stays listed here: Dexie upgrades an
 * existing database by walking the versions in order, and the upgrade tests open each old one.
 * One database per user (`centralita-<userId>`) so two agents on one machine never mix data.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import { groupChild, placeholderCustomer, withChildIndexes, type CustomerChildren } from './customer-children';
import type { CustomerRow, DeadLetter, EntityRow, InteractionRow, OutboxEntry, ReferenceRow, SyncStateRow } from './rows';
import type { QueueScoreRow } from './queue-scores';

/** v1: the first shipped schema. */
export const SCHEMA_V1 = {
  customers: 'id, *phones, nameLower, *emails, *customerNumbers',
  identities: 'id, customerId, [kind+value]',
  consents: 'id, customerId, [customerId+channel]',
  interactions: 'id, customerId',
  complaints: 'id, customerId, status',
  outcomeTags: 'id, interactionId',
  queueItems: 'id, customerId, dueAt',
  taxonomy: 'id, parentId',
  dispositions: 'id',
  pauseCodes: 'id',
  scripts: 'id',
  outbox: '++seq, &id, entityId',
  deadLetters: 'id, failedAt',
  syncState: 'key',
} as const;

/**
 * v2: a customer's timeline is read newest-first by `[customerId+occurredAt]`, and work queues by
 * `[state+dueAt]`; existing interactions get `occurredAt` backfilled.
 */
export const SCHEMA_V2 = {
  interactions: 'id, customerId, [customerId+occurredAt]',
  queueItems: 'id, customerId, dueAt, [state+dueAt]',
} as const;

/**
 * v3: identities and consents move INTO their customer's row (customer-children.ts says why);
 * `*childIds` finds the customer holding one by id. v4 drops the emptied tables: Dexie lets an
 * upgrader read a table only if a LATER version deletes it.
 */
export const SCHEMA_V3 = {
  customers: 'id, *phones, nameLower, *emails, *customerNumbers, *childIds',
} as const;

export const SCHEMA_V4 = {
  identities: null,
  consents: null,
} as const;

/**
 * v5: `queueScores`, local-only (never synced, no outbox): the backend's last priority scores of
 * the work queue, so the next start orders the queue by them at once (queue-scores.ts).
 */
export const SCHEMA_V5 = {
  queueScores: 'key, score',
} as const;

export const CURRENT_SCHEMA_VERSION = 5;

export function interactionOccurredAt(row: Record<string, unknown>, fallback: string): string {
  for (const key of ['answeredAt', 'queuedAt', 'endedAt', 'createdAt']) {
    const value = row[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return fallback;
}

async function backfillOccurredAt(tx: Transaction): Promise<void> {
  await tx.table('interactions').toCollection().modify((row: Record<string, unknown>) => {
    if (typeof row.occurredAt !== 'string') row.occurredAt = interactionOccurredAt(row, '1970-01-01T00:00:00.000Z');
  });
}

/** Moves every identity and consent into its customer's row; orphans get a placeholder customer. */
async function embedChildren(tx: Transaction): Promise<void> {
  const byCustomer = new Map<string, CustomerChildren>();
  for (const field of ['identities', 'consents'] as const) {
    await tx.table(field).each((row: EntityRow) => groupChild(byCustomer, field, row));
  }
  const customers = tx.table<EntityRow, string>('customers');
  const ids = [...byCustomer.keys()];
  const stored = await customers.bulkGet(ids);
  await customers.bulkPut(ids.map((id, index) => {
    const children = byCustomer.get(id)!;
    const row = stored[index] ?? placeholderCustomer(id);
    return withChildIndexes({ ...row, ...children });
  }));
  await tx.table('identities').clear();
  await tx.table('consents').clear();
}

export class CentralitaDb extends Dexie {
  declare customers: Table<CustomerRow, string>;
  declare interactions: Table<InteractionRow, string>;
  declare complaints: Table<EntityRow, string>;
  declare outcomeTags: Table<EntityRow, string>;
  declare queueItems: Table<EntityRow, string>;
  declare taxonomy: Table<ReferenceRow, string>;
  declare dispositions: Table<ReferenceRow, string>;
  declare pauseCodes: Table<ReferenceRow, string>;
  declare scripts: Table<ReferenceRow, string>;
  declare outbox: Table<OutboxEntry, number>;
  declare deadLetters: Table<DeadLetter, string>;
  declare syncState: Table<SyncStateRow, string>;
  declare queueScores: Table<QueueScoreRow, string>;

  /** `upTo` exists for upgrade tests: it opens the database as an older app version would. */
  constructor(name: string, { durability = 'default', upTo = CURRENT_SCHEMA_VERSION }: { durability?: 'default' | 'strict' | 'relaxed'; upTo?: number } = {}) {
    super(name, { chromeTransactionDurability: durability });
    this.version(1).stores(SCHEMA_V1);
    if (upTo >= 2) this.version(2).stores(SCHEMA_V2).upgrade(backfillOccurredAt);
    if (upTo >= 3) this.version(3).stores(SCHEMA_V3).upgrade(embedChildren);
    if (upTo >= 4) this.version(4).stores(SCHEMA_V4);
    if (upTo >= 5) this.version(5).stores(SCHEMA_V5);
  }
}

export function databaseName(userId: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw new Error(`databaseName: not a valid user id: ${JSON.stringify(userId)}`);
  return `centralita-${userId}`;
}
