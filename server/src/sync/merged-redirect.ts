/**
 * Pushes written offline against a customer that has since been merged away: the duplicate's row
 * redirects (merged_into) to the survivor, so the work lands on the golden record instead of being
 * rejected. One indexed lookup per batch, inside the push transaction.
 */
import type { Tx } from '../db/database';
import type { ValidMutation } from './validate';

/** The customer a mutation addresses: the entity itself for customers, else `patch.customerId`. */
function customerOf({ mutation, patch }: ValidMutation): string | null {
  if (mutation.entity === 'customer') return mutation.entityId;
  return typeof patch.customerId === 'string' ? patch.customerId : null;
}

export async function redirectMergedCustomers(trx: Tx, mutations: readonly ValidMutation[]): Promise<readonly ValidMutation[]> {
  const ids = [...new Set(mutations.map(customerOf).filter((id): id is string => id !== null))];
  if (ids.length === 0) return mutations;
  const merged = await trx.selectFrom('customers').select(['id', 'merged_into']).where('id', 'in', ids).where('merged_into', 'is not', null).execute();
  if (merged.length === 0) return mutations;
  const survivorOf = new Map(merged.map((row) => [row.id, row.merged_into!]));
  return mutations.map((item) => {
    const survivor = survivorOf.get(customerOf(item) ?? '');
    if (!survivor) return item;
    if (item.mutation.entity === 'customer') return { ...item, mutation: { ...item.mutation, entityId: survivor } };
    return { ...item, patch: { ...item.patch, customerId: survivor } };
  });
}
