/**
 * GET /api/sync/snapshot: current state in keyset pages of customers (see contract/src/snapshot.ts).
 * Each page is one REPEATABLE READ transaction; its `cursor` is the change-log head read inside
 * it. Every log position up to that head is committed and visible to the page (change-log.ts), and
 * every later commit gets a higher position, so pulling from the first page's cursor afterwards
 * delivers everything the pages could have missed.
 */
import { sql } from 'kysely';
import { SNAPSHOT_INTERACTION_DAYS, type SnapshotPage, type SnapshotRow } from '@contract/snapshot';
import type { SyncEntity } from '@contract/sync';
import { visibleTeams, type AuthUser } from '../auth/guard';
import type { Database, Tx } from '../db/database';
import { loadEntities } from './entities';

async function rowsOf(trx: Tx, entity: SyncEntity, ids: readonly string[]): Promise<SnapshotRow[]> {
  const loaded = await loadEntities(trx, entity, ids);
  // Keep the order the ids were selected in (keyset order), so the client writes ascending keys.
  return ids.flatMap((id) => {
    const row = loaded.get(id);
    return row ? [row as SnapshotRow] : [];
  });
}

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

const idsOf = (rows: ReadonlyArray<{ id: string }>): string[] => rows.map((row) => row.id);

export async function snapshotPage(db: Database, user: AuthUser, after: string | null, limit: number): Promise<SnapshotPage> {
  return db.transaction(async (trx) => {
    const state = await trx.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow();
    let customerQuery = trx.selectFrom('customers').select('id').orderBy('id').limit(limit + 1);
    if (after !== null) customerQuery = customerQuery.where('id', '>', after);
    const selected = idsOf(await customerQuery.execute());
    const hasMore = selected.length > limit;
    const customerIds = selected.slice(0, limit);
    const total = after === null
      ? Number((await trx.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
      : null;
    const empty = { customers: [], identities: [], consents: [], complaints: [], interactions: [], outcomeTags: [], queueItems: [] };
    if (customerIds.length === 0) return { cursor: String(state.last_seq), total, ...empty, next: null };

    const teams = visibleTeams(user);
    // Children are selected by the page's customer-id RANGE (after, last], which their
    // customer_id-leading indexes answer directly; an IN list of 1,000 ids costs several times more.
    const first = after;
    const last = customerIds[customerIds.length - 1]!;
    // Identities and consents are ~70% of a page: read whole by the range, in the pull's shape
    // (entities.ts; the server test compares every row with what the pull serves).
    const phones = await trx.selectFrom('customer_phones').select(['id', 'customer_id', 'e164', 'label'])
      .where('customer_id', '<=', last).$if(first !== null, (qb) => qb.where('customer_id', '>', first!)).orderBy('id').execute();
    const otherIdentities = await trx.selectFrom('customer_identities').select(['id', 'customer_id', 'kind', 'value'])
      .where('customer_id', '<=', last).$if(first !== null, (qb) => qb.where('customer_id', '>', first!)).orderBy('id').execute();
    const consents = await trx.selectFrom('consents').select(['id', 'customer_id', 'channel', 'status', 'source', 'stamp', 'stamped_at', 'revoked_at', 'rev'])
      .where('customer_id', '<=', last).$if(first !== null, (qb) => qb.where('customer_id', '>', first!)).orderBy('id').execute();
    const complaintIds = idsOf(await trx.selectFrom('complaints').select('id')
      .where('customer_id', '<=', last).$if(first !== null, (qb) => qb.where('customer_id', '>', first!))
      .where('status', '<>', 'resolved').orderBy('id').execute());

    let interactionQuery = trx.selectFrom('interactions').select('id')
      .where('customer_id', '<=', last).$if(first !== null, (qb) => qb.where('customer_id', '>', first!))
      .where(sql<boolean>`coalesce(queued_at, answered_at, created_at) >= now() - make_interval(days => ${SNAPSHOT_INTERACTION_DAYS})`)
      .orderBy('id');
    if (teams !== null) {
      interactionQuery = interactionQuery.where((eb) => (teams.length ? eb.or([eb('team_id', 'is', null), eb('team_id', 'in', teams)]) : eb('team_id', 'is', null)));
    }
    const interactionIds = idsOf(await interactionQuery.execute());
    const outcomeTagIds = interactionIds.length
      ? idsOf(await trx.selectFrom('outcome_retags').select('id').where('interaction_id', 'in', interactionIds).orderBy('id').execute())
      : [];

    let queueQuery = trx.selectFrom('queue_items').select('id')
      .where('customer_id', '<=', last).$if(first !== null, (qb) => qb.where('customer_id', '>', first!))
      .where('state', 'in', ['open', 'claimed']).orderBy('id');
    if (teams !== null) queueQuery = teams.length ? queueQuery.where('team_id', 'in', teams) : queueQuery.where(sql<boolean>`false`);
    const queueItemIds = idsOf(await queueQuery.execute());

    return {
      cursor: String(state.last_seq),
      total,
      customers: await rowsOf(trx, 'customer', customerIds),
      identities: [
        ...phones.map((row) => ({ id: row.id, customerId: row.customer_id, kind: 'phone', value: row.e164, label: row.label, rev: 1 })),
        ...otherIdentities.map((row) => ({ id: row.id, customerId: row.customer_id, kind: row.kind, value: row.value, label: null, rev: 1 })),
      ],
      consents: consents.map((row) => ({
        id: row.id, customerId: row.customer_id, channel: row.channel, status: row.status, source: row.source, stamp: row.stamp,
        stampedAt: iso(row.stamped_at), revokedAt: iso(row.revoked_at), rev: row.rev,
      })),
      complaints: await rowsOf(trx, 'complaint', complaintIds),
      interactions: await rowsOf(trx, 'interaction', interactionIds),
      outcomeTags: await rowsOf(trx, 'outcome_tag', outcomeTagIds),
      queueItems: await rowsOf(trx, 'queue_item', queueItemIds),
      next: hasMore ? customerIds[customerIds.length - 1]! : null,
    };
  }, { isolation: 'repeatable read' });
}
