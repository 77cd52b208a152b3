/**
 * GET /api/sync/snapshot/caller?phone=<E.164> (contract/src/snapshot.ts): the customer(s) with that
 * phone, as snapshot page rows, for a screen pop that rings before the client's first download
 * (or refetch) has reached them. The snapshot's selection rules are not repeated here: for each
 * customer X the answer is exactly the one-customer snapshot page that starts right below X.
 */
import type { FastifyInstance } from 'fastify';
import { callerSnapshotQuerySchema, snapshotPageSchema, type SnapshotPage } from '@contract/snapshot';
import { ALL_ROLES } from '../auth/roles';
import type { AuthUser } from '../auth/guard';
import type { Database } from '../db/database';
import { addRoute } from '../http/route';
import { snapshotPage } from './snapshot';

/** A number shared by more customers than this is not one caller: the card's search is the way then. */
export const CALLER_MAX_CUSTOMERS = 10;
/** Customers created between the id read and the page read shift the page; read again (rare). */
const PAGE_ATTEMPTS = 3;

/** The one-customer snapshot page of `customerId`, or null when it no longer exists. */
async function pageOfCustomer(db: Database, user: AuthUser, customerId: string): Promise<SnapshotPage | null> {
  for (let attempt = 0; attempt < PAGE_ATTEMPTS; attempt += 1) {
    // The greatest id below X (one index read): the page after it starts with X.
    const below = await db.kysely.selectFrom('customers').select('id').where('id', '<', customerId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const page = await snapshotPage(db, user, below?.id ?? null, 1);
    const first = page.customers[0];
    if (first?.id === customerId) return page;
    // Past X: it was deleted meanwhile. Before X: a customer was inserted between; try again.
    if (first === undefined || first.id > customerId) return null;
  }
  return null;
}

export async function callerPage(db: Database, user: AuthUser, e164: string): Promise<SnapshotPage> {
  const owners = await db.kysely.selectFrom('customer_phones').select('customer_id').distinct()
    .where('e164', '=', e164).orderBy('customer_id').limit(CALLER_MAX_CUSTOMERS).execute();
  const pages: SnapshotPage[] = [];
  for (const { customer_id: customerId } of owners) {
    const page = await pageOfCustomer(db, user, customerId);
    if (page) pages.push(page);
  }
  const cursor = pages.length > 0 ? pages[0]!.cursor : String((await db.kysely.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow()).last_seq);
  const rows = (table: Exclude<keyof SnapshotPage, 'cursor' | 'total' | 'next'>) => pages.flatMap((page) => page[table]);
  return {
    // Never a resume point (see the contract): the client does not store it.
    cursor,
    total: null,
    customers: rows('customers'),
    identities: rows('identities'),
    consents: rows('consents'),
    complaints: rows('complaints'),
    interactions: rows('interactions'),
    outcomeTags: rows('outcomeTags'),
    queueItems: rows('queueItems'),
    next: null,
  };
}

export function registerCallerRoute(app: FastifyInstance, db: Database): void {
  addRoute(app, {
    method: 'GET', url: '/api/sync/snapshot/caller', tags: ['sync'], auth: ALL_ROLES,
    summary: 'The customer(s) with this E.164 phone and their children, as a snapshot page (for a screen pop during the first download; its cursor is not a resume point)',
    query: callerSnapshotQuerySchema,
    response: { 200: snapshotPageSchema },
    handler: ({ query, user }) => callerPage(db, user, query.phone),
  });
}
