/**
 * The write API other features use. Each call stores the local change and its outbox entry in
 * one transaction (see `writeLocal`); wrap-ups, outcomes and completed work use strict
 * durability, so "saved" on screen means saved on disk.
 */
import type { ConsentChannel, IdentityKind, mutationPatchSchemas, Mutation } from '@contract';
import type { z } from 'zod';
import { changedFields } from './local-apply';
import { normalizeIdentityValue } from './normalize';
import { writeLocal, type DraftWithoutStamp, type SyncStore } from './store';
import { uuidv7 } from './uuid7';
import type { IdentityRow, ReferenceRow } from './rows';
import { childRows, childrenOf } from './customer-children';

type Patches = typeof mutationPatchSchemas;
export type CustomerFields = z.input<Patches['customer']['update']>;
export type InteractionFields = z.input<Patches['interaction']['insert']>;
export type WrapupFields = z.input<Patches['interaction']['wrapup']>;
export type InteractionEnd = z.input<Patches['interaction']['end']>;
export type ComplaintFields = z.input<Patches['complaint']['insert']>;
export type ComplaintChanges = z.input<Patches['complaint']['update']>;
export type OutcomeTagFields = z.input<Patches['outcome_tag']['insert']>;
export type QueueItemFields = z.input<Patches['queue_item']['insert']>;

export interface NewCustomer {
  displayName: string;
  preferredChannel?: CustomerFields['preferredChannel'];
  language?: CustomerFields['language'];
  identities?: Array<{ kind: IdentityKind; value: string }>;
}

function identityDraft(customerId: string, kind: IdentityKind, value: string, op: 'add' | 'remove', entityId: string): DraftWithoutStamp {
  return { entity: 'identity', entityId, op, patch: { customerId, kind, value: normalizeIdentityValue(kind, value) } };
}

export async function createCustomer(store: SyncStore, customer: NewCustomer): Promise<string> {
  const customerId = uuidv7();
  const fields: Record<string, unknown> = { displayName: customer.displayName };
  if (customer.preferredChannel !== undefined) fields.preferredChannel = customer.preferredChannel;
  if (customer.language !== undefined) fields.language = customer.language;
  await writeLocal(store, [
    { entity: 'customer', entityId: customerId, op: 'insert', patch: fields },
    ...(customer.identities ?? []).map(({ kind, value }) => identityDraft(customerId, kind, value, 'add', uuidv7())),
  ]);
  return customerId;
}

/** Sends only the fields that actually change; returns the queued mutation, or null if none did. */
export async function updateCustomer(store: SyncStore, customerId: string, changes: CustomerFields): Promise<Mutation | null> {
  const current = await store.db.customers.get(customerId);
  const patch = changedFields(current, changes);
  if (Object.keys(patch).length === 0) return null;
  const [mutation] = await writeLocal(store, [{ entity: 'customer', entityId: customerId, op: 'update', patch, baseRev: current?.rev }]);
  return mutation ?? null;
}

export async function addIdentity(store: SyncStore, customerId: string, kind: IdentityKind, value: string): Promise<string> {
  const identityId = uuidv7();
  await writeLocal(store, [identityDraft(customerId, kind, value, 'add', identityId)]);
  return identityId;
}

export async function removeIdentity(store: SyncStore, identityId: string): Promise<void> {
  const row = (await childRows(store.db, 'identity').get(identityId)) as IdentityRow | undefined;
  if (!row) throw new Error(`removeIdentity: no identity ${identityId} in the local store`);
  await writeLocal(store, [{ ...identityDraft(row.customerId, row.kind as IdentityKind, row.value, 'remove', identityId), baseRev: row.rev }]);
}

export async function setConsent(store: SyncStore, customerId: string, channel: ConsentChannel, decision: 'grant' | 'revoke', source: string): Promise<void> {
  const existing = childrenOf(await store.db.customers.get(customerId), 'consent').find((row) => row.channel === channel);
  await writeLocal(store, [{ entity: 'consent', entityId: existing?.id ?? uuidv7(), op: decision, patch: { customerId, channel, source }, baseRev: existing?.rev }]);
}

export async function recordInteraction(store: SyncStore, interaction: InteractionFields): Promise<string> {
  const interactionId = uuidv7();
  await writeLocal(store, [{ entity: 'interaction', entityId: interactionId, op: 'insert', patch: interaction }], 'strict');
  return interactionId;
}

/** Several interactions in ONE transaction (imports, bulk after-call work, benchmarks). */
export async function recordInteractions(store: SyncStore, interactions: readonly InteractionFields[]): Promise<string[]> {
  const ids = interactions.map(() => uuidv7());
  await writeLocal(store, interactions.map((patch, index) => ({ entity: 'interaction' as const, entityId: ids[index]!, op: 'insert' as const, patch })), 'strict');
  return ids;
}

/** Closes an interaction recorded while its call was up (see the contract's `interaction.end`). */
export async function endInteraction(store: SyncStore, interactionId: string, end: InteractionEnd): Promise<void> {
  await writeLocal(store, [{ entity: 'interaction', entityId: interactionId, op: 'end', patch: end }], 'strict');
}

export async function saveWrapup(store: SyncStore, interactionId: string, wrapup: WrapupFields): Promise<void> {
  await writeLocal(store, [{ entity: 'interaction', entityId: interactionId, op: 'wrapup', patch: wrapup }], 'strict');
}

export async function recordOutcomeTag(store: SyncStore, tag: OutcomeTagFields): Promise<string> {
  const tagId = uuidv7();
  await writeLocal(store, [{ entity: 'outcome_tag', entityId: tagId, op: 'insert', patch: tag }], 'strict');
  return tagId;
}

export async function openComplaint(store: SyncStore, complaint: ComplaintFields): Promise<string> {
  const complaintId = uuidv7();
  await writeLocal(store, [{ entity: 'complaint', entityId: complaintId, op: 'insert', patch: complaint }], 'strict');
  return complaintId;
}

export async function updateComplaint(store: SyncStore, complaintId: string, changes: ComplaintChanges): Promise<void> {
  const current = await store.db.complaints.get(complaintId);
  const patch = changedFields(current, changes);
  if (Object.keys(patch).length === 0) return;
  await writeLocal(store, [{ entity: 'complaint', entityId: complaintId, op: 'update', patch, baseRev: current?.rev }]);
}

export async function createQueueItem(store: SyncStore, item: QueueItemFields): Promise<string> {
  const itemId = uuidv7();
  await writeLocal(store, [{ entity: 'queue_item', entityId: itemId, op: 'insert', patch: item }], 'strict');
  return itemId;
}

/** An intent: the server may answer `claim_taken`, which surfaces as a dead letter. */
export async function claimQueueItem(store: SyncStore, itemId: string): Promise<void> {
  await writeLocal(store, [{ entity: 'queue_item', entityId: itemId, op: 'claim', patch: {} }]);
}

export async function releaseQueueItem(store: SyncStore, itemId: string): Promise<void> {
  await writeLocal(store, [{ entity: 'queue_item', entityId: itemId, op: 'release', patch: {} }]);
}

export async function completeQueueItem(store: SyncStore, itemId: string, disposition: string, interactionId: string | null): Promise<void> {
  await writeLocal(store, [{ entity: 'queue_item', entityId: itemId, op: 'complete', patch: { disposition, interactionId } }], 'strict');
}

export async function rescheduleQueueItem(store: SyncStore, itemId: string, dueAt: string): Promise<void> {
  await writeLocal(store, [{ entity: 'queue_item', entityId: itemId, op: 'reschedule', patch: { dueAt } }]);
}

export type ReferenceList = 'taxonomy' | 'dispositions' | 'pauseCodes' | 'scripts';

/** Replaces a server-owned reference list (read-only for agents, so no outbox entry). */
export async function replaceReferenceList(store: SyncStore, list: ReferenceList, rows: readonly ReferenceRow[]): Promise<void> {
  const table = store.db.table<ReferenceRow, string>(list);
  await store.db.transaction('rw', table, async () => {
    await table.clear();
    await table.bulkPut([...rows]);
  });
}

/**
 * After the server refused this user's claim (`claim_taken`): the item belongs to someone else, so
 * it leaves this agent's queue at once instead of waiting for a pull that may bring nothing new
 * (a pull during the pending claim was rebased under it). The assignee is unknown here, so it is
 * left empty with `claimRejected` set; the next pull of the item replaces the whole row. Does
 * nothing while another change of the item is still pending. Returns whether it rolled back.
 */
export async function rollBackRejectedClaim(store: SyncStore, itemId: string): Promise<boolean> {
  const { db } = store;
  return db.transaction('rw', db.queueItems, db.outbox, async () => {
    if ((await db.outbox.where('entityId').equals(itemId).count()) > 0) return false;
    const row = await db.queueItems.get(itemId);
    if (!row || row.assigneeId !== store.userId) return false;
    await db.queueItems.put({ ...row, state: 'claimed', assigneeId: null, claimRejected: true });
    return true;
  });
}
