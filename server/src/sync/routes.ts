/** POST /api/sync/push, GET /api/sync/pull, GET /api/sync/events (server-sent events). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from '@contract/sync';
import { ELECTRON_ORIGIN } from '../http/origins';
import { userFromToken } from '../auth/guard';
import { ALL_ROLES } from '../auth/roles';
import type { Database } from '../db/database';
import { ApiError } from '../http/errors';
import { addRoute } from '../http/route';
import type { ChangeFeed } from './feed';
import { headCursor, pullChanges } from './pull';
import { pushBatch } from './push';
import { registerSnapshotRoute } from './snapshot-route';
import { validatePush } from './validate';

const HEARTBEAT_MS = 15_000;

export function registerSyncRoutes(app: FastifyInstance, { db, feed }: { db: Database; feed: ChangeFeed }): void {
  const openStreams = new Set<() => void>();
  app.addHook('onClose', async () => { for (const close of [...openStreams]) close(); });

  addRoute(app, {
    method: 'POST', url: '/api/sync/push', tags: ['sync'], auth: ALL_ROLES,
    summary: 'Apply a batch of client mutations (idempotent by mutation id, one transaction)',
    // Documented with the contract schema; validated by validatePush for precise error codes.
    documentedBody: pushRequestSchema,
    response: { 200: pushResponseSchema },
    handler: async ({ request, user }) => {
      const { clientId, mutations } = validatePush(request.body, user.role);
      const outcome = await pushBatch(db, user, clientId, mutations);
      if (outcome.lastSeq !== null) {
        await feed.announce(outcome.lastSeq).catch((error: unknown) => request.log.warn({ err: error }, 'change notification failed'));
      }
      if (outcome.results.length > 0 && outcome.results.every((result) => result.status === 'rejected' && result.reason === 'forbidden')) {
        throw new ApiError(403, 'forbidden', 'You may not make any of these changes', { results: outcome.results });
      }
      return { results: outcome.results };
    },
  });

  registerSnapshotRoute(app, db);

  addRoute(app, {
    method: 'GET', url: '/api/sync/pull', tags: ['sync'], auth: ALL_ROLES,
    summary: 'Changes after a cursor, in pages, scoped to what the user may see (409 cursor_expired: refetch from 0)',
    query: pullQuerySchema,
    response: { 200: pullResponseSchema },
    handler: ({ query, user }) => pullChanges(db, user, Number(query.cursor), query.limit),
  });

  app.get('/api/sync/events', {
    schema: {
      summary: 'Server-sent events: `event: changes` with `{ cursor }` whenever new changes exist; `event: reference` with `{ revision }` when an admin changes the reference lists. EventSource cannot send headers, so the access token may be given as ?access_token=.',
      tags: ['sync'],
    },
  }, async (request, reply) => {
    const user = userFromToken(request, tokenFrom(request));
    const origin = request.headers.origin;
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...(origin === ELECTRON_ORIGIN ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
    });
    const send = (cursor: string): void => { response.write(`event: changes\ndata: ${JSON.stringify({ cursor })}\n\n`); };
    response.write('retry: 3000\n\n');
    const unsubscribe = feed.subscribe(send);
    // Reference lists changed (GET /api/reference has the new revision): clients refetch them.
    const unsubscribeReference = feed.subscribeReference((revision) => {
      response.write(`event: reference\ndata: ${JSON.stringify({ revision: Number(revision) })}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const close = (): void => {
      if (!openStreams.delete(close)) return;
      clearInterval(heartbeat);
      unsubscribe();
      unsubscribeReference();
      response.end();
    };
    openStreams.add(close);
    request.raw.once('close', close);
    request.log.debug({ user: user.id }, 'sync event stream opened');
    send(String(await headCursor(db)));
  });
}

function tokenFrom(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  if (bearer) return bearer;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.access_token === 'string' ? query.access_token : null;
}
