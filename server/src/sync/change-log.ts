/**
 * The change log clients pull from.
 *
 * No skipped rows under concurrency: PostgreSQL sequences hand out numbers at call time but
 * transactions commit in any order, so a reader could see seq 11 before seq 10 commits and move
 * its cursor past 10 forever. Instead every appending transaction takes its numbers from the
 * single `sync_state` row with UPDATE … RETURNING; the row lock is held until commit, so the
 * next appender waits, and positions become visible strictly in order. Pushes append at the very
 * end of their transaction, so the serialised section is short. (PGlite is one connection, so it
 * is serial anyway.)
 *
 * One row per entity: a newer change moves the entity's row to a new position (ON CONFLICT), and
 * pull sends the entity's full current state, so a client never receives the same change twice.
 */
import { sql } from 'kysely';
import type { SyncEntity } from '@contract/sync';
import type { Tx } from '../db/database';

export const CHANGES_CHANNEL = 'centralita_changes';

export interface ChangeRef {
  entity: SyncEntity;
  entityId: string;
  op: 'upsert' | 'delete';
  rev: number;
  /** Who may see it: null = every signed-in user, else that team (and admins). */
  teamId: string | null;
}

/** Reserves `count` consecutive positions; returns the last one. Holds the log lock until commit. */
export async function reserveSeqs(trx: Tx, count: number): Promise<number> {
  const row = await trx.updateTable('sync_state').set((eb) => ({ last_seq: eb('last_seq', '+', count) }))
    .returning('last_seq').executeTakeFirstOrThrow();
  return row.last_seq;
}

const INSERT_CHUNK = 1000;

/** Appends changes (deduplicated per entity, last wins); returns the newest position or null. */
export async function appendChanges(trx: Tx, changes: readonly ChangeRef[]): Promise<number | null> {
  const latest = new Map<string, ChangeRef>();
  for (const change of changes) {
    const key = `${change.entity}:${change.entityId}`;
    latest.delete(key);
    latest.set(key, change);
  }
  if (latest.size === 0) return null;
  const last = await reserveSeqs(trx, latest.size);
  let seq = last - latest.size;
  const rows = [...latest.values()].map((change) => ({
    seq: ++seq, entity: change.entity, entity_id: change.entityId, op: change.op, rev: change.rev, team_id: change.teamId,
  }));
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await trx.insertInto('change_log').values(rows.slice(start, start + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(['entity', 'entity_id']).doUpdateSet((eb) => ({
        seq: eb.ref('excluded.seq'),
        op: eb.ref('excluded.op'),
        rev: eb.ref('excluded.rev'),
        team_id: eb.ref('excluded.team_id'),
        changed_at: sql<Date>`now()`,
      })))
      .execute();
  }
  return last;
}

/**
 * Drops tombstones older than `retentionDays`. Clients whose cursor is below the newest dropped
 * tombstone could miss a delete, so `retained_from` moves past it and pull answers them 409.
 */
export async function pruneTombstones(trx: Tx, retentionDays: number): Promise<number> {
  const deleted = await trx.deleteFrom('change_log')
    .where('op', '=', 'delete')
    .where('changed_at', '<', sql<Date>`now() - make_interval(days => ${retentionDays})`)
    .returning('seq').execute();
  if (deleted.length === 0) return 0;
  const newest = Math.max(...deleted.map((row) => row.seq));
  await trx.updateTable('sync_state').set((eb) => ({ retained_from: eb.fn('greatest', ['retained_from', eb.val(newest)]) })).execute();
  return deleted.length;
}
