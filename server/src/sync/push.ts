/**
 * Applies a validated push batch in ONE transaction. Per mutation, in order:
 * - addressed to a customer merged away → redirected to the survivor (merged-redirect.ts);
 * - already in applied_mutations → `duplicate` with the first result's revision;
 * - otherwise the handler runs inside a savepoint; a Rejection (or an integrity error raised by
 *   the database) rolls back just that mutation and yields `rejected` — later ones still run;
 * - applied/conflict results are recorded in applied_mutations under the mutation id (a unique
 *   key: a concurrent replay of the same id waits for the first and then becomes a duplicate).
 * Rejections are not recorded: replaying a rejected mutation evaluates it again.
 * The change log is appended at the end (see change-log.ts for why that ordering matters).
 * (That is careful mode; see pushBatch for the fast path that avoids per-mutation savepoints and
 * applies runs of new customers, interactions and complaints, consent decisions and re-tags with
 * a few statements per run — see bulk.ts.)
 */
import { sql } from 'kysely';
import type { MutationResult } from '@contract/sync';
import type { AuthUser } from '../auth/guard';
import type { Database, Tx } from '../db/database';
import { appendChanges, type ChangeRef } from './change-log';
import { bulkApplierFor, bulkRunKey } from './bulk';
import { redirectMergedCustomers } from './merged-redirect';
import { applyMutation, Rejection } from './handlers';
import { clientTimeOf, type ApplyOutcome } from './handlers/types';
import type { ValidMutation } from './validate';

export interface PushOutcome {
  results: MutationResult[];
  /** Newest change-log position written, if anything changed. */
  lastSeq: number | null;
}

/** PostgreSQL error classes that belong to one mutation's data, not to the server. */
function isDataError(error: unknown): error is { code: string; message: string } {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('23') || code.startsWith('22'));
}

function rejectionFor(error: unknown): Rejection | null {
  if (error instanceof Rejection) return error;
  if (!isDataError(error)) return null;
  if (error.code === '23503') return new Rejection('not_found', `a referenced record does not exist (${error.message})`);
  if (error.code === '23505') return new Rejection('invalid_state', `conflicts with an existing record (${error.message})`);
  return new Rejection('invalid_patch', `the database refused the values (${error.message})`);
}

async function firstResults(trx: Tx, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('applied_mutations').select(['id', 'result']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, Number(row.result.rev ?? 0)]));
}

/** Thrown inside the fast path: roll the whole batch back and apply it again mutation by mutation. */
class NeedsCarefulMode extends Error {}

/**
 * Most batches apply cleanly, so the fast path runs without savepoints and records all mutation
 * ids in one statement. If anything is rejected, fails, or races with a concurrent replay, the
 * whole transaction is rolled back and the batch runs again in careful mode (a savepoint per
 * mutation), whose results are authoritative.
 */
export async function pushBatch(db: Database, user: AuthUser, clientId: string, mutations: readonly ValidMutation[]): Promise<PushOutcome> {
  try {
    return await fastBatch(db, user, clientId, mutations);
  } catch (error) {
    if (!(error instanceof NeedsCarefulMode)) throw error;
    return carefulBatch(db, user, clientId, mutations);
  }
}

async function fastBatch(db: Database, user: AuthUser, clientId: string, sent: readonly ValidMutation[]): Promise<PushOutcome> {
  return db.transaction(async (trx) => {
    const mutations = await redirectMergedCustomers(trx, sent);
    const seen = await firstResults(trx, [...new Set(mutations.map(({ mutation }) => mutation.id))]);
    const results: MutationResult[] = [];
    const changes: ChangeRef[] = [];
    const records: Array<{ id: string; client_id: string; user_id: string; entity: string; entity_id: string; op: string; result: string }> = [];
    // Mutation ids sent twice in one batch: the second is a duplicate of the first, so keep them out of bulk runs.
    const repeated = repeatedIds(mutations);
    // Results of a bulk run, by batch position; a null slot (or none) runs the handler.
    const bulkOutcomes = new Map<number, ApplyOutcome | null>();
    for (let index = 0; index < mutations.length; index++) {
      const { mutation, patch } = mutations[index]!;
      const firstRev = seen.get(mutation.id);
      if (firstRev !== undefined) {
        results.push({ id: mutation.id, status: 'duplicate', rev: firstRev });
        continue;
      }
      if (!bulkOutcomes.has(index)) await applyRun(trx, user, mutations, index, seen, repeated, bulkOutcomes);
      let outcome = bulkOutcomes.get(index) ?? null;
      bulkOutcomes.delete(index);
      if (!outcome) {
        try {
          outcome = await applyMutation({ trx, user, mutation, patch, clientTime: clientTimeOf(mutation.clientTs) }, mutation);
        } catch (error) {
          if (rejectionFor(error)) throw new NeedsCarefulMode();
          throw error;
        }
      }
      results.push(outcome.result);
      changes.push(...outcome.changes);
      seen.set(mutation.id, outcome.result.rev);
      records.push({ id: mutation.id, client_id: clientId, user_id: user.id, entity: mutation.entity, entity_id: mutation.entityId, op: mutation.op, result: JSON.stringify(outcome.result) });
    }
    for (let start = 0; start < records.length; start += 500) {
      const chunk = records.slice(start, start + 500);
      const inserted = await trx.insertInto('applied_mutations').values(chunk).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
      // A concurrent push recorded one of these ids first: let careful mode sort out which.
      if (inserted.length !== chunk.length) throw new NeedsCarefulMode();
    }
    const lastSeq = await appendChanges(trx, changes);
    return { results, lastSeq };
  });
}

function repeatedIds(mutations: readonly ValidMutation[]): Set<string> {
  const once = new Set<string>();
  const twice = new Set<string>();
  for (const { mutation } of mutations) (once.has(mutation.id) ? twice : once).add(mutation.id);
  return twice;
}

/**
 * If a bulk applier handles the mutation at `start`, applies the run of consecutive mutations of
 * the same kind from there (at its place in the batch, so earlier mutations are visible to it) and
 * records each position's outcome. A failing bulk statement sends the batch to careful mode.
 */
async function applyRun(
  trx: Tx, user: AuthUser, mutations: readonly ValidMutation[], start: number,
  seen: ReadonlyMap<string, number>, repeated: ReadonlySet<string>, outcomes: Map<number, ApplyOutcome | null>,
): Promise<void> {
  const { entity, op } = mutations[start]!.mutation;
  const runKey = bulkRunKey(entity, op);
  const bulk = bulkApplierFor(runKey);
  if (!bulk) return;
  const positions: number[] = [];
  for (let index = start; index < mutations.length; index++) {
    const { mutation } = mutations[index]!;
    if (bulkRunKey(mutation.entity, mutation.op) !== runKey || repeated.has(mutation.id)) break;
    if (!seen.has(mutation.id)) positions.push(index);
  }
  if (positions.length < 2) return;
  let results: Array<ApplyOutcome | null>;
  try {
    results = await bulk(trx, user, positions.map((index) => mutations[index]!));
  } catch (error) {
    if (rejectionFor(error)) throw new NeedsCarefulMode();
    throw error;
  }
  positions.forEach((index, i) => outcomes.set(index, results[i] ?? null));
}

async function carefulBatch(db: Database, user: AuthUser, clientId: string, sent: readonly ValidMutation[]): Promise<PushOutcome> {
  return db.transaction(async (trx) => {
    const mutations = await redirectMergedCustomers(trx, sent);
    const seen = await firstResults(trx, [...new Set(mutations.map(({ mutation }) => mutation.id))]);
    const results: MutationResult[] = [];
    const changes: ChangeRef[] = [];

    for (const { mutation, patch } of mutations) {
      const firstRev = seen.get(mutation.id);
      if (firstRev !== undefined) {
        results.push({ id: mutation.id, status: 'duplicate', rev: firstRev });
        continue;
      }
      await sql`SAVEPOINT mutation`.execute(trx);
      try {
        const outcome = await applyMutation({ trx, user, mutation, patch, clientTime: clientTimeOf(mutation.clientTs) }, mutation);
        const recorded = await trx.insertInto('applied_mutations').values({
          id: mutation.id, client_id: clientId, user_id: user.id, entity: mutation.entity, entity_id: mutation.entityId, op: mutation.op,
          result: JSON.stringify(outcome.result),
        }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
        if (!recorded) {
          // A concurrent push applied this id first: undo ours, report theirs.
          await sql`ROLLBACK TO SAVEPOINT mutation`.execute(trx);
          const theirs = await firstResults(trx, [mutation.id]);
          results.push({ id: mutation.id, status: 'duplicate', rev: theirs.get(mutation.id) ?? 0 });
        } else {
          results.push(outcome.result);
          changes.push(...outcome.changes);
          seen.set(mutation.id, outcome.result.rev);
        }
        await sql`RELEASE SAVEPOINT mutation`.execute(trx);
      } catch (error) {
        const rejection = rejectionFor(error);
        if (!rejection) throw error;
        await sql`ROLLBACK TO SAVEPOINT mutation`.execute(trx);
        await sql`RELEASE SAVEPOINT mutation`.execute(trx);
        results.push({ id: mutation.id, status: 'rejected', reason: rejection.reason, message: rejection.message });
      }
    }
    const lastSeq = await appendChanges(trx, changes);
    return { results, lastSeq };
  });
}
