/**
 * Consents per customer and channel. Last writer wins by HLC stamp, with revocation sticky:
 * a grant changes a revoked consent only if stamped strictly after the revocation, so a
 * grant recorded before (or at the same instant as) a revocation never re-grants. Every
 * decision is also kept in consent_events, effective or not.
 */
import { applied, type ApplyContext, type ApplyOutcome, type PatchOf, Rejection } from './types';
import { loadEntity } from '../entities';

type ConsentPatch = PatchOf<'consent', 'grant'>;
type Status = 'granted' | 'revoked';

/** Whether a decision stamped `stamp` replaces the consent in force (also decides push's bulk path). */
export function consentDecisionWins(current: { status: Status; stamp: string } | undefined, status: Status, stamp: string): boolean {
  if (!current) return true;
  if (status === 'revoked') return current.status === 'granted' ? stamp >= current.stamp : stamp > current.stamp;
  return stamp > current.stamp;
}

export async function decideConsent(ctx: ApplyContext<ConsentPatch>, status: Status): Promise<ApplyOutcome> {
  const { trx, mutation, patch, user, clientTime } = ctx;
  const customer = await trx.selectFrom('customers').select('id').where('id', '=', patch.customerId).forUpdate().executeTakeFirst();
  if (!customer) throw new Rejection('not_found', `customer ${patch.customerId} does not exist`);
  const row = await trx.selectFrom('consents').selectAll()
    .where('customer_id', '=', patch.customerId).where('channel', '=', patch.channel).forUpdate().executeTakeFirst();

  const effective = consentDecisionWins(row, status, mutation.clientTs);

  await trx.insertInto('consent_events').values({
    customer_id: patch.customerId, channel: patch.channel, status, source: patch.source,
    stamp: mutation.clientTs, stamped_at: clientTime, recorded_by: user.id, effective,
  }).execute();

  if (!row) {
    await trx.insertInto('consents').values({
      id: mutation.entityId, customer_id: patch.customerId, channel: patch.channel, status, source: patch.source,
      stamp: mutation.clientTs, stamped_at: clientTime, revoked_at: status === 'revoked' ? clientTime : null,
    }).execute();
    return applied(mutation.id, 1, [{ entity: 'consent', entityId: mutation.entityId, op: 'upsert', rev: 1, teamId: null }]);
  }
  if (!effective && row.status === status) return applied(mutation.id, row.rev, []);
  if (!effective) {
    // The server's decision stands (e.g. a revocation newer than this grant): say so.
    const current = await loadEntity(trx, 'consent', row.id);
    return { result: { id: mutation.id, status: 'conflict', rev: row.rev, current: current ?? {} }, changes: [] };
  }
  const rev = row.rev + 1;
  await trx.updateTable('consents').set({
    status, source: patch.source, stamp: mutation.clientTs, stamped_at: clientTime,
    revoked_at: status === 'revoked' ? (row.status === 'revoked' ? row.revoked_at : clientTime) : null,
    rev, updated_at: new Date(),
  }).where('id', '=', row.id).execute();
  return applied(mutation.id, rev, [{ entity: 'consent', entityId: row.id, op: 'upsert', rev, teamId: null }]);
}
