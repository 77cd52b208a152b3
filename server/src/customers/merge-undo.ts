/**
 * Undoing a customer merge (admins), in one transaction, from the trail the merge kept
 * (merge-trail.ts): the duplicate stops redirecting; its identities, consents, consent history,
 * interactions, complaints, queue items and survey answers go back to it; identities and consents
 * the merge deleted are restored; survivor consents and golden-record fields the merge overwrote
 * are restored unless they changed since (a later decision stands). Rows created after the merge
 * stay with the survivor. The merge row stays, marked undone (the audit keeps both events), and
 * every changed row goes to the change log so clients learn it through the feed.
 */
import { sql } from 'kysely';
import type { UndoMergeResponse } from '@contract/admin';
import type { AuthUser } from '../auth/guard';
import type { Database, Tx } from '../db/database';
import type { CustomerRow } from '../db/schema';
import { conflict, notFound } from '../http/errors';
import { appendChanges, type ChangeRef } from '../sync/change-log';
import { golden } from './merge';
import type { GoldenFields, MergeTrail } from './merge-trail';

export type UndoMergeResult = UndoMergeResponse & { lastSeq: number | null };

/** JSON with sorted keys: jsonb does not keep the key order it was written with. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sameField(field: keyof GoldenFields, a: GoldenFields, b: GoldenFields): boolean {
  if (field === 'clv') return Number(a.clv) === Number(b.clv);
  if (field === 'field_ts') return canonical(JSON.parse(a.field_ts)) === canonical(JSON.parse(b.field_ts));
  return a[field] === b[field];
}

/** The survivor's fields with each one the merge changed, and nobody changed since, set back. */
function restoredGolden(current: CustomerRow, trail: MergeTrail): Partial<GoldenFields> {
  const { survivorBefore: before, survivorAfter: after } = trail;
  if (!before || !after) return {};
  const now = golden(current);
  const fields = Object.keys(before) as (keyof GoldenFields)[];
  return Object.fromEntries(fields.filter((field) => !sameField(field, before, after) && sameField(field, now, after)).map((field) => [field, before[field]]));
}

async function moveComplaintsBack(trx: Tx, ids: string[], from: string, to: string) {
  if (ids.length === 0) return [];
  return trx.updateTable('complaints').set((eb) => ({ customer_id: to, rev: eb('rev', '+', 1), updated_at: new Date() }))
    .where('id', 'in', ids).where('customer_id', '=', from).returning(['id', 'rev']).execute();
}

export async function undoMerge(db: Database, actor: AuthUser, mergeId: string, reason: string): Promise<UndoMergeResult> {
  return db.transaction(async (trx) => {
    const merge = await trx.selectFrom('customer_merges').selectAll().where('id', '=', mergeId).forUpdate().executeTakeFirst();
    if (!merge) throw notFound(`No merge ${mergeId}`);
    if (merge.undone_at) throw conflict('already_undone', `Merge ${mergeId} was already undone`);
    const trail = (merge.snapshot as { trail?: MergeTrail }).trail;
    if (!trail) throw conflict('not_undoable', 'This merge was made before merges kept what they moved; it cannot be undone automatically');
    const survivorId = merge.survivor_id;
    const duplicateId = merge.merged_id;
    const rows = new Map((await trx.selectFrom('customers').selectAll().where('id', 'in', [survivorId, duplicateId]).orderBy('id').forUpdate().execute()).map((row) => [row.id, row]));
    const survivor = rows.get(survivorId);
    const duplicate = rows.get(duplicateId);
    if (!survivor || !duplicate) throw notFound('A customer of this merge no longer exists');
    if (survivor.merged_into) throw conflict('survivor_merged', `Customer ${survivorId} was merged into ${survivor.merged_into} since; undo that merge first`);
    if (duplicate.merged_into !== survivorId) throw conflict('not_merged', `Customer ${duplicateId} no longer points at ${survivorId}`);

    const changes: ChangeRef[] = [];
    // History back to the duplicate.
    const interactions = trail.interactions.length === 0 ? [] : await trx.updateTable('interactions').set((eb) => ({ customer_id: duplicateId, rev: eb('rev', '+', 1), updated_at: new Date() }))
      .where('id', 'in', trail.interactions).where('customer_id', '=', survivorId).returning(['id', 'rev', 'team_id']).execute();
    for (const row of interactions) changes.push({ entity: 'interaction', entityId: row.id, op: 'upsert', rev: row.rev, teamId: row.team_id });
    const complaints = await moveComplaintsBack(trx, trail.complaints, survivorId, duplicateId);
    for (const row of complaints) changes.push({ entity: 'complaint', entityId: row.id, op: 'upsert', rev: row.rev, teamId: null });
    const queueItems = trail.queueItems.length === 0 ? [] : await trx.updateTable('queue_items').set((eb) => ({ customer_id: duplicateId, rev: eb('rev', '+', 1), updated_at: new Date() }))
      .where('id', 'in', trail.queueItems).where('customer_id', '=', survivorId).returning(['id', 'rev', 'team_id']).execute();
    for (const row of queueItems) changes.push({ entity: 'queue_item', entityId: row.id, op: 'upsert', rev: row.rev, teamId: row.team_id });
    const surveys = trail.surveys.length === 0 ? [] : await trx.updateTable('survey_responses').set({ customer_id: duplicateId })
      .where('id', 'in', trail.surveys).where('customer_id', '=', survivorId).returning('id').execute();
    if (trail.consentEvents.length > 0) {
      await trx.updateTable('consent_events').set({ customer_id: duplicateId }).where('id', 'in', trail.consentEvents.map(Number)).where('customer_id', '=', survivorId).execute();
    }

    // Identities: moved ones back, deleted ones (values the survivor also had) restored.
    const phones = trail.movedPhones.length === 0 ? [] : await trx.updateTable('customer_phones').set({ customer_id: duplicateId })
      .where('id', 'in', trail.movedPhones).where('customer_id', '=', survivorId).returning('id').execute();
    const others = trail.movedIdentities.length === 0 ? [] : await trx.updateTable('customer_identities').set({ customer_id: duplicateId })
      .where('id', 'in', trail.movedIdentities).where('customer_id', '=', survivorId).returning('id').execute();
    const revivedPhones = trail.deletedPhones.length === 0 ? [] : await trx.insertInto('customer_phones')
      .values(trail.deletedPhones.map((row) => ({ ...row, customer_id: duplicateId }))).onConflict((oc) => oc.doNothing()).returning('id').execute();
    const revivedOthers = trail.deletedIdentities.length === 0 ? [] : await trx.insertInto('customer_identities')
      .values(trail.deletedIdentities.map((row) => ({ ...row, customer_id: duplicateId }))).onConflict((oc) => oc.doNothing()).returning('id').execute();
    for (const row of [...phones, ...others, ...revivedPhones, ...revivedOthers]) changes.push({ entity: 'identity', entityId: row.id, op: 'upsert', rev: 1, teamId: null });
    if (trail.removals.length > 0) {
      await trx.insertInto('identity_removals').values(trail.removals.map((row) => ({ ...row, customer_id: duplicateId })))
        .onConflict((oc) => oc.columns(['customer_id', 'kind', 'value']).doUpdateSet({ stamp: sql`greatest(identity_removals.stamp, excluded.stamp)` })).execute();
    }

    // Consents: moved ones back, deleted ones restored, overwritten survivor decisions restored unless decided again since.
    const movedConsents = trail.movedConsents.length === 0 ? [] : await trx.updateTable('consents').set((eb) => ({ customer_id: duplicateId, rev: eb('rev', '+', 1), updated_at: new Date() }))
      .where('id', 'in', trail.movedConsents).where('customer_id', '=', survivorId).returning(['id', 'rev']).execute();
    const revivedConsents = trail.deletedConsents.length === 0 ? [] : await trx.insertInto('consents')
      .values(trail.deletedConsents.map((row) => ({ ...row, customer_id: duplicateId, rev: row.rev + 2, updated_at: new Date() })))
      .onConflict((oc) => oc.doNothing()).returning(['id', 'rev']).execute();
    const restoredConsents = [];
    for (const { before, stampAfter, statusAfter } of trail.overwrittenConsents) {
      const restored = await trx.updateTable('consents').set((eb) => ({
        status: before.status, source: before.source, stamp: before.stamp, stamped_at: before.stamped_at, revoked_at: before.revoked_at,
        rev: eb('rev', '+', 1), updated_at: new Date(),
      })).where('id', '=', before.id).where('stamp', '=', stampAfter).where('status', '=', statusAfter as 'granted' | 'revoked').returning(['id', 'rev']).executeTakeFirst();
      if (restored) restoredConsents.push(restored);
    }
    for (const row of [...movedConsents, ...revivedConsents, ...restoredConsents]) changes.push({ entity: 'consent', entityId: row.id, op: 'upsert', rev: row.rev, teamId: null });

    // The records themselves: the duplicate stands alone again, with the customers once merged into it.
    await trx.updateTable('customers').set({ ...restoredGolden(survivor, trail), rev: survivor.rev + 1, updated_at: new Date() }).where('id', '=', survivorId).execute();
    await trx.updateTable('customers').set({ merged_into: null, rev: duplicate.rev + 1, updated_at: new Date() }).where('id', '=', duplicateId).execute();
    changes.push({ entity: 'customer', entityId: survivorId, op: 'upsert', rev: survivor.rev + 1, teamId: null });
    changes.push({ entity: 'customer', entityId: duplicateId, op: 'upsert', rev: duplicate.rev + 1, teamId: null });
    if (trail.chained.length > 0) {
      const chained = await trx.updateTable('customers').set((eb) => ({ merged_into: duplicateId, rev: eb('rev', '+', 1), updated_at: new Date() }))
        .where('id', 'in', trail.chained).where('merged_into', '=', survivorId).returning(['id', 'rev']).execute();
      for (const row of chained) changes.push({ entity: 'customer', entityId: row.id, op: 'upsert', rev: row.rev, teamId: null });
    }

    await trx.updateTable('customer_merges').set({ undone_at: new Date(), undone_by: actor.id, undo_reason: reason }).where('id', '=', mergeId).execute();
    const lastSeq = await appendChanges(trx, changes);
    const head = lastSeq ?? (await trx.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow()).last_seq;
    return {
      mergeId, survivorId, duplicateId,
      restored: {
        identities: phones.length + others.length + revivedPhones.length + revivedOthers.length,
        consents: movedConsents.length + revivedConsents.length + restoredConsents.length,
        interactions: interactions.length, complaints: complaints.length, queueItems: queueItems.length, surveys: surveys.length,
      },
      cursor: String(head),
      lastSeq,
    };
  });
}
