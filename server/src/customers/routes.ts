/** POST /api/customers/merge: team leads and admins fold a duplicate into a golden record; admins can undo a merge. */
import type { FastifyInstance } from 'fastify';
import { mergeCustomersRequestSchema, mergeCustomersResponseSchema, undoMergeRequestSchema, undoMergeResponseSchema } from '@contract/admin';
import { z } from 'zod';
import { ADMINS, LEADS_AND_ADMINS } from '../auth/roles';
import type { Database } from '../db/database';
import { addRoute } from '../http/route';
import type { ChangeFeed } from '../sync/feed';
import { mergeCustomers } from './merge';
import { undoMerge } from './merge-undo';

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
  addRoute(app, {
    method: 'POST', url: '/api/customers/merges/:id/undo', tags: ['customers'], auth: ADMINS,
    summary: 'Undo a merge: the duplicate, its identities, consents, interactions, complaints and queue items go back; the merge stays in the audit, marked undone',
    params: z.object({ id: z.uuid() }),
    body: undoMergeRequestSchema,
    response: { 200: undoMergeResponseSchema },
    handler: async ({ params, body, user, request }) => {
      const { lastSeq, ...result } = await undoMerge(db, user, params.id, body.reason);
      if (lastSeq !== null) await feed.announce(lastSeq).catch((error: unknown) => request.log.warn({ err: error }, 'change notification failed'));
      return result;
    },
  });
}
