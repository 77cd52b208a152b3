/** GET /api/sync/snapshot: the bulk first download (and refetch after `409`), see snapshot.ts. */
import type { FastifyInstance } from 'fastify';
import { snapshotPageSchema, snapshotQuerySchema } from '@contract/snapshot';
import { ALL_ROLES } from '../auth/roles';
import type { Database } from '../db/database';
import { addRoute } from '../http/route';
import { snapshotPageJson } from './snapshot';
import { registerHistoryRoute } from './snapshot-history';
import { registerCallerRoute } from './caller-route';

export function registerSnapshotRoute(app: FastifyInstance, db: Database): void {
  addRoute(app, {
    method: 'GET', url: '/api/sync/snapshot', tags: ['sync'], auth: ALL_ROLES,
    summary: 'Current state in keyset pages of customers (with identities, consents, open complaints, recent team interactions, open queue items) and the change-log cursor to pull from afterwards',
    query: snapshotQuerySchema,
    response: { 200: snapshotPageSchema },
    // The page arrives as JSON text built by the database (snapshot.ts): sent as is, not re-serialized.
    handler: async ({ query, user, reply }) => {
      const page = await snapshotPageJson(db, user, query.after ?? null, query.limit);
      return reply.type('application/json; charset=utf-8').send(page);
    },
  });
  // Older history than the snapshot's 90 days, on demand (the card's timeline).
  registerHistoryRoute(app, db);
  // One caller's rows while the client's download has not reached them (the screen pop).
  registerCallerRoute(app, db);
}
