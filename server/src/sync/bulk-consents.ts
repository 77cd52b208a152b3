/**
 * Push's fast path for a run of consent grants and revocations: the customers and their consent
 * rows are read and locked once, every decision is made in memory in batch order with the rule of
 * handlers/consent.ts (last writer wins by stamp; a revocation is sticky — a grant takes effect
 * only if stamped strictly after it), and the results are written with one statement per table:
 * every decision into consent_events, new consents inserted and changed ones updated in their
 * final state. Results per mutation are the handler's: `applied` (with the revision it made, or the
 * unchanged one), or `conflict` with the consent as it stood at that point of the batch.
 * A mutation for a customer that does not exist is left to the handler (which rejects it).
 */
import { type Insertable, sql } from 'kysely';
import type { Tx } from '../db/database';
import type { ConsentEventsTable, ConsentsTable } from '../db/schema';
import type { BulkApplier } from './bulk';
import { consentData } from './entities';
import { consentDecisionWins } from './handlers/consent';
import { applied, type ApplyOutcome, clientTimeOf, type PatchOf } from './handlers/types';

type ConsentPatch = PatchOf<'consent', 'grant'>;
type Status = 'granted' | 'revoked';
type Channel = ConsentPatch['channel'];

interface ConsentState {
  id: string;
  customer_id: string;
  channel: Channel;
  status: Status;
  source: string;
  stamp: string;
  stamped_at: Date;
  revoked_at: Date | null;
  rev: number;
  /** Not stored yet: inserted (in its final state) after the run. */
  created: boolean;
  changed: boolean;
}

const INSERT_CHUNK = 500;
const pairKey = (customerId: string, channel: string): string => `${customerId}:${channel}`;

/** The customers and their consents, locked as the handler locks them, in one order (no deadlocks between bulk pushes). */
async function lockConsents(trx: Tx, customerIds: string[]): Promise<{ customers: Set<string>; states: Map<string, ConsentState> }> {
  const sorted = [...new Set(customerIds)].sort();
  const customers = new Set((await trx.selectFrom('customers').select('id').where('id', 'in', sorted).orderBy('id').forUpdate().execute()).map((row) => row.id));
  const states = new Map<string, ConsentState>();
  if (customers.size === 0) return { customers, states };
  const rows = await trx.selectFrom('consents').selectAll().where('customer_id', 'in', [...customers]).orderBy('id').forUpdate().execute();
  for (const row of rows) {
    states.set(pairKey(row.customer_id, row.channel), {
      id: row.id, customer_id: row.customer_id, channel: row.channel, status: row.status, source: row.source, stamp: row.stamp,
      stamped_at: row.stamped_at, revoked_at: row.revoked_at, rev: row.rev, created: false, changed: false,
    });
  }
  return { customers, states };
}

export const bulkDecideConsents: BulkApplier = async (trx, user, run) => {
  const patches = run.map(({ patch }) => patch as ConsentPatch);
  const { customers, states } = await lockConsents(trx, patches.map((patch) => patch.customerId));
  const events: Insertable<ConsentEventsTable>[] = [];

  const results = run.map(({ mutation }, index): ApplyOutcome | null => {
    const patch = patches[index]!;
    if (!customers.has(patch.customerId)) return null;
    const status: Status = mutation.op === 'revoke' ? 'revoked' : 'granted';
    const clientTime = clientTimeOf(mutation.clientTs);
    const key = pairKey(patch.customerId, patch.channel);
    const state = states.get(key);
    const effective = consentDecisionWins(state, status, mutation.clientTs);
    events.push({
      customer_id: patch.customerId, channel: patch.channel, status, source: patch.source,
      stamp: mutation.clientTs, stamped_at: clientTime, recorded_by: user.id, effective,
    });
    if (!state) {
      states.set(key, {
        id: mutation.entityId, customer_id: patch.customerId, channel: patch.channel, status, source: patch.source, stamp: mutation.clientTs,
        stamped_at: clientTime, revoked_at: status === 'revoked' ? clientTime : null, rev: 1, created: true, changed: true,
      });
      return applied(mutation.id, 1, [{ entity: 'consent', entityId: mutation.entityId, op: 'upsert', rev: 1, teamId: null }]);
    }
    if (!effective && state.status === status) return applied(mutation.id, state.rev, []);
    if (!effective) return { result: { id: mutation.id, status: 'conflict', rev: state.rev, current: consentData(state) }, changes: [] };
    state.revoked_at = status === 'revoked' ? (state.status === 'revoked' ? state.revoked_at : clientTime) : null;
    Object.assign(state, { status, source: patch.source, stamp: mutation.clientTs, stamped_at: clientTime, rev: state.rev + 1, changed: true });
    return applied(mutation.id, state.rev, [{ entity: 'consent', entityId: state.id, op: 'upsert', rev: state.rev, teamId: null }]);
  });

  for (let start = 0; start < events.length; start += INSERT_CHUNK) await trx.insertInto('consent_events').values(events.slice(start, start + INSERT_CHUNK)).execute();
  const finals = [...states.values()].filter((state) => state.changed);
  const created: Insertable<ConsentsTable>[] = finals.filter((state) => state.created).map((state) => ({
    id: state.id, customer_id: state.customer_id, channel: state.channel, status: state.status, source: state.source,
    stamp: state.stamp, stamped_at: state.stamped_at, revoked_at: state.revoked_at, rev: state.rev,
  }));
  for (let start = 0; start < created.length; start += INSERT_CHUNK) await trx.insertInto('consents').values(created.slice(start, start + INSERT_CHUNK)).execute();
  await updateConsents(trx, finals.filter((state) => !state.created));
  return results;
};

/** One UPDATE for every changed stored consent, each set to its final state. */
async function updateConsents(trx: Tx, states: ConsentState[]): Promise<void> {
  if (states.length === 0) return;
  const column = <T>(pick: (state: ConsentState) => T): T[] => states.map(pick);
  await sql`
    update consents c set status = u.status, source = u.source, stamp = u.stamp, stamped_at = u.stamped_at, revoked_at = u.revoked_at,
      rev = u.rev, updated_at = now()
    from unnest(${column((s) => s.id)}::uuid[], ${column((s) => s.status)}::text[], ${column((s) => s.source)}::text[], ${column((s) => s.stamp)}::text[],
                ${column((s) => s.stamped_at.toISOString())}::timestamptz[], ${column((s) => s.revoked_at?.toISOString() ?? null)}::timestamptz[],
                ${column((s) => s.rev)}::int8[]) as u(id, status, source, stamp, stamped_at, revoked_at, rev)
    where c.id = u.id`.execute(trx);
}
