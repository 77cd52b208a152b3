/**
 * Where the wrap-up of a call placed from a queue item can be: the call is recorded on the
 * customer its number belongs to in the cache (the recorder's and the card's phone lookup), which
 * is not the item's customer when several customers share the number (a family or office line),
 * and the wrap-up may move the record onto the customer the agent picked on the card. So the
 * item's customer, the number's owner and the record's own customer are all searched.
 */
import { customerTimeline, findCustomerByPhone, resolveCustomerId, type CentralitaDb, type InteractionRow } from '@features/sync';
import type { CallbackLink } from './callback-links';

/** How many of each customer's newest interactions are searched for the call's wrap-up. */
export const TIMELINE_WINDOW = 10;

/**
 * The interactions `wrapupOutcome` looks through for `link`: the call's own record (by id, on
 * whichever customer it is), then the newest interactions of the item's customer and of the
 * customer the dialled number belongs to, each once.
 */
export async function callbackCallRows(db: CentralitaDb, link: CallbackLink, recordId: string | null): Promise<InteractionRow[]> {
  const ownRecordId = link.interactionId ?? recordId;
  const [record, owner] = await Promise.all([ownRecordId ? db.interactions.get(ownRecordId) : undefined, findCustomerByPhone(db, link.number).catch(() => undefined)]);
  const customerIds = new Set<string>();
  for (const id of [link.customerId, owner?.id, record?.customerId]) {
    if (typeof id === 'string') customerIds.add(await resolveCustomerId(db, id));
  }
  const timelines = await Promise.all([...customerIds].map((id) => customerTimeline(db, id, TIMELINE_WINDOW)));
  const others = new Map<string, InteractionRow>();
  for (const row of timelines.flat()) if (row.id !== record?.id) others.set(row.id, row);
  // Newest first across the customers, as `wrapupOutcome` expects.
  const newestFirst = [...others.values()].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
  return record ? [record, ...newestFirst] : newestFirst;
}
