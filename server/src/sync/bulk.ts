/**
 * Bulk appliers for push's fast path: a run of consecutive inserts of new records of one kind
 * (customers, interactions — what agents create most) is checked with one query per kind of
 * lookup and written with one multi-row INSERT, instead of two or more statements per mutation.
 *
 * A bulk applier may only take mutations whose result it knows for sure: `applied`, rev 1, the
 * same row and change the per-mutation handler would write. For anything else (the record exists,
 * a referenced row is missing, the wrap-up does not fit its disposition, a complaint to link) it
 * answers null and push runs the ordinary handler for that mutation right after the bulk insert,
 * so rejections and conflicts keep their exact per-mutation results.
 */
import type { AuthUser } from '../auth/guard';
import type { Tx } from '../db/database';
import { insertedCustomer, newCustomerRow } from './handlers/customer';
import { complaintTypeValidity } from './handlers/complaint-types';
import { newInteractionRow, wrapupProblem } from './handlers/interaction';
import { applied, type ApplyOutcome, clientTimeOf, type PatchOf } from './handlers/types';
import type { ValidMutation } from './validate';

export type BulkApplier = (trx: Tx, user: AuthUser, run: readonly ValidMutation[]) => Promise<Array<ApplyOutcome | null>>;

const INSERT_CHUNK = 500;

async function existingIds(trx: Tx, table: 'customers' | 'interactions', ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await trx.selectFrom(table).select('id').where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((row) => row.id));
}

/** Picks the run's mutations that create a record absent from the database and from earlier in the run. */
function latestClientTime(run: readonly ValidMutation[]): Date {
  return new Date(Math.max(...run.map(({ mutation }) => clientTimeOf(mutation.clientTs).getTime())));
}

function firstCreations(run: readonly ValidMutation[], existing: Set<string>): boolean[] {
  const creating = new Set<string>();
  return run.map(({ mutation }) => {
    if (existing.has(mutation.entityId) || creating.has(mutation.entityId)) return false;
    creating.add(mutation.entityId);
    return true;
  });
}

const bulkInsertCustomers: BulkApplier = async (trx, _user, run) => {
  const take = firstCreations(run, await existingIds(trx, 'customers', run.map(({ mutation }) => mutation.entityId)));
  const rows = run.filter((_, index) => take[index]).map(({ mutation, patch }) => newCustomerRow(mutation, patch as PatchOf<'customer', 'insert'>));
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) await trx.insertInto('customers').values(rows.slice(start, start + INSERT_CHUNK)).execute();
  return run.map(({ mutation }, index) => (take[index] ? insertedCustomer(mutation) : null));
};

type InteractionInsert = PatchOf<'interaction', 'insert'>;

const bulkInsertInteractions: BulkApplier = async (trx, user, run) => {
  const patches = run.map(({ patch }) => patch as InteractionInsert);
  const take = firstCreations(run, await existingIds(trx, 'interactions', run.map(({ mutation }) => mutation.entityId)));
  const customers = await existingIds(trx, 'customers', patches.flatMap((patch) => (patch.customerId ? [patch.customerId] : [])));
  const codes = [...new Set(patches.flatMap((patch) => (patch.wrapup ? [patch.wrapup.disposition] : [])))];
  const dispositions = new Map((codes.length ? await trx.selectFrom('dispositions').select(['code', 'required_fields', 'active']).where('code', 'in', codes).execute() : [])
    .map((row) => [row.code, row]));
  const typeIds = [...new Set(patches.flatMap((patch) => (patch.wrapup?.complaintTypeId ? [patch.wrapup.complaintTypeId] : [])))];
  // A type still in force at the run's latest change time was in force at every earlier one too.
  const typeValidity = await complaintTypeValidity(trx, typeIds, latestClientTime(run));

  const bulk = patches.map((patch, index) => {
    if (!take[index]) return false;
    if (patch.customerId && !customers.has(patch.customerId)) return false;
    const wrapup = patch.wrapup;
    if (!wrapup) return true;
    // Linking a complaint locks and bumps it: the handler does that one by one.
    if (wrapup.complaintId) return false;
    if (wrapupProblem(wrapup, dispositions.get(wrapup.disposition))) return false;
    // Otherwise the handler decides at this change's own time (accepts it, or rejects it with the reason).
    return !wrapup.complaintTypeId || (typeValidity.get(wrapup.complaintTypeId)?.version ?? null) !== null;
  });
  const rows = run.flatMap(({ mutation }, index) => (bulk[index] ? [newInteractionRow(mutation, patches[index]!, user)] : []));
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) await trx.insertInto('interactions').values(rows.slice(start, start + INSERT_CHUNK)).execute();
  return run.map(({ mutation }, index) => (bulk[index]
    ? applied(mutation.id, 1, [{ entity: 'interaction', entityId: mutation.entityId, op: 'upsert', rev: 1, teamId: user.teamId }])
    : null));
};

const BULK_APPLIERS: Record<string, BulkApplier> = {
  'customer:insert': bulkInsertCustomers,
  'interaction:insert': bulkInsertInteractions,
};

export function bulkApplierFor(entity: string, op: string): BulkApplier | undefined {
  return BULK_APPLIERS[`${entity}:${op}`];
}
