/**
 * GET /api/sync/pull: changes after a cursor, in pages, scoped to what the user may see
 * (customers, identities, consents, complaints: everyone; interactions, re-tags, queue items:
 * the user's team; admins: everything), with tombstones (`op: 'delete'`, `data: null`).
 * One REPEATABLE READ snapshot per page, so the page, its data and the returned cursor agree.
 */

import type { Change, PullResponse, SyncEntity } from '@contract/sync';
import { visibleTeams, type AuthUser } from '../auth/guard';
import type { Database } from '../db/database';
import { ApiError } from '../http/errors';
import { loadEntities, type EntityData } from './entities';

export async function pullChanges(db: Database, user: AuthUser, cursor: number, limit: number): Promise<PullResponse> {
  return db.transaction(async (trx) => {
    const state = await trx.selectFrom('sync_state').select(['last_seq', 'retained_from']).executeTakeFirstOrThrow();
    if (cursor > 0 && (cursor < state.retained_from || cursor > state.last_seq)) {
      throw new ApiError(409, 'cursor_expired', 'This cursor is older than the retention window or unknown here; fetch everything again from cursor 0', { retainedFrom: String(state.retained_from) });
    }
    const teams = visibleTeams(user);
    let query = trx.selectFrom('change_log').select(['seq', 'entity', 'entity_id', 'op', 'rev'])
      .where('seq', '>', cursor).orderBy('seq').limit(limit + 1);
    if (teams !== null) {
      query = query.where((eb) => teams.length
        ? eb.or([eb('team_id', 'is', null), eb('team_id', 'in', teams)])
        : eb('team_id', 'is', null));
    }
    const rows = await query.execute();
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);

    const data = new Map<SyncEntity, Map<string, EntityData>>();
    const byEntity = new Map<SyncEntity, string[]>();
    for (const row of page) {
      if (row.op !== 'upsert') continue;
      const entity = row.entity as SyncEntity;
      byEntity.set(entity, [...(byEntity.get(entity) ?? []), row.entity_id]);
    }
    for (const [entity, ids] of byEntity) data.set(entity, await loadEntities(trx, entity, ids));

    const changes: Change[] = page.map((row) => {
      const entity = row.entity as SyncEntity;
      const current = row.op === 'upsert' ? data.get(entity)?.get(row.entity_id) ?? null : null;
      // An upsert whose row has vanished is reported as a tombstone rather than skipped.
      return { seq: String(row.seq), entity, entityId: row.entity_id, op: current ? 'upsert' : 'delete', rev: row.rev, data: current };
    });
    // Past the last visible change, the cursor may jump to the snapshot's head: every position up
    // to last_seq is committed (change-log.ts), so nothing can appear behind it later.
    const nextCursor = hasMore ? page[page.length - 1]!.seq : Math.max(cursor, state.last_seq);
    return { changes, cursor: String(nextCursor), hasMore };
  }, { isolation: 'repeatable read' });
}

/** Current head of the change log (for the SSE hello). */
export async function headCursor(db: Database): Promise<number> {
  const row = await db.kysely.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow();
  return row.last_seq;
}

