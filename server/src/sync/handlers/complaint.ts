/** Complaints (cases): opened with a taxonomy type and SLA; status/description last-writer-wins. */
import type { ChangeRef } from '../change-log';
import { checkComplaintType } from './complaint-types';
import { applied, type ApplyContext, type ApplyOutcome, type PatchOf, Rejection } from './types';
import { loadEntity } from '../entities';

export async function insertComplaint(ctx: ApplyContext<PatchOf<'complaint', 'insert'>>): Promise<ApplyOutcome> {
  const { trx, mutation, patch, user, clientTime } = ctx;
  const existing = await trx.selectFrom('complaints').select('id').where('id', '=', mutation.entityId).executeTakeFirst();
  if (existing) throw new Rejection('immutable', `complaint ${mutation.entityId} already exists`);
  const customer = await trx.selectFrom('customers').select('id').where('id', '=', patch.customerId).executeTakeFirst();
  if (!customer) throw new Rejection('not_found', `customer ${patch.customerId} does not exist`);
  const version = await checkComplaintType(trx, patch.typeId, clientTime);
  const node = await trx.selectFrom('taxonomy_nodes').select('sla_hours').where('version', '=', version).where('id', '=', patch.typeId).executeTakeFirstOrThrow();
  // Opened when the agent logged it, but never in the future (client clocks drift).
  const openedAt = new Date(Math.min(clientTime.getTime(), Date.now()));
  await trx.insertInto('complaints').values({
    id: mutation.entityId, customer_id: patch.customerId, type_id: patch.typeId, taxonomy_version: version,
    description: patch.description, opened_by: user.id, opened_at: openedAt,
    sla_due_at: new Date(openedAt.getTime() + node.sla_hours * 3_600_000),
    field_ts: JSON.stringify({ status: mutation.clientTs, description: mutation.clientTs }),
  }).execute();
  const changes: ChangeRef[] = [{ entity: 'complaint', entityId: mutation.entityId, op: 'upsert', rev: 1, teamId: null }];
  if (patch.interactionId) {
    const interaction = await trx.selectFrom('interactions').select('id').where('id', '=', patch.interactionId).executeTakeFirst();
    if (!interaction) throw new Rejection('not_found', `interaction ${patch.interactionId} does not exist`);
    await trx.insertInto('complaint_interactions').values({ complaint_id: mutation.entityId, interaction_id: patch.interactionId }).execute();
  }
  return applied(mutation.id, 1, changes);
}

export async function updateComplaint(ctx: ApplyContext<PatchOf<'complaint', 'update'>>): Promise<ApplyOutcome> {
  const { trx, mutation, patch } = ctx;
  const row = await trx.selectFrom('complaints').select(['rev', 'field_ts', 'status', 'resolved_at']).where('id', '=', mutation.entityId).forUpdate().executeTakeFirst();
  if (!row) throw new Rejection('not_found', `complaint ${mutation.entityId} does not exist`);
  const fields = (['status', 'description'] as const).filter((field) => patch[field] !== undefined);
  if (fields.length === 0) return applied(mutation.id, row.rev, []);
  const winners = fields.filter((field) => { const stamp = row.field_ts[field]; return stamp === undefined || mutation.clientTs > stamp; });
  let rev = row.rev;
  if (winners.length) {
    rev += 1;
    const status = winners.includes('status') ? patch.status! : row.status;
    const resolvedAt = status === 'resolved' ? (row.status === 'resolved' ? row.resolved_at : new Date()) : null;
    await trx.updateTable('complaints').set({
      status,
      resolved_at: resolvedAt,
      ...(winners.includes('description') ? { description: patch.description! } : {}),
      field_ts: JSON.stringify({ ...row.field_ts, ...Object.fromEntries(winners.map((field) => [field, mutation.clientTs])) }),
      rev, updated_at: new Date(),
    }).where('id', '=', mutation.entityId).execute();
  }
  const changes: ChangeRef[] = winners.length ? [{ entity: 'complaint', entityId: mutation.entityId, op: 'upsert', rev, teamId: null }] : [];
  if (winners.length === fields.length) return applied(mutation.id, rev, changes);
  const current = await loadEntity(trx, 'complaint', mutation.entityId);
  return { result: { id: mutation.id, status: 'conflict', rev, current: current ?? {} }, changes };
}
