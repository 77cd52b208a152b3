/** GET /api/reference (every signed-in user) and the taxonomy versions, older ones included. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { referenceDataSchema, taxonomyTreeSchema, taxonomyVersionSummarySchema } from '@contract/admin';
import { ALL_ROLES } from '../auth/roles';
import type { Database } from '../db/database';
import { addRoute } from '../http/route';
import { registerAfterCallWorkRoutes } from './after-call-work';
import { listTaxonomyVersions, loadReferenceData, referenceRevision, taxonomyTree } from './reference-data';

const etagOf = (revision: number): string => `"ref-${revision}"`;

export function registerReferenceRoutes(app: FastifyInstance, { db }: { db: Database }): void {
  registerAfterCallWorkRoutes(app, { db });
  addRoute(app, {
    method: 'GET', url: '/api/reference', tags: ['reference'], auth: ALL_ROLES,
    summary: 'Dispositions (with hotkeys), pause codes, the current complaint taxonomy (retired entries flagged) and the after-call-work policy. ETag = revision; If-None-Match → 304',
    response: { 200: referenceDataSchema },
    handler: async ({ request, reply }) => {
      const revision = await referenceRevision(db.kysely);
      if (request.headers['if-none-match'] === etagOf(revision)) return reply.status(304).send();
      const data = await loadReferenceData(db);
      void reply.header('etag', etagOf(data.revision)).header('cache-control', 'no-cache');
      return data;
    },
  });

  addRoute(app, {
    method: 'GET', url: '/api/reference/taxonomy', tags: ['reference'], auth: ALL_ROLES,
    summary: 'Every published taxonomy version, newest first',
    response: { 200: z.object({ versions: z.array(taxonomyVersionSummarySchema) }) },
    handler: async () => ({ versions: await listTaxonomyVersions(db.kysely) }),
  });

  addRoute(app, {
    method: 'GET', url: '/api/reference/taxonomy/:version', tags: ['reference'], auth: ALL_ROLES,
    summary: 'One taxonomy version (complaints keep the version they were filed under)',
    params: z.object({ version: z.coerce.number().int().min(1).max(1_000_000) }),
    response: { 200: taxonomyTreeSchema },
    handler: ({ params }) => taxonomyTree(db.kysely, params.version),
  });
}
