/**
 * The customers of the rows around the viewport in ONE live read, instead of a live query per
 * row: mounting a row while scrolling then costs no IndexedDB subscription, read or second render.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef } from 'react';
import { mergedInto, resolveCustomer, useSyncSession, type CentralitaDb, type CustomerRow } from '@features/sync';

/** Rows per block: the read's key only moves when the viewport crosses a block boundary. */
export const CUSTOMER_BLOCK = 50;

/**
 * Pure: the customer ids of the blocks holding rows `first`..`last` plus one block either side, so
 * rows scrolling in already have their customer while the next window is read.
 */
export function customerWindow(entries: readonly { customerId: string }[], first: number, last: number, block = CUSTOMER_BLOCK): string[] {
  if (entries.length === 0 || last < first) return [];
  const from = Math.max(0, (Math.floor(first / block) - 1) * block);
  const to = Math.min(entries.length, (Math.floor(last / block) + 2) * block);
  const ids = new Set<string>();
  for (let index = from; index < to; index += 1) ids.add(entries[index]!.customerId);
  return [...ids].sort();
}

/** Customers by id (primary-key reads); a merged duplicate shows its survivor, as `useCustomer` does. */
export async function readCustomers(db: CentralitaDb, ids: readonly string[]): Promise<Map<string, CustomerRow>> {
  const rows = await db.customers.bulkGet([...ids]);
  const found = new Map<string, CustomerRow>();
  await Promise.all(
    ids.map(async (id, index) => {
      const row = rows[index];
      const shown = row && mergedInto(row) ? await resolveCustomer(db, id) : row;
      if (shown) found.set(id, shown);
    }),
  );
  return found;
}

export type CustomerLookup = (customerId: string) => CustomerRow | undefined;

/** Live customers of `ids`; until a new window's read answers, the previous window's rows stay. */
export function useVisibleCustomers(ids: readonly string[]): CustomerLookup {
  const session = useSyncSession();
  const key = ids.join(',');
  const read = useLiveQuery(async () => (session && ids.length > 0 ? readCustomers(session.store.db, ids) : new Map<string, CustomerRow>()), [session, key]);
  const previous = useRef<ReadonlyMap<string, CustomerRow>>(new Map());
  return useMemo(() => {
    const before = previous.current;
    const current = read ?? before;
    previous.current = current;
    return (customerId: string) => current.get(customerId) ?? before.get(customerId);
  }, [read]);
}
