/** GET /api/queues/items: a team's work queue by priority, with each score's explanation. */
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { queueItemKindSchema } from '@contract';
import { ALL_ROLES, assertTeamAccess } from '../auth';
import { type Database } from '../db/database';
import { badRequest } from '../http/errors';
import { addRoute } from '../http/route';
import { listQueueItems, loadPriorityWeights } from './queue-items';

const STATES = ['open', 'claimed', 'done', 'cancelled'] as const;

export const queueItemsQuerySchema = z.object({
  team: z.uuid().optional(),
  /** Comma-separated states; default "open,claimed". */
  state: z.string().optional().transform((value, ctx) => {
    const states = (value ?? 'open,claimed').split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = states.filter((s) => !(STATES as readonly string[]).includes(s));
    if (unknown.length > 0 || states.length === 0) {
      ctx.addIssue({ code: 'custom', message: `state must be a comma-separated list of ${STATES.join(', ')}` });
      return z.NEVER;
    }
    return states as (typeof STATES)[number][];
  }),
  kind: queueItemKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});

export function registerQueueRoutes(app: FastifyInstance, { db }: { db: Database }): void {
  addRoute(app, {
    method: 'GET', url: '/api/queues/items', tags: ['queues'], auth: ALL_ROLES,
    summary: 'Work queue of a team ordered by priority score (desc) then due time, with the score explanation',
    query: queueItemsQuerySchema,
    handler: async ({ query, user }) => {
      const teamId = query.team ?? user.teamId;
      if (!teamId) throw badRequest('team_required', 'Say which team (team=<id>)');
      assertTeamAccess(user, teamId);
      const weights = await loadPriorityWeights(db);
      const { items, total } = await listQueueItems(db, { teamId, states: query.state, kind: query.kind, limit: query.limit, offset: query.offset }, weights);
      return { teamId, weights, total, items };
    },
  });
}
