/**
 * Read routes for team leads, marketing and campaign planners (KPIs, exclusions, availability,
 * team call review) plus the queue read. One entry point, registered by app.ts.
 */
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Role } from '@contract';
import { ALL_ROLES, LEADS_AND_ADMINS } from '../auth';
import { type Database } from '../db/database';
import { badRequest, forbidden } from '../http/errors';
import { addRoute } from '../http/route';
import { registerQueueRoutes } from '../queues/routes';
import { DEFAULT_STALE_AFTER_SECONDS, availability, presenceBodySchema, reportPresence } from './availability';
import { listExclusions, loadExclusionThresholds } from './exclusions';
import { EXCLUSIONS_CSV_HEADER, exclusionCsvLine } from './exclusions-csv';
import { computeKpis } from './kpis';
import { resolveScope } from './scope';
import { listTeamCalls, reviewInteraction, teamCallsQuerySchema, teamForViewer } from './team-calls';

const DAY_MS = 86_400_000;
/** Admins have no team and no phone: presence is for the people taking calls. */
const ON_THE_PHONES: readonly Role[] = ['agent', 'team_lead'];
const isoParam = z.string().datetime({ offset: true });

const kpiQuerySchema = z.object({
  from: isoParam.optional(),
  to: isoParam.optional(),
  team: z.uuid().optional(),
  agent: z.uuid().optional(),
  /** 1: add per-team figures (admins: every team; team leads: their own team). */
  teams: z.enum(['0', '1']).optional(),
  /** Add every KPI and the start and end emotion counts per UTC day, ISO week or month (kpiSeries, emotionSeries). */
  series: z.enum(['day', 'week', 'month']).optional(),
});

const exclusionsQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  negativeEmotionDays: z.string().optional(),
  callWindowDays: z.string().optional(),
  callFrequencyK: z.string().optional(),
  minCalls: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** Keyset cursor: the last customer id of the previous page. */
  after: z.uuid().optional(),
});

const availabilityQuerySchema = z.object({
  team: z.uuid().optional(),
  staleAfterSeconds: z.coerce.number().int().min(10).max(86_400).default(DEFAULT_STALE_AFTER_SECONDS),
});

export function registerReadRoutes(app: FastifyInstance, context: { db: Database }): void {
  const { db } = context;

  addRoute(app, {
    method: 'GET', url: '/api/kpis', tags: ['reports'], auth: ALL_ROLES,
    summary: 'AHT, wait, FCR, abandonment, CSAT, NPS, CES, emotions and complaint types (agents: own; leads: team; admins: all); teams=1 adds per-team figures (leads and admins), series=day|week|month every KPI and the emotion counts per period',
    query: kpiQuerySchema,
    handler: async ({ query, user }) => {
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
      if (from >= to) throw badRequest('invalid_query', '"from" must be before "to"');
      if (query.teams === '1' && user.role === 'agent') throw forbidden('per-team figures are for team leads and admins');
      const scope = await resolveScope(db, user, { team: query.team, agent: query.agent });
      return computeKpis(db, scope, { from, to }, { perAgent: user.role !== 'agent', perTeam: query.teams === '1', series: query.series });
    },
  });

  addRoute(app, {
    method: 'GET', url: '/api/exclusions', tags: ['reports'], auth: LEADS_AND_ADMINS,
    summary: 'Customers marketing must not contact now, with reasons (JSON, or CSV with format=csv)',
    query: exclusionsQuerySchema,
    handler: async ({ query, reply }) => {
      let thresholds;
      try {
        thresholds = await loadExclusionThresholds(db, query);
      } catch (error) {
        throw badRequest('invalid_query', `Invalid exclusion thresholds: ${error instanceof z.ZodError ? z.prettifyError(error) : String(error)}`);
      }
      if (query.format === 'csv') {
        const rows = await listExclusions(db, thresholds);
        void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="exclusions.csv"');
        return EXCLUSIONS_CSV_HEADER + rows.map(exclusionCsvLine).join('');
      }
      const items = await listExclusions(db, thresholds, { limit: query.limit, after: query.after });
      return { thresholds, items, nextAfter: items.length === query.limit ? (items.at(-1)?.customerId ?? null) : null };
    },
  });

  addRoute(app, {
    method: 'GET', url: '/api/availability', tags: ['reports'], auth: LEADS_AND_ADMINS,
    summary: 'Agents available now, per team (states older than staleAfterSeconds read as offline)',
    query: availabilityQuerySchema,
    handler: async ({ query }) => {
      const now = new Date();
      return { at: now.toISOString(), teams: await availability(db, { now, staleAfterSeconds: query.staleAfterSeconds, teamId: query.team }) };
    },
  });

  addRoute(app, {
    method: 'POST', url: '/api/presence', tags: ['reports'], auth: ON_THE_PHONES,
    summary: "Report the caller's own state (on every change and every 60 s as a heartbeat)",
    body: presenceBodySchema,
    handler: async ({ body, user }) => reportPresence(db, user.id, body),
  });

  addRoute(app, {
    method: 'GET', url: '/api/team/interactions', tags: ['reports'], auth: LEADS_AND_ADMINS,
    summary: "The team's interactions, filtered and paged (team leads: their own team only)",
    query: teamCallsQuerySchema,
    handler: async ({ query, user }) => listTeamCalls(db, teamForViewer(user, query.team), query),
  });

  addRoute(app, {
    method: 'GET', url: '/api/interactions/:id', tags: ['reports'], auth: ALL_ROLES,
    summary: 'Review one interaction: outcome, notes, script answers, complaint, re-tags and the customer timeline around it',
    params: z.object({ id: z.uuid() }),
    handler: async ({ params, user }) => reviewInteraction(db, user, params.id),
  });

  registerQueueRoutes(app, context);
}
