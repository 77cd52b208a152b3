/**
 * The versioned Dexie schema. Every version ever shipped stays listed here: Dexie upgrades an
 * existing database by walking the versions in order, and the upgrade tests open each old one.
 * One database per user (`centralita-<userId>`) so two agents on one machine never mix data.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { CustomerRow, DeadLetter, EntityRow, IdentityRow, InteractionRow, OutboxEntry, ReferenceRow, SyncStateRow } from './rows';

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

export const CURRENT_SCHEMA_VERSION = 2;

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

export class CentralitaDb extends Dexie {
  declare customers: Table<CustomerRow, string>;
  declare identities: Table<IdentityRow, string>;
  declare consents: Table<EntityRow, string>;
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

  /** `upTo` exists for upgrade tests: it opens the database as an older app version would. */
  constructor(name: string, { durability = 'default', upTo = CURRENT_SCHEMA_VERSION }: { durability?: 'default' | 'strict' | 'relaxed'; upTo?: number } = {}) {
    super(name, { chromeTransactionDurability: durability });
    this.version(1).stores(SCHEMA_V1);
    if (upTo >= 2) this.version(2).stores(SCHEMA_V2).upgrade(backfillOccurredAt);
  }
}

export function databaseName(userId: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw new Error(`databaseName: not a valid user id: ${JSON.stringify(userId)}`);
  return `centralita-${userId}`;
}
