/**
 * Work-queue items of a team. Claiming is a server-checked intent: "claim if unassigned", which
 * fails with `claim_taken` when someone else holds it. Only the team (and admins) may touch them.
 */
import type { Tx } from '../../db/database';
import type { QueueItemRow } from '../../db/schema';
import { canAccessTeam } from '../../auth/guard';
import { applied, type ApplyContext, type ApplyOutcome, type PatchOf, Rejection } from './types';

const change = (id: string, rev: number, teamId: string) => [{ entity: 'queue_item' as const, entityId: id, op: 'upsert' as const, rev, teamId }];

async function lockItem(ctx: ApplyContext<unknown>): Promise<QueueItemRow> {
  const row = await ctx.trx.selectFrom('queue_items').selectAll().where('id', '=', ctx.mutation.entityId).forUpdate().executeTakeFirst();
  if (!row) throw new Rejection('not_found', `queue item ${ctx.mutation.entityId} does not exist`);
  if (!canAccessTeam(ctx.user, row.team_id)) throw new Rejection('forbidden', 'this queue item belongs to another team');
  return row;
}

async function save(trx: Tx, row: QueueItemRow, set: Partial<Pick<QueueItemRow, 'assignee_id' | 'state' | 'due_at' | 'claimed_at' | 'completed_at' | 'disposition' | 'interaction_id'>>): Promise<number> {
  const rev = row.rev + 1;
  await trx.updateTable('queue_items').set({ ...set, rev, updated_at: new Date() }).where('id', '=', row.id).execute();
  return rev;
}

export async function insertQueueItem(ctx: ApplyContext<PatchOf<'queue_item', 'insert'>>): Promise<ApplyOutcome> {
  const { trx, mutation, patch, user } = ctx;
  const teamId = patch.teamId ?? user.teamId;
  if (!teamId) throw new Rejection('invalid_patch', 'say which team the item is for (teamId)');
  if (!canAccessTeam(user, teamId)) throw new Rejection('forbidden', 'you may only queue work for your own team');
  const existing = await trx.selectFrom('queue_items').select('id').where('id', '=', mutation.entityId).executeTakeFirst();
  if (existing) throw new Rejection('immutable', `queue item ${mutation.entityId} already exists`);
  const customer = await trx.selectFrom('customers').select('id').where('id', '=', patch.customerId).executeTakeFirst();
  if (!customer) throw new Rejection('not_found', `customer ${patch.customerId} does not exist`);
  if (patch.complaintId) {
    const complaint = await trx.selectFrom('complaints').select('id').where('id', '=', patch.complaintId).executeTakeFirst();
    if (!complaint) throw new Rejection('not_found', `complaint ${patch.complaintId} does not exist`);
  }
  await trx.insertInto('queue_items').values({
    id: mutation.entityId, kind: patch.kind, customer_id: patch.customerId, complaint_id: patch.complaintId,
    team_id: teamId, due_at: patch.dueAt, note: patch.note, created_by: user.id,
  }).execute();
  return applied(mutation.id, 1, change(mutation.entityId, 1, teamId));
}

export async function claimQueueItem(ctx: ApplyContext<PatchOf<'queue_item', 'claim'>>): Promise<ApplyOutcome> {
  const row = await lockItem(ctx);
  if (row.state === 'done' || row.state === 'cancelled') throw new Rejection('invalid_state', `the item is ${row.state}`);
  if (row.assignee_id === ctx.user.id) return applied(ctx.mutation.id, row.rev, []);
  if (row.assignee_id !== null) throw new Rejection('claim_taken', 'someone else has already claimed this item');
  const rev = await save(ctx.trx, row, { assignee_id: ctx.user.id, state: 'claimed', claimed_at: new Date() });
  return applied(ctx.mutation.id, rev, change(row.id, rev, row.team_id));
}

export async function releaseQueueItem(ctx: ApplyContext<PatchOf<'queue_item', 'release'>>): Promise<ApplyOutcome> {
  const row = await lockItem(ctx);
  if (row.state !== 'claimed') return applied(ctx.mutation.id, row.rev, []);
  if (row.assignee_id !== ctx.user.id && ctx.user.role === 'agent') throw new Rejection('forbidden', 'only the assignee or a team lead may release this item');
  const rev = await save(ctx.trx, row, { assignee_id: null, state: 'open', claimed_at: null });
  return applied(ctx.mutation.id, rev, change(row.id, rev, row.team_id));
}

export async function completeQueueItem(ctx: ApplyContext<PatchOf<'queue_item', 'complete'>>): Promise<ApplyOutcome> {
  const { trx, patch, user } = ctx;
  const row = await lockItem(ctx);
  if (row.state === 'done') return applied(ctx.mutation.id, row.rev, []);
  if (row.state === 'cancelled') throw new Rejection('invalid_state', 'the item was cancelled');
  if (row.assignee_id !== null && row.assignee_id !== user.id && user.role === 'agent') throw new Rejection('claim_taken', 'someone else has claimed this item');
  const disposition = await trx.selectFrom('dispositions').select('code').where('code', '=', patch.disposition).executeTakeFirst();
  if (!disposition) throw new Rejection('invalid_patch', `unknown disposition ${patch.disposition}`);
  if (patch.interactionId) {
    const interaction = await trx.selectFrom('interactions').select('id').where('id', '=', patch.interactionId).executeTakeFirst();
    if (!interaction) throw new Rejection('not_found', `interaction ${patch.interactionId} does not exist`);
  }
  const rev = await save(trx, row, {
    state: 'done', assignee_id: row.assignee_id ?? user.id, completed_at: new Date(), disposition: patch.disposition, interaction_id: patch.interactionId,
  });
  return applied(ctx.mutation.id, rev, change(row.id, rev, row.team_id));
}

export async function rescheduleQueueItem(ctx: ApplyContext<PatchOf<'queue_item', 'reschedule'>>): Promise<ApplyOutcome> {
  const row = await lockItem(ctx);
  if (row.state === 'done' || row.state === 'cancelled') throw new Rejection('invalid_state', `the item is ${row.state}`);
  const rev = await save(ctx.trx, row, { due_at: new Date(ctx.patch.dueAt) });
  return applied(ctx.mutation.id, rev, change(row.id, rev, row.team_id));
}
