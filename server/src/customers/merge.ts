/**
 * Merging a duplicate customer into a surviving golden record, in one transaction:
 * - identities (phones and the rest) move to the survivor; a value the survivor already has keeps
 *   the survivor's row (with the newer add stamp) and the duplicate's row becomes a tombstone;
 *   removal stamps move too, the newer one winning;
 * - consents per channel: the decision with the newer HLC stamp wins, and at an equal stamp a
 *   revocation wins — the sticky-revocation rule of the consent handler. Consent events (the
 *   full history) move to the survivor;
 * - interactions, complaints, queue items and survey answers move to the survivor;
 * - the survivor fills its empty language/channel from the duplicate and keeps the higher loyalty,
 *   lifetime value and reach (the same person's value is not added twice);
 * - the duplicate keeps its row with `merged_into` set (a redirect for clients and for pushes
 *   still addressed to it), and a customer_merges row keeps its state before the merge.
 * Every moved or changed row is appended to the change log, so clients pull the result.
 * What moved is kept in the merge's snapshot (`trail`), so an admin can undo it (merge-undo.ts).
 */
import { type Selectable, sql } from 'kysely';
import type { MergeCustomersResponse } from '@contract/admin';
import type { AuthUser } from '../auth/guard';
import type { Database, Tx } from '../db/database';
import type { CustomerIdentitiesTable, CustomerPhonesTable, CustomerRow } from '../db/schema';
import { conflict, notFound } from '../http/errors';
import { appendChanges, type ChangeRef } from '../sync/change-log';
import { loadEntities } from '../sync/entities';
import { emptyTrail, type GoldenFields, type MergeTrail } from './merge-trail';

const LOYALTY_ORDER = ['none', 'bronze', 'silver', 'gold', 'platinum'] as const;

export interface MergeInput { survivorId: string; duplicateId: string; reason: string }
export type MergeResult = MergeCustomersResponse & { lastSeq: number | null };

async function lockCustomers(trx: Tx, ids: [string, string]): Promise<Map<string, CustomerRow>> {
  // Both rows, in id order: two merges touching the same pair cannot deadlock.
  const rows = await trx.selectFrom('customers').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
  return new Map(rows.map((row) => [row.id, row]));
}

async function snapshotOf(trx: Tx, duplicate: CustomerRow, reason: string) {
  const phones = await trx.selectFrom('customer_phones').select('id').where('customer_id', '=', duplicate.id).execute();
  const others = await trx.selectFrom('customer_identities').select('id').where('customer_id', '=', duplicate.id).execute();
  const consents = await trx.selectFrom('consents').select('id').where('customer_id', '=', duplicate.id).execute();
  const customer = await loadEntities(trx, 'customer', [duplicate.id]);
  return {
    reason,
    customer: customer.get(duplicate.id) ?? null,
    identities: [...(await loadEntities(trx, 'identity', [...phones, ...others].map((row) => row.id))).values()],
    consents: [...(await loadEntities(trx, 'consent', consents.map((row) => row.id))).values()],
  };
}

async function mergeIdentities(trx: Tx, survivorId: string, duplicateId: string, changes: ChangeRef[], trail: MergeTrail): Promise<{ phones: number; identities: number }> {
  // Values both customers have: the survivor's row stays, with the newer add stamp.
  await sql`update customer_phones s set stamp = greatest(s.stamp, d.stamp)
    from customer_phones d where s.customer_id = ${survivorId}::uuid and d.customer_id = ${duplicateId}::uuid and d.e164 = s.e164`.execute(trx);
  const goneP = await sql<Selectable<CustomerPhonesTable>>`delete from customer_phones d using customer_phones s
    where d.customer_id = ${duplicateId}::uuid and s.customer_id = ${survivorId}::uuid and s.e164 = d.e164 returning d.*`.execute(trx);
  const movedP = await trx.updateTable('customer_phones').set({ customer_id: survivorId }).where('customer_id', '=', duplicateId).returning('id').execute();

  await sql`update customer_identities s set stamp = greatest(s.stamp, d.stamp)
    from customer_identities d where s.customer_id = ${survivorId}::uuid and d.customer_id = ${duplicateId}::uuid and d.kind = s.kind and d.value = s.value`.execute(trx);
  const goneI = await sql<Selectable<CustomerIdentitiesTable>>`delete from customer_identities d using customer_identities s
    where d.customer_id = ${duplicateId}::uuid and s.customer_id = ${survivorId}::uuid and s.kind = d.kind and s.value = d.value returning d.*`.execute(trx);
  const movedI = await trx.updateTable('customer_identities').set({ customer_id: survivorId }).where('customer_id', '=', duplicateId).returning('id').execute();

  trail.removals = await trx.selectFrom('identity_removals').selectAll().where('customer_id', '=', duplicateId).execute();
  await sql`insert into identity_removals (customer_id, kind, value, stamp)
    select ${survivorId}::uuid, kind, value, stamp from identity_removals where customer_id = ${duplicateId}::uuid
    on conflict (customer_id, kind, value) do update set stamp = greatest(identity_removals.stamp, excluded.stamp)`.execute(trx);
  await trx.deleteFrom('identity_removals').where('customer_id', '=', duplicateId).execute();

  trail.deletedPhones = goneP.rows;
  trail.deletedIdentities = goneI.rows;
  trail.movedPhones = movedP.map((row) => row.id);
  trail.movedIdentities = movedI.map((row) => row.id);
  for (const row of [...goneP.rows, ...goneI.rows]) changes.push({ entity: 'identity', entityId: row.id, op: 'delete', rev: 1, teamId: null });
  for (const row of [...movedP, ...movedI]) changes.push({ entity: 'identity', entityId: row.id, op: 'upsert', rev: 1, teamId: null });
  return { phones: movedP.length, identities: movedI.length };
}

/** Whether the duplicate's consent decision beats the survivor's (newer stamp; revocation wins a tie). */
export function duplicateConsentWins(survivor: { status: string; stamp: string }, duplicate: { status: string; stamp: string }): boolean {
  if (duplicate.stamp !== survivor.stamp) return duplicate.stamp > survivor.stamp;
  return duplicate.status === 'revoked' && survivor.status === 'granted';
}

async function mergeConsents(trx: Tx, survivorId: string, duplicateId: string, changes: ChangeRef[], trail: MergeTrail): Promise<number> {
  const theirs = await trx.selectFrom('consents').selectAll().where('customer_id', '=', duplicateId).forUpdate().execute();
  const ours = new Map((await trx.selectFrom('consents').selectAll().where('customer_id', '=', survivorId).forUpdate().execute()).map((row) => [row.channel, row]));
  let moved = 0;
  for (const dup of theirs) {
    const kept = ours.get(dup.channel);
    if (!kept) {
      await trx.updateTable('consents').set({ customer_id: survivorId, rev: dup.rev + 1, updated_at: new Date() }).where('id', '=', dup.id).execute();
      trail.movedConsents.push(dup.id);
      changes.push({ entity: 'consent', entityId: dup.id, op: 'upsert', rev: dup.rev + 1, teamId: null });
      moved++;
      continue;
    }
    await trx.deleteFrom('consents').where('id', '=', dup.id).execute();
    trail.deletedConsents.push(dup);
    changes.push({ entity: 'consent', entityId: dup.id, op: 'delete', rev: dup.rev + 1, teamId: null });
    if (duplicateConsentWins(kept, dup)) {
      trail.overwrittenConsents.push({ before: kept, stampAfter: dup.stamp, statusAfter: dup.status });
      await trx.updateTable('consents').set({
        status: dup.status, source: dup.source, stamp: dup.stamp, stamped_at: dup.stamped_at,
        revoked_at: dup.status === 'revoked' ? (kept.status === 'revoked' ? kept.revoked_at : dup.revoked_at) : null,
        rev: kept.rev + 1, updated_at: new Date(),
      }).where('id', '=', kept.id).execute();
      changes.push({ entity: 'consent', entityId: kept.id, op: 'upsert', rev: kept.rev + 1, teamId: null });
    }
  }
  const events = await trx.updateTable('consent_events').set({ customer_id: survivorId }).where('customer_id', '=', duplicateId).returning('id').execute();
  trail.consentEvents = events.map((row) => String(row.id));
  return moved;
}

async function moveHistory(trx: Tx, survivorId: string, duplicateId: string, changes: ChangeRef[], trail: MergeTrail) {
  const interactions = await trx.updateTable('interactions').set((eb) => ({ customer_id: survivorId, rev: eb('rev', '+', 1), updated_at: new Date() }))
    .where('customer_id', '=', duplicateId).returning(['id', 'rev', 'team_id']).execute();
  const complaints = await trx.updateTable('complaints').set((eb) => ({ customer_id: survivorId, rev: eb('rev', '+', 1), updated_at: new Date() }))
    .where('customer_id', '=', duplicateId).returning(['id', 'rev']).execute();
  const queueItems = await trx.updateTable('queue_items').set((eb) => ({ customer_id: survivorId, rev: eb('rev', '+', 1), updated_at: new Date() }))
    .where('customer_id', '=', duplicateId).returning(['id', 'rev', 'team_id']).execute();
  const surveys = await trx.updateTable('survey_responses').set({ customer_id: survivorId }).where('customer_id', '=', duplicateId).returning('id').execute();
  trail.interactions = interactions.map((row) => row.id);
  trail.complaints = complaints.map((row) => row.id);
  trail.queueItems = queueItems.map((row) => row.id);
  trail.surveys = surveys.map((row) => row.id);
  for (const row of interactions) changes.push({ entity: 'interaction', entityId: row.id, op: 'upsert', rev: row.rev, teamId: row.team_id });
  for (const row of complaints) changes.push({ entity: 'complaint', entityId: row.id, op: 'upsert', rev: row.rev, teamId: null });
  for (const row of queueItems) changes.push({ entity: 'queue_item', entityId: row.id, op: 'upsert', rev: row.rev, teamId: row.team_id });
  return { interactions: interactions.length, complaints: complaints.length, queueItems: queueItems.length, surveys: surveys.length };
}

/** The golden-record fields a merge may change on the survivor. */
export function golden(row: CustomerRow): GoldenFields {
  return {
    language: row.language, preferred_channel: row.preferred_channel, loyalty_level: row.loyalty_level, clv: row.clv,
    influencer: row.influencer, influencer_reach: row.influencer_reach, field_ts: JSON.stringify(row.field_ts),
  };
}

/** The survivor's golden-record fields after absorbing the duplicate. */
function absorbed(survivor: CustomerRow, duplicate: CustomerRow): GoldenFields {
  const fieldTs = { ...survivor.field_ts };
  const fill = <K extends 'language' | 'preferred_channel'>(column: K, field: string): CustomerRow[K] => {
    if (survivor[column] !== null || duplicate[column] === null) return survivor[column];
    if (duplicate.field_ts[field]) fieldTs[field] = duplicate.field_ts[field]!;
    return duplicate[column];
  };
  const higherLoyalty = LOYALTY_ORDER.indexOf(duplicate.loyalty_level) > LOYALTY_ORDER.indexOf(survivor.loyalty_level) ? duplicate.loyalty_level : survivor.loyalty_level;
  return {
    language: fill('language', 'language'),
    preferred_channel: fill('preferred_channel', 'preferredChannel'),
    loyalty_level: higherLoyalty,
    clv: String(Math.max(Number(survivor.clv), Number(duplicate.clv))),
    influencer: survivor.influencer || duplicate.influencer,
    influencer_reach: Math.max(survivor.influencer_reach, duplicate.influencer_reach),
    field_ts: JSON.stringify(fieldTs),
  };
}

export async function mergeCustomers(db: Database, actor: AuthUser, input: MergeInput): Promise<MergeResult> {
  return db.transaction(async (trx) => {
    const rows = await lockCustomers(trx, [input.survivorId, input.duplicateId]);
    const survivor = rows.get(input.survivorId);
    const duplicate = rows.get(input.duplicateId);
    if (!survivor) throw notFound(`No customer ${input.survivorId}`);
    if (!duplicate) throw notFound(`No customer ${input.duplicateId}`);
    if (duplicate.merged_into) throw conflict('already_merged', `Customer ${duplicate.id} was already merged into ${duplicate.merged_into}`);
    if (survivor.merged_into) throw conflict('survivor_merged', `Customer ${survivor.id} was merged into ${survivor.merged_into}; merge into that record`);

    const snapshot = await snapshotOf(trx, duplicate, input.reason);
    const changes: ChangeRef[] = [];
    const trail = emptyTrail();
    const identities = await mergeIdentities(trx, survivor.id, duplicate.id, changes, trail);
    const consents = await mergeConsents(trx, survivor.id, duplicate.id, changes, trail);
    const history = await moveHistory(trx, survivor.id, duplicate.id, changes, trail);

    const survivorAfter = absorbed(survivor, duplicate);
    trail.survivorBefore = golden(survivor);
    trail.survivorAfter = survivorAfter;
    await trx.updateTable('customers').set({ ...survivorAfter, rev: survivor.rev + 1, updated_at: new Date() }).where('id', '=', survivor.id).execute();
    await trx.updateTable('customers').set({ merged_into: survivor.id, rev: duplicate.rev + 1, updated_at: new Date() }).where('id', '=', duplicate.id).execute();
    // Anything merged into the duplicate earlier now points straight at the survivor.
    const chained = await trx.updateTable('customers').set((eb) => ({ merged_into: survivor.id, rev: eb('rev', '+', 1), updated_at: new Date() }))
      .where('merged_into', '=', duplicate.id).returning(['id', 'rev']).execute();
    changes.push({ entity: 'customer', entityId: survivor.id, op: 'upsert', rev: survivor.rev + 1, teamId: null });
    changes.push({ entity: 'customer', entityId: duplicate.id, op: 'upsert', rev: duplicate.rev + 1, teamId: null });
    for (const row of chained) changes.push({ entity: 'customer', entityId: row.id, op: 'upsert', rev: row.rev, teamId: null });
    trail.chained = chained.map((row) => row.id);

    const merge = await trx.insertInto('customer_merges').values({
      survivor_id: survivor.id, merged_id: duplicate.id, merged_by: actor.id, snapshot: JSON.stringify({ ...snapshot, trail }),
    }).returning('id').executeTakeFirstOrThrow();
    const lastSeq = await appendChanges(trx, changes);
    const head = lastSeq ?? (await trx.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow()).last_seq;
    return {
      mergeId: merge.id,
      survivorId: survivor.id,
      duplicateId: duplicate.id,
      moved: { ...identities, consents, interactions: history.interactions, complaints: history.complaints, queueItems: history.queueItems, surveys: history.surveys },
      cursor: String(head),
      lastSeq,
    };
  });
}
