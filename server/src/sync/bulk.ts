/**
 * Bulk appliers for push's fast path: a run of consecutive inserts of new records of one kind
 * (customers, interactions, complaints — what agents create most) is checked with one query per kind of
 * lookup and written with one multi-row INSERT, instead of two or more statements per mutation.
 * Runs of consent decisions (bulk-consents.ts) and outcome re-tags (bulk-retags.ts) update records,
 * so they decide in memory, in batch order, and write each table's final state in one statement.
 *
 * A bulk applier may only take mutations whose result it knows for sure: `applied`, rev 1, the
 * same row and change the per-mutation handler would write. For anything else (the record exists,
 * a referenced row is missing, the wrap-up does not fit its disposition, a complaint to link) it
 * answers null and push runs the ordinary handler for that mutation right after the bulk insert,
 * so rejections and conflicts keep their exact per-mutation results.
 */
import type { Insertable } from 'kysely';
import type { AuthUser } from '../auth/guard';
import type { Tx } from '../db/database';
import type { ComplaintsTable } from '../db/schema';
import { insertedCustomer, newCustomerRow } from './handlers/customer';
import { complaintTypeSpans, complaintTypeValidity } from './handlers/complaint-types';
import { newInteractionRow, wrapupProblem } from './handlers/interaction';
import { applied, type ApplyOutcome, clientTimeOf, type PatchOf } from './handlers/types';
import type { ValidMutation } from './validate';
import { bulkDecideConsents } from './bulk-consents';
import { bulkRetags } from './bulk-retags';

export type BulkApplier = (trx: Tx, user: AuthUser, run: readonly ValidMutation[]) => Promise<Array<ApplyOutcome | null>>;

const INSERT_CHUNK = 500;

async function existingIds(trx: Tx, table: 'customers' | 'interactions' | 'complaints', ids: readonly string[]): Promise<Set<string>> {
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

type ComplaintInsert = PatchOf<'complaint', 'insert'>;

/** New complaints (cases), with their taxonomy version chosen at each change's own time, as insertComplaint does. */
const bulkInsertComplaints: BulkApplier = async (trx, user, run) => {
  const patches = run.map(({ patch }) => patch as ComplaintInsert);
  const take = firstCreations(run, await existingIds(trx, 'complaints', run.map(({ mutation }) => mutation.entityId)));
  const customers = await existingIds(trx, 'customers', patches.map((patch) => patch.customerId));
  const interactions = await existingIds(trx, 'interactions', patches.flatMap((patch) => (patch.interactionId ? [patch.interactionId] : [])));
  const spans = await complaintTypeSpans(trx, [...new Set(patches.map((patch) => patch.typeId))]);
  const now = Date.now();
  const rows: Insertable<ComplaintsTable>[] = [];
  const links: { complaint_id: string; interaction_id: string }[] = [];
  const results = run.map(({ mutation }, index) => {
    const patch = patches[index]!;
    if (!take[index] || !customers.has(patch.customerId) || (patch.interactionId && !interactions.has(patch.interactionId))) return null;
    const clientTime = clientTimeOf(mutation.clientTs);
    const span = spans.get(patch.typeId)?.find((candidate) => candidate.replacedAt === null || candidate.replacedAt > clientTime);
    if (!span) return null; // unknown or retired: the handler rejects it with the reason
    const openedAt = new Date(Math.min(clientTime.getTime(), now));
    rows.push({
      id: mutation.entityId, customer_id: patch.customerId, type_id: patch.typeId, taxonomy_version: span.version,
      description: patch.description, opened_by: user.id, opened_at: openedAt, sla_due_at: new Date(openedAt.getTime() + span.slaHours * 3_600_000),
      field_ts: JSON.stringify({ status: mutation.clientTs, description: mutation.clientTs }),
    });
    if (patch.interactionId) links.push({ complaint_id: mutation.entityId, interaction_id: patch.interactionId });
    return applied(mutation.id, 1, [{ entity: 'complaint', entityId: mutation.entityId, op: 'upsert', rev: 1, teamId: null }]);
  });
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) await trx.insertInto('complaints').values(rows.slice(start, start + INSERT_CHUNK)).execute();
  for (let start = 0; start < links.length; start += INSERT_CHUNK) await trx.insertInto('complaint_interactions').values(links.slice(start, start + INSERT_CHUNK)).execute();
  return results;
};

/** Runs are keyed by entity and op, except consents: grants and revocations interleave in one run. */
export function bulkRunKey(entity: string, op: string): string {
  return entity === 'consent' ? 'consent' : `${entity}:${op}`;
}

const BULK_APPLIERS: Record<string, BulkApplier> = {
  'customer:insert': bulkInsertCustomers,
  'interaction:insert': bulkInsertInteractions,
  'complaint:insert': bulkInsertComplaints,
  consent: bulkDecideConsents,
  'outcome_tag:insert': bulkRetags,
};

export function bulkApplierFor(runKey: string): BulkApplier | undefined {
  return BULK_APPLIERS[runKey];
}
