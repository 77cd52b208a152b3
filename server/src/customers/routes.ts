/** POST /api/customers/merge: team leads and admins fold a duplicate into a golden record. */
import type { FastifyInstance } from 'fastify';
import { mergeCustomersRequestSchema, mergeCustomersResponseSchema } from '@contract/admin';
import { LEADS_AND_ADMINS } from '../auth/roles';
import type { Database } from '../db/database';
import { addRoute } from '../http/route';
import type { ChangeFeed } from '../sync/feed';
import { mergeCustomers } from './merge';

export function registerCustomerRoutes(app: FastifyInstance, { db, feed }: { db: Database; feed: ChangeFeed }): void {
  addRoute(app, {
    method: 'POST', url: '/api/customers/merge', tags: ['customers'], auth: LEADS_AND_ADMINS,
    summary: 'Merge a duplicate customer into a survivor: identities, consents (revocations stay sticky), interactions, complaints and queue items move; the duplicate stays as a redirect (mergedInto)',
    body: mergeCustomersRequestSchema,
    response: { 200: mergeCustomersResponseSchema },
    handler: async ({ body, user, request }) => {
      const { lastSeq, ...result } = await mergeCustomers(db, user, body);
      if (lastSeq !== null) await feed.announce(lastSeq).catch((error: unknown) => request.log.warn({ err: error }, 'change notification failed'));
      return result;
    },
  });
}
