/**
 * Shapes of the rows kept in IndexedDB. Server data is kept whole, except what can be rebuilt
 * exactly (a customer's children are stored compact, stored-rows.ts); indexed fields are derived.
 */
import type { Mutation, RejectReason, SyncEntity } from '@contract';

/** Every entity row carries the server revision it was based on (0 = never seen by the server). */
export interface EntityRow {
  id: string;
  rev: number;
  [field: string]: unknown;
}

export interface CustomerRow extends EntityRow {
  displayName: string;
  /** Lowercased, accent-free name for prefix search (index). */
  nameLower: string;
  /** Normalised E.164 numbers (multi-entry index). */
  phones: string[];
  emails: string[];
  customerNumbers: string[];
  /**
   * v3: the customer's identities and consents, stored in its row, compact (no id, no
   * customerId…): read them with `childrenOf` (customer-children.ts), never directly.
   */
  identities?: StoredChild[];
  consents?: StoredChild[];
  /** Ids of those children (multi-entry index: finds the customer holding one). */
  childIds?: string[];
}

/** A child as stored in its customer's row: `id`, `rev` and derivable fields may be absent. */
export type StoredChild = Partial<EntityRow> & Record<string, unknown>;

export interface IdentityRow extends EntityRow {
  customerId: string;
  kind: string;
  value: string;
}

export interface InteractionRow extends EntityRow {
  customerId: string | null;
  /** Sort key for a customer's timeline (v2 index): answered, queued or local creation time. */
  occurredAt: string;
}

/** A pending mutation; `seq` is auto-incremented so the outbox drains in write order. */
export interface OutboxEntry extends Mutation {
  seq?: number;
  enqueuedAt: string;
  attempts: number;
}

export type DeadLetterOrigin = 'rejected' | 'corrupt_record' | 'invalid_reply' | 'pull';
export type DeadLetterReason = RejectReason | 'corrupt_record' | 'invalid_reply' | 'invalid_request';

export interface DeadLetter {
  /** The mutation id, or `pull:<seq>` for a change the server sent that failed validation. */
  id: string;
  origin: DeadLetterOrigin;
  reason: DeadLetterReason;
  message: string;
  failedAt: string;
  entity: SyncEntity | null;
  entityId: string | null;
  /** What failed, kept verbatim so nothing is lost: the mutation, or the raw stored/received value. */
  payload: unknown;
}

export interface ReferenceRow {
  id: string;
  [field: string]: unknown;
}

export type SyncStateRow =
  | { key: 'meta'; clientId: string; cursor: string; lastSyncAt: string | null }
  | { key: 'clock'; stamp: string | null }
  | { key: 'activity'; phase: SyncPhase; done: number; total: number | null; reachable: boolean; lastError: string | null; updatedAt: string }
  /** A bulk snapshot in progress: resumes after `after` and then pulls from `cursor`. */
  | { key: 'snapshot'; cursor: string; after: string | null; done: number; total: number | null };

export type SyncPhase = 'idle' | 'pushing' | 'pulling' | 'downloading' | 'refetching';
