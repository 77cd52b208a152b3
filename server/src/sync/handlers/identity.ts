/**
 * Identity sets (phones in customer_phones, the rest in customer_identities), changed by add and
 * remove as a last-writer-wins element set: each value keeps the stamp of its latest add, and
 * identity_removals the stamp of its latest removal; the newer of the two decides membership.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/database';
import type { IdentityKindOtherThanPhone } from '../../db/schema';
import { applied, type ApplyContext, type ApplyOutcome, type PatchOf, Rejection } from './types';

type IdentityPatch = PatchOf<'identity', 'add'>;

function normalise(patch: IdentityPatch): string {
  return patch.kind === 'email' ? patch.value.trim().toLowerCase() : patch.value.trim();
}

async function findMember(trx: Tx, patch: IdentityPatch, value: string): Promise<{ id: string; stamp: string } | undefined> {
  if (patch.kind === 'phone') {
    return trx.selectFrom('customer_phones').select(['id', 'stamp'])
      .where('customer_id', '=', patch.customerId).where('e164', '=', value).forUpdate().executeTakeFirst();
  }
  return trx.selectFrom('customer_identities').select(['id', 'stamp'])
    .where('customer_id', '=', patch.customerId).where('kind', '=', patch.kind).where('value', '=', value).forUpdate().executeTakeFirst();
}

async function lockCustomer(trx: Tx, customerId: string): Promise<void> {
  // Serialises concurrent add/remove of the same customer's identities.
  const customer = await trx.selectFrom('customers').select('id').where('id', '=', customerId).forUpdate().executeTakeFirst();
  if (!customer) throw new Rejection('not_found', `customer ${customerId} does not exist`);
}

async function removalStamp(trx: Tx, patch: IdentityPatch, value: string): Promise<string | null> {
  const row = await trx.selectFrom('identity_removals').select('stamp')
    .where('customer_id', '=', patch.customerId).where('kind', '=', patch.kind).where('value', '=', value).executeTakeFirst();
  return row?.stamp ?? null;
}

/**
 * An add that creates no row under its own id (the value is already a member under another id, or
 * a later-stamped remove won) still answers `applied`, but the client that sent it holds a local
 * row with that id which no pull would ever replace or delete: a second copy of the phone, or a
 * phone the set no longer has. A tombstone for the id lets that client drop it (others never had it).
 */
function withoutOwnRow(mutation: ApplyContext<IdentityPatch>['mutation'], memberId: string | null): ApplyOutcome {
  if (memberId === mutation.entityId) return applied(mutation.id, 1, []);
  return applied(mutation.id, 1, [{ entity: 'identity', entityId: mutation.entityId, op: 'delete', rev: 1, teamId: null }]);
}

export async function addIdentity(ctx: ApplyContext<IdentityPatch>): Promise<ApplyOutcome> {
  const { trx, mutation, patch } = ctx;
  const value = normalise(patch);
  await lockCustomer(trx, patch.customerId);
  const removedAt = await removalStamp(trx, patch, value);
  // Removed by a later-stamped remove: this add lost; nothing changes.
  if (removedAt !== null && removedAt >= mutation.clientTs) return withoutOwnRow(mutation, (await findMember(trx, patch, value))?.id ?? null);
  const member = await findMember(trx, patch, value);
  if (member) {
    if (mutation.clientTs > member.stamp) await touchStamp(trx, patch.kind, member.id, mutation.clientTs);
    return withoutOwnRow(mutation, member.id);
  }
  const taken = await trx.selectFrom('customer_phones').select('id').where('id', '=', mutation.entityId)
    .union(trx.selectFrom('customer_identities').select('id').where('id', '=', mutation.entityId)).executeTakeFirst();
  if (taken) throw new Rejection('invalid_state', `identity id ${mutation.entityId} is already used by another value`);
  if (patch.kind === 'phone') {
    await trx.insertInto('customer_phones').values({ id: mutation.entityId, customer_id: patch.customerId, e164: value, label: null, stamp: mutation.clientTs }).execute();
  } else {
    await trx.insertInto('customer_identities').values({ id: mutation.entityId, customer_id: patch.customerId, kind: patch.kind as IdentityKindOtherThanPhone, value, stamp: mutation.clientTs }).execute();
  }
  return applied(mutation.id, 1, [{ entity: 'identity', entityId: mutation.entityId, op: 'upsert', rev: 1, teamId: null }]);
}

async function touchStamp(trx: Tx, kind: IdentityPatch['kind'], id: string, stamp: string): Promise<void> {
  if (kind === 'phone') await trx.updateTable('customer_phones').set({ stamp }).where('id', '=', id).execute();
  else await trx.updateTable('customer_identities').set({ stamp }).where('id', '=', id).execute();
}

export async function removeIdentity(ctx: ApplyContext<IdentityPatch>): Promise<ApplyOutcome> {
  const { trx, mutation, patch } = ctx;
  const value = normalise(patch);
  await lockCustomer(trx, patch.customerId);
  const member = await findMember(trx, patch, value);
  // Re-added by a later-stamped add: this remove lost.
  if (member && member.stamp > mutation.clientTs) return applied(mutation.id, 1, []);
  await trx.insertInto('identity_removals').values({ customer_id: patch.customerId, kind: patch.kind, value, stamp: mutation.clientTs })
    .onConflict((oc) => oc.columns(['customer_id', 'kind', 'value']).doUpdateSet({ stamp: sql<string>`greatest(identity_removals.stamp, excluded.stamp)` }))
    .execute();
  if (!member) return applied(mutation.id, 1, []);
  if (patch.kind === 'phone') await trx.deleteFrom('customer_phones').where('id', '=', member.id).execute();
  else await trx.deleteFrom('customer_identities').where('id', '=', member.id).execute();
  return applied(mutation.id, 1, [{ entity: 'identity', entityId: member.id, op: 'delete', rev: 1, teamId: null }]);
}
