/** GET /api/team/board: the live board of one team (team leads: their own team; admins: any). */
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LEADS_AND_ADMINS } from '../auth';
import { type Database } from '../db/database';
import { badRequest, forbidden, notFound } from '../http/errors';
import { addRoute } from '../http/route';
import { teamBoard } from './board';

export function registerTeamRoutes(app: FastifyInstance, { db }: { db: Database }): void {
  addRoute(app, {
    method: 'GET', url: '/api/team/board', tags: ['reports'], auth: LEADS_AND_ADMINS,
    summary: "Live team board: each agent's state and for how long, agents available now, calls waiting",
    query: z.object({ team: z.uuid().optional() }),
    handler: async ({ query, user }) => {
      const teamId = query.team ?? user.teamId;
      if (!teamId) throw badRequest('team_required', 'Say which team (team=<id>)');
      if (user.role !== 'admin' && teamId !== user.teamId) throw forbidden('you can only see your own team');
      const board = await teamBoard(db, teamId);
      if (!board) throw notFound('no such team');
      return board;
    },
  });
}
