/** Customers: insert, and per-field last-writer-wins updates by HLC stamp (field_ts). */
import type { Mutation } from '@contract/sync';
import { loadEntity } from '../entities';
import { applied, type ApplyContext, type ApplyOutcome, type PatchOf, Rejection } from './types';

type CustomerPatch = PatchOf<'customer', 'update'>;

const COLUMNS: Record<keyof CustomerPatch, string> = {
  displayName: 'display_name',
  preferredChannel: 'preferred_channel',
  language: 'language',
  loyaltyLevel: 'loyalty_level',
  clv: 'clv',
  influencer: 'influencer',
  influencerReach: 'influencer_reach',
};

function columnValues(patch: CustomerPatch, fields: readonly (keyof CustomerPatch)[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [COLUMNS[field], patch[field]]));
}

export async function insertCustomer(ctx: ApplyContext<PatchOf<'customer', 'insert'>>): Promise<ApplyOutcome> {
  const { trx, mutation, patch } = ctx;
  const existing = await trx.selectFrom('customers').select('id').where('id', '=', mutation.entityId).executeTakeFirst();
  // The same customer created twice (e.g. re-sent under a new mutation id): merge as an update.
  if (existing) return updateCustomer({ ...ctx, patch });
  await trx.insertInto('customers').values(newCustomerRow(mutation, patch)).execute();
  return insertedCustomer(mutation);
}

/** The row a customer insert writes (also used by the bulk path, so both write the same). */
export function newCustomerRow(mutation: Mutation, patch: PatchOf<'customer', 'insert'>) {
  const fields = Object.keys(patch) as (keyof CustomerPatch)[];
  const fieldTs = Object.fromEntries(fields.map((field) => [field, mutation.clientTs]));
  return {
    id: mutation.entityId,
    display_name: patch.displayName,
    ...columnValues(patch, fields.filter((field) => field !== 'displayName')),
    field_ts: JSON.stringify(fieldTs),
  };
}

export const insertedCustomer = (mutation: Mutation): ApplyOutcome =>
  applied(mutation.id, 1, [{ entity: 'customer', entityId: mutation.entityId, op: 'upsert', rev: 1, teamId: null }]);

export async function updateCustomer(ctx: ApplyContext<CustomerPatch>): Promise<ApplyOutcome> {
  const { trx, mutation, patch } = ctx;
  const row = await trx.selectFrom('customers').select(['rev', 'field_ts']).where('id', '=', mutation.entityId).forUpdate().executeTakeFirst();
  if (!row) throw new Rejection('not_found', `customer ${mutation.entityId} does not exist`);
  const fields = Object.keys(patch) as (keyof CustomerPatch)[];
  // Last writer wins per field: a field changes only if this stamp is newer than the field's.
  const winners = fields.filter((field) => { const stamp = row.field_ts[field]; return stamp === undefined || mutation.clientTs > stamp; });
  let rev = row.rev;
  if (winners.length) {
    rev += 1;
    const fieldTs = { ...row.field_ts, ...Object.fromEntries(winners.map((field) => [field, mutation.clientTs])) };
    await trx.updateTable('customers')
      .set({ ...columnValues(patch, winners), field_ts: JSON.stringify(fieldTs), rev, updated_at: new Date() })
      .where('id', '=', mutation.entityId).execute();
  }
  const changes = winners.length ? [{ entity: 'customer' as const, entityId: mutation.entityId, op: 'upsert' as const, rev, teamId: null }] : [];
  if (winners.length === fields.length) return applied(mutation.id, rev, changes);
  // Some fields were overwritten by newer writes: tell the client the server's state.
  const current = await loadEntity(trx, 'customer', mutation.entityId);
  return { result: { id: mutation.id, status: 'conflict', rev, current: current ?? {} }, changes };
}
