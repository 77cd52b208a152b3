/**
 * GET /api/sync/history: older history on demand (contract/src/snapshot.ts). The snapshot keeps
 * only 90 days of interactions; when a customer's timeline scrolls past what the client holds, it
 * asks for the next older page here. Scoped like the pull: the user's team (admins: all teams).
 * Keyset on (occurredAt, id), occurredAt truncated to the millisecond as the client stores it,
 * so the client's oldest (occurredAt, id) is an exact resume point.
 */
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { historyPageSchema, historyQuerySchema, type HistoryPage, type HistoryQuery, type SnapshotRow } from '@contract/snapshot';
import { ALL_ROLES } from '../auth/roles';
import { visibleTeams, type AuthUser } from '../auth/guard';
import type { Database } from '../db/database';
import { addRoute } from '../http/route';
import { loadEntities } from './entities';

const OCCURRED_AT = sql<Date>`date_trunc('milliseconds', coalesce(answered_at, queued_at, ended_at, created_at))`;

export async function historyPage(db: Database, user: AuthUser, query: HistoryQuery): Promise<HistoryPage> {
  return db.transaction(async (trx) => {
    const teams = visibleTeams(user);
    let select = trx.selectFrom('interactions').select(['id', OCCURRED_AT.as('occurred_at')])
      .where('customer_id', '=', query.customerId)
      .orderBy(OCCURRED_AT, 'desc').orderBy('id', 'desc').limit(query.limit + 1);
    if (query.before !== undefined && query.beforeId !== undefined) {
      select = select.where(sql<boolean>`(${OCCURRED_AT}, id) < (${query.before}::timestamptz, ${query.beforeId}::uuid)`);
    }
    if (teams !== null) {
      select = select.where((eb) => (teams.length ? eb.or([eb('team_id', 'is', null), eb('team_id', 'in', teams)]) : eb('team_id', 'is', null)));
    }
    const found = await select.execute();
    const page = found.slice(0, query.limit);
    const ids = page.map((row) => row.id);
    const loaded = await loadEntities(trx, 'interaction', ids);
    const interactions = page.flatMap((row) => {
      const data = loaded.get(row.id);
      return data ? [{ ...(data as SnapshotRow), occurredAt: new Date(row.occurred_at).toISOString() }] : [];
    });
    const tagIds = ids.length ? (await trx.selectFrom('outcome_retags').select('id').where('interaction_id', 'in', ids).orderBy('id').execute()).map((row) => row.id) : [];
    const tags = await loadEntities(trx, 'outcome_tag', tagIds);
    const last = page[page.length - 1];
    return {
      interactions,
      outcomeTags: tagIds.flatMap((id) => (tags.has(id) ? [tags.get(id) as SnapshotRow] : [])),
      next: found.length > query.limit && last ? { before: new Date(last.occurred_at).toISOString(), beforeId: last.id } : null,
    };
  }, { isolation: 'repeatable read' });
}

export function registerHistoryRoute(app: FastifyInstance, db: Database): void {
  addRoute(app, {
    method: 'GET', url: '/api/sync/history', tags: ['sync'], auth: ALL_ROLES,
    summary: "A customer's interactions older than the client holds (newest first, keyset on occurredAt and id), scoped to the user's team like the pull, with their re-tags",
    query: historyQuerySchema,
    response: { 200: historyPageSchema },
    handler: ({ query, user }) => historyPage(db, user, query),
  });
}
