/**
 * Interactions are immutable inserts by their agent; the wrap-up is set once (at insert or by a
 * later `wrapup`). Outcome re-tags are new immutable audit rows written only by a team lead of
 * the interaction's team; they also update the interaction's current outcome.
 */
import type { Mutation } from '@contract/sync';
import type { Tx } from '../../db/database';
import { canRetag, type AuthUser } from '../../auth/guard';
import { type OutcomeColumns, outcomeOf } from '../../db/outcome';
import type { ChangeRef } from '../change-log';
import { checkComplaintType } from './complaint-types';
import { applied, type ApplyContext, type ApplyOutcome, type PatchOf, Rejection } from './types';

export type WrapupPatch = PatchOf<'interaction', 'wrapup'>;

async function checkWrapup(trx: Tx, wrapup: WrapupPatch, clientTime: Date): Promise<void> {
  const disposition = await trx.selectFrom('dispositions').select(['required_fields', 'active']).where('code', '=', wrapup.disposition).executeTakeFirst();
  const problem = wrapupProblem(wrapup, disposition);
  if (problem) throw new Rejection('invalid_patch', problem);
  if (wrapup.complaintTypeId) await checkComplaintType(trx, wrapup.complaintTypeId, clientTime);
}

/** Why a wrap-up does not fit its disposition (unknown, retired, required fields missing), or null. */
export function wrapupProblem(wrapup: WrapupPatch, disposition: { required_fields: string[]; active: boolean } | undefined): string | null {
  if (!disposition || !disposition.active) return `unknown disposition ${wrapup.disposition}`;
  const missing = disposition.required_fields.filter((field) => {
    const value = (wrapup as Record<string, unknown>)[field];
    return value === null || value === undefined || value === '';
  });
  return missing.length ? `disposition ${wrapup.disposition} requires: ${missing.join(', ')}` : null;
}

function wrapupColumns(wrapup: WrapupPatch) {
  return {
    wrapped_up_at: new Date(),
    disposition: wrapup.disposition,
    emotion_start: wrapup.emotionStart?.emotion ?? null,
    emotion_start_intensity: wrapup.emotionStart?.intensity ?? null,
    emotion_end: wrapup.emotionEnd?.emotion ?? null,
    emotion_end_intensity: wrapup.emotionEnd?.intensity ?? null,
    complaint_type_id: wrapup.complaintTypeId,
    complaint_id: wrapup.complaintId,
    notes: wrapup.notes,
    script_id: wrapup.scriptId ?? null,
    script_version: wrapup.scriptVersion ?? null,
    script_answers: wrapup.scriptAnswers ? JSON.stringify(wrapup.scriptAnswers) : null,
    first_contact_resolution: wrapup.firstContactResolution,
  };
}

async function linkComplaint(trx: Tx, complaintId: string | null, interactionId: string, changes: ChangeRef[]): Promise<void> {
  if (!complaintId) return;
  const complaint = await trx.selectFrom('complaints').select(['id', 'rev']).where('id', '=', complaintId).forUpdate().executeTakeFirst();
  if (!complaint) throw new Rejection('not_found', `complaint ${complaintId} does not exist`);
  const linked = await trx.insertInto('complaint_interactions').values({ complaint_id: complaintId, interaction_id: interactionId })
    .onConflict((oc) => oc.doNothing()).returning('complaint_id').executeTakeFirst();
  if (!linked) return;
  const rev = complaint.rev + 1;
  await trx.updateTable('complaints').set({ rev, updated_at: new Date() }).where('id', '=', complaintId).execute();
  changes.push({ entity: 'complaint', entityId: complaintId, op: 'upsert', rev, teamId: null });
}

export async function insertInteraction(ctx: ApplyContext<PatchOf<'interaction', 'insert'>>): Promise<ApplyOutcome> {
  const { trx, mutation, patch, user } = ctx;
  const existing = await trx.selectFrom('interactions').select('id').where('id', '=', mutation.entityId).executeTakeFirst();
  if (existing) throw new Rejection('immutable', `interaction ${mutation.entityId} already exists; interactions are immutable`);
  if (patch.customerId) {
    const customer = await trx.selectFrom('customers').select('id').where('id', '=', patch.customerId).executeTakeFirst();
    if (!customer) throw new Rejection('not_found', `customer ${patch.customerId} does not exist`);
  }
  if (patch.wrapup) await checkWrapup(trx, patch.wrapup, ctx.clientTime);
  await trx.insertInto('interactions').values(newInteractionRow(mutation, patch, user)).execute();
  const changes: ChangeRef[] = [{ entity: 'interaction', entityId: mutation.entityId, op: 'upsert', rev: 1, teamId: user.teamId }];
  if (patch.wrapup) await linkComplaint(trx, patch.wrapup.complaintId, mutation.entityId, changes);
  return applied(mutation.id, 1, changes);
}

/** The row an interaction insert writes (also used by the bulk path, so both write the same). */
export function newInteractionRow(mutation: Mutation, patch: PatchOf<'interaction', 'insert'>, user: AuthUser) {
  return {
    id: mutation.entityId,
    customer_id: patch.customerId,
    channel: patch.channel,
    direction: patch.direction,
    queue: patch.queue,
    // The author is the agent: nobody records calls in someone else's name.
    agent_id: user.id,
    team_id: user.teamId,
    remote_number: patch.remoteNumber,
    line: patch.line,
    queued_at: patch.queuedAt,
    answered_at: patch.answeredAt,
    ended_at: patch.endedAt,
    hold_seconds: patch.holdSeconds,
    transfer_target: patch.transferTarget,
    transferred_from: patch.transferredFrom ?? null,
    client_ts: mutation.clientTs,
    ...(patch.wrapup ? wrapupColumns(patch.wrapup) : {}),
  };
}

export async function wrapupInteraction(ctx: ApplyContext<WrapupPatch>): Promise<ApplyOutcome> {
  const { trx, mutation, patch, user } = ctx;
  const row = await trx.selectFrom('interactions').select(['agent_id', 'team_id', 'wrapped_up_at', 'rev']).where('id', '=', mutation.entityId).forUpdate().executeTakeFirst();
  if (!row) throw new Rejection('not_found', `interaction ${mutation.entityId} does not exist`);
  if (row.agent_id !== user.id) throw new Rejection('forbidden', 'only the agent who handled an interaction may wrap it up');
  if (row.wrapped_up_at) throw new Rejection('immutable', 'this interaction is already wrapped up; a team lead can re-tag it');
  await checkWrapup(trx, patch, ctx.clientTime);
  // The agent's choice of customer on the card (set once, with the wrap-up); merged duplicates
  // were already redirected to their survivor by the push.
  if (patch.customerId) {
    const customer = await trx.selectFrom('customers').select('id').where('id', '=', patch.customerId).executeTakeFirst();
    if (!customer) throw new Rejection('not_found', `customer ${patch.customerId} does not exist`);
  }
  const rev = row.rev + 1;
  await trx.updateTable('interactions').set({
    ...wrapupColumns(patch), ...(patch.customerId ? { customer_id: patch.customerId } : {}), rev, updated_at: new Date(),
  }).where('id', '=', mutation.entityId).execute();
  const changes: ChangeRef[] = [{ entity: 'interaction', entityId: mutation.entityId, op: 'upsert', rev, teamId: row.team_id }];
  await linkComplaint(trx, patch.complaintId, mutation.entityId, changes);
  return applied(mutation.id, rev, changes);
}

/** Closes a call recorded while it was up: its end (answer, hold, transfer) is set once by its agent. */
export async function endInteraction(ctx: ApplyContext<PatchOf<'interaction', 'end'>>): Promise<ApplyOutcome> {
  const { trx, mutation, patch, user } = ctx;
  const row = await trx.selectFrom('interactions').select(['agent_id', 'team_id', 'ended_at', 'rev']).where('id', '=', mutation.entityId).forUpdate().executeTakeFirst();
  if (!row) throw new Rejection('not_found', `interaction ${mutation.entityId} does not exist`);
  if (row.agent_id !== user.id) throw new Rejection('forbidden', 'only the agent who handled an interaction may end it');
  if (row.ended_at) throw new Rejection('immutable', 'this interaction has already ended');
  const rev = row.rev + 1;
  await trx.updateTable('interactions').set({
    answered_at: patch.answeredAt, ended_at: patch.endedAt, hold_seconds: patch.holdSeconds, transfer_target: patch.transferTarget, rev, updated_at: new Date(),
  }).where('id', '=', mutation.entityId).execute();
  return applied(mutation.id, rev, [{ entity: 'interaction', entityId: mutation.entityId, op: 'upsert', rev, teamId: row.team_id }]);
}

export type RetagPatch = PatchOf<'outcome_tag', 'insert'>;
const RETAG_FIELDS = ['disposition', 'complaintTypeId', 'emotionEnd', 'firstContactResolution'] as const;

/** The audit row's old and new values: only the fields the re-tag changes, as the outcome shows them. */
export function retagAudit(row: OutcomeColumns, patch: RetagPatch): { old: Record<string, unknown>; new: Record<string, unknown> } {
  const before = outcomeOf(row);
  const changed = RETAG_FIELDS.filter((field) => patch[field] !== undefined);
  return {
    old: Object.fromEntries(changed.map((field) => [field, before[field]])),
    new: Object.fromEntries(changed.map((field) => [field, patch[field]])),
  };
}

/** The interaction columns a re-tag sets (only those it changes). */
export function retagColumns(patch: RetagPatch): Partial<OutcomeColumns> {
  return {
    ...(patch.disposition !== undefined ? { disposition: patch.disposition } : {}),
    ...(patch.complaintTypeId !== undefined ? { complaint_type_id: patch.complaintTypeId } : {}),
    ...(patch.emotionEnd !== undefined ? { emotion_end: patch.emotionEnd?.emotion ?? null, emotion_end_intensity: patch.emotionEnd?.intensity ?? null } : {}),
    ...(patch.firstContactResolution !== undefined ? { first_contact_resolution: patch.firstContactResolution } : {}),
  };
}

/** What a re-tag reports: the audit row (rev 1, immutable) and the interaction at its new revision. */
export function retagApplied(mutation: Mutation, patch: RetagPatch, teamId: string | null, interactionRev: number): ApplyOutcome {
  return applied(mutation.id, 1, [
    { entity: 'outcome_tag', entityId: mutation.entityId, op: 'upsert', rev: 1, teamId },
    { entity: 'interaction', entityId: patch.interactionId, op: 'upsert', rev: interactionRev, teamId },
  ]);
}

export async function retagOutcome(ctx: ApplyContext<RetagPatch>): Promise<ApplyOutcome> {
  const { trx, mutation, patch, user } = ctx;
  const row = await trx.selectFrom('interactions').selectAll().where('id', '=', patch.interactionId).forUpdate().executeTakeFirst();
  if (!row) throw new Rejection('not_found', `interaction ${patch.interactionId} does not exist`);
  if (!canRetag(user, row.team_id)) throw new Rejection('forbidden', 'only a team lead of the agent\'s team may re-tag this interaction');
  const exists = await trx.selectFrom('outcome_retags').select('id').where('id', '=', mutation.entityId).executeTakeFirst();
  if (exists) throw new Rejection('immutable', `re-tag ${mutation.entityId} already exists`);
  if (patch.disposition !== undefined) {
    const disposition = await trx.selectFrom('dispositions').select('code').where('code', '=', patch.disposition).executeTakeFirst();
    if (!disposition) throw new Rejection('invalid_patch', `unknown disposition ${patch.disposition}`);
  }
  if (patch.complaintTypeId) await checkComplaintType(trx, patch.complaintTypeId, ctx.clientTime);

  const audit = retagAudit(row, patch);
  await trx.insertInto('outcome_retags').values({
    id: mutation.entityId, interaction_id: patch.interactionId, retagged_by: user.id,
    old: JSON.stringify(audit.old), new: JSON.stringify(audit.new), reason: patch.reason, client_ts: mutation.clientTs,
  }).execute();
  const rev = row.rev + 1;
  await trx.updateTable('interactions').set({ ...retagColumns(patch), rev, updated_at: new Date() }).where('id', '=', patch.interactionId).execute();
  return retagApplied(mutation, patch, row.team_id, rev);
}
