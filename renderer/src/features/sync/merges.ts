/**
 * Following the server's customer merges in the local cache. When a customer row arrives with
 * `mergedInto` (the server folded duplicate A into survivor B, server/src/customers/merge.ts):
 * - A stays as a redirect row, stripped of its index fields, so a phone lookup or the typeahead
 *   never finds it again;
 * - local rows still naming A (identities, consents, interactions, complaints, queue items the
 *   server has not sent back yet, e.g. recorded offline) move to B;
 * - pending outbox entries naming A are re-targeted to B exactly as the server's push redirect
 *   would (server/src/sync/merged-redirect.ts): same mutation id, so a re-send stays idempotent.
 *   Entries written later that still name A (a window holding A's id) are left to that redirect
 *   and come back on B with the next pull.
 * Readers resolve ids through `resolveCustomerId`, so screen pops and open cards show B.
 */
import type { Mutation } from '@contract';
import type { CentralitaDb } from './schema';
import { applyMutation, type ApplyContext } from './local-apply';
import type { CustomerRow, EntityRow, OutboxEntry } from './rows';
import { CHILD_FIELD, childrenOf, isPlaceholder, placeholderCustomer, withChildIndexes, withConsent } from './customer-children';

/** Merge chains are short (a merged duplicate's own duplicates are re-pointed by the server). */
export const MAX_REDIRECT_HOPS = 8;

/** The survivor a customer row redirects to, or null for a live customer. */
export function mergedInto(row: Record<string, unknown> | undefined): string | null {
  const target = row?.mergedInto;
  return typeof target === 'string' && target.length > 0 && target !== row?.id ? target : null;
}

/** A merged duplicate as stored: no name or identity keys, so no index range ever returns it. */
export function asRedirectRow<T extends EntityRow>(row: T): T {
  const { nameLower: _unindexed, ...rest } = row;
  return { ...rest, phones: [], emails: [], customerNumbers: [] } as unknown as T;
}

/** Follows `mergedInto` from `customerId` to the record that survives (itself when not merged). */
export async function resolveCustomerId(db: CentralitaDb, customerId: string): Promise<string> {
  return (await resolveCustomer(db, customerId))?.id ?? customerId;
}

/**
 * The surviving customer row for `customerId`, following redirects. Undefined when the id is not
 * cached or only a placeholder; a redirect whose survivor is not cached (yet) returns the redirect row itself.
 */
export async function resolveCustomer(db: CentralitaDb, customerId: string): Promise<CustomerRow | undefined> {
  let row = await db.customers.get(customerId);
  // A placeholder only holds children of a customer not received yet: not a customer to show.
  if (isPlaceholder(row)) return undefined;
  for (let hop = 0; row && hop < MAX_REDIRECT_HOPS; hop += 1) {
    const target = mergedInto(row);
    if (!target) return row;
    const next = await db.customers.get(target);
    if (!next) return row;
    row = next;
  }
  return row;
}

/** The customer a mutation addresses: the entity itself for customers, else `patch.customerId`. */
function addressedCustomer(mutation: Mutation): string | null {
  if (mutation.entity === 'customer') return mutation.entityId;
  return typeof mutation.patch.customerId === 'string' ? mutation.patch.customerId : null;
}

/** The same mutation addressed to the survivor (the server's redirect, done ahead of it). */
export function retargetMutation<T extends Mutation>(mutation: T, survivorId: string): T {
  if (mutation.entity === 'customer') return { ...mutation, entityId: survivorId };
  return { ...mutation, patch: { ...mutation.patch, customerId: survivorId } };
}

const CHILD_TABLES = ['interactions', 'complaints', 'queueItems'] as const;

const identityKey = (row: EntityRow): string => `${String(row.kind)}:${String(row.value)}`;

/**
 * Identities and consents stored in a duplicate's row (v3) move into its survivor's row. The
 * server's own rows of A were already moved or deleted by the page; what is left is local work.
 */
async function moveEmbeddedChildren(db: CentralitaDb, targets: ReadonlyMap<string, string>): Promise<number> {
  let moved = 0;
  for (const [duplicate, survivor] of targets) {
    const from = await db.customers.get(duplicate);
    const children = { identities: childrenOf(from, 'identity'), consents: childrenOf(from, 'consent') };
    if (!from || children.identities.length + children.consents.length === 0) continue;
    const to: CustomerRow = (await db.customers.get(survivor)) ?? placeholderCustomer(survivor);
    const merged = { ...to };
    for (const entity of ['identity', 'consent'] as const) {
      const field = CHILD_FIELD[entity];
      const kept = childrenOf(to, entity);
      const known = new Set(kept.map((row) => row.id));
      const moving = childrenOf(from, entity).filter((row) => !known.has(row.id)).map((row) => ({ ...row, customerId: survivor }));
      // One consent per channel on the survivor too: the later decision stays, as the server's merge does.
      if (entity === 'consent') merged[field] = moving.reduce(withConsent, kept);
      else merged[field] = [...kept, ...withoutValuesHeld(moving, kept)];
    }
    await db.customers.bulkPut([withChildIndexes({ ...from, identities: [], consents: [] }), withChildIndexes(merged)]);
    moved += children.identities.length + children.consents.length;
  }
  return moved;
}

/**
 * A value the survivor already holds keeps the survivor's row, as the server's merge does. An add of
 * it on A, pending (now re-targeted) or already redirected by the server, creates no row under its id
 * (the server answers it with a tombstone for that id): moved, it would show on B twice until then.
 */
function withoutValuesHeld(moving: readonly EntityRow[], kept: readonly EntityRow[]): EntityRow[] {
  const held = new Set(kept.map(identityKey));
  return moving.filter((row) => {
    if (held.has(identityKey(row))) return false;
    held.add(identityKey(row));
    return true;
  });
}

/** Collapses chains inside one batch (A→B, B→C gives A→C) so everything lands on the final record. */
function finalTargets(merges: ReadonlyMap<string, string>): Map<string, string> {
  const result = new Map<string, string>();
  for (const [duplicate] of merges) {
    let target = merges.get(duplicate)!;
    for (let hop = 0; merges.has(target) && hop < MAX_REDIRECT_HOPS; hop += 1) target = merges.get(target)!;
    if (target !== duplicate) result.set(duplicate, target);
  }
  return result;
}

export interface MergeFollowReport {
  /** Local rows moved from a duplicate to its survivor. */
  movedRows: number;
  /** Outbox entries re-targeted. */
  retargeted: number;
}

/**
 * Moves local rows and pending outbox entries from each duplicate to its survivor. Must run
 * inside a transaction over every entity table and the outbox (pull/snapshot pages are).
 * Pending customer edits re-targeted to a survivor are applied on top of its cached row.
 */
export async function followMerges(db: CentralitaDb, merges: ReadonlyMap<string, string>, context: ApplyContext): Promise<MergeFollowReport> {
  const targets = finalTargets(merges);
  const report: MergeFollowReport = { movedRows: 0, retargeted: 0 };
  if (targets.size === 0) return report;
  const duplicates = [...targets.keys()];
  report.movedRows += await moveEmbeddedChildren(db, targets);
  for (const name of CHILD_TABLES) {
    const table = db.table<EntityRow, string>(name);
    const rows = await table.where('customerId').anyOf(duplicates).toArray();
    if (rows.length === 0) continue;
    await table.bulkPut(rows.map((row) => ({ ...row, customerId: targets.get(String(row.customerId))! })));
    report.movedRows += rows.length;
  }
  if ((await db.outbox.count()) === 0) return report;
  // The outbox is a short queue and merges are rare: one pass over it is cheaper than an index.
  const survivors = new Set(targets.values());
  const customerEdits: Array<{ survivor: string; mutation: Mutation }> = [];
  const pendingAdds = new Set<string>();
  await db.outbox.toCollection().modify((entry: OutboxEntry) => {
    const addressed = addressedCustomer(entry);
    const survivor = addressed ? targets.get(addressed) : undefined;
    if (survivor) {
      const moved = retargetMutation(entry, survivor);
      entry.entityId = moved.entityId;
      entry.patch = moved.patch;
      report.retargeted += 1;
      if (entry.entity === 'customer' && entry.op === 'update') customerEdits.push({ survivor, mutation: moved });
    }
    if (entry.entity === 'identity' && entry.op === 'add' && survivors.has(String(entry.patch.customerId))) pendingAdds.add(entry.entityId);
  });
  for (const { survivor, mutation } of customerEdits) {
    const row = await db.customers.get(survivor);
    if (!row) continue;
    const next = applyMutation(row, mutation, context);
    if (next) await db.customers.put(next as CustomerRow);
  }
  // A survivor can now hold one value twice: a pending add of it (e.g. A's phone noted on B
  // offline) and A's server row the merge moved onto B. The server keeps its own row and answers the
  // add with a tombstone for the add's id; the local copy gives way now (its outbox entry still goes
  // out) so the card does not show the value twice until that pull. Kept inline, not in
  // an awaited async helper: its extra native-promise hops lost Dexie's transaction zone
  // (PrematureCommitError in merges.test.ts).
  for (const survivor of pendingAdds.size > 0 ? survivors : []) {
    const row = await db.customers.get(survivor);
    const identities = childrenOf(row, 'identity');
    const kept = withoutShadowedAdds(identities, pendingAdds);
    if (row && kept.length < identities.length) await db.customers.put(withChildIndexes({ ...row, identities: kept }));
  }
  return report;
}

/** Identities minus pending adds of a value another (server-known) identity of the list holds. */
function withoutShadowedAdds(identities: readonly EntityRow[], pendingAdds: ReadonlySet<string>): EntityRow[] {
  const held = new Set(identities.filter((identity) => !pendingAdds.has(identity.id)).map(identityKey));
  return identities.filter((identity) => !(pendingAdds.has(identity.id) && held.has(identityKey(identity))));
}
