/**
 * Draining the outbox. Entries go in `seq` order, in batches; each reply is applied in one
 * transaction. A rejected or corrupt entry moves to `deadLetters` and never blocks the rest.
 * An entry whose result is missing stays queued: re-pushing is safe because ids are idempotent.
 */
import type { Mutation, MutationResult } from '@contract';
import type { CentralitaDb } from './schema';
import { rebaseRow } from './local-apply';
import { validateStoredMutation } from './mutations';
import { entityRows, withDerivedFields } from './store';
import { observeNewestStamp } from './pull';
import { newestFieldStamp } from './stored-rows';
import type { DeadLetter, DeadLetterReason, EntityRow, OutboxEntry } from './rows';
import { SyncHttpError, type PushOutcome, type SyncTransport } from './transport';

export interface PushTarget {
  db: CentralitaDb;
  userId: string;
  clientId: string;
}

export interface BatchReport {
  sent: number;
  settled: number;
  deadLettered: number;
}

function deadLetterFor(mutation: Mutation, reason: DeadLetterReason, message: string, nowIso: string, origin: DeadLetter['origin']): DeadLetter {
  return { id: mutation.id, origin, reason, message, failedAt: nowIso, entity: mutation.entity, entityId: mutation.entityId, payload: mutation };
}

/** Moves corrupt outbox records aside; returns the valid entries of the batch, in order. */
async function takeValidBatch(db: CentralitaDb, size: number): Promise<{ entries: Array<{ seq: number; mutation: Mutation }>; corrupt: number }> {
  const raw = (await db.outbox.orderBy(':id').limit(size).toArray()) as unknown[];
  const entries: Array<{ seq: number; mutation: Mutation }> = [];
  const corrupt: Array<{ seq: number; letter: DeadLetter }> = [];
  const nowIso = new Date().toISOString();
  for (const record of raw) {
    const seq = (record as { seq: number }).seq;
    const checked = validateStoredMutation(record);
    if (checked.ok) {
      entries.push({ seq, mutation: checked.mutation });
      continue;
    }
    const fields = (record && typeof record === 'object' ? record : {}) as Record<string, unknown>;
    const id = typeof fields.id === 'string' && fields.id.length > 0 ? fields.id : `outbox:${seq}`;
    corrupt.push({
      seq,
      letter: {
        id, origin: 'corrupt_record', reason: 'corrupt_record', message: checked.message, failedAt: nowIso,
        entity: null, entityId: typeof fields.entityId === 'string' ? fields.entityId : null, payload: record,
      },
    });
  }
  if (corrupt.length > 0) {
    await db.transaction('rw', db.outbox, db.deadLetters, async () => {
      for (const { seq, letter } of corrupt) {
        await db.deadLetters.put(letter);
        await db.outbox.delete(seq);
      }
    });
  }
  return { entries, corrupt: corrupt.length };
}

async function pendingAfter(db: CentralitaDb, entityId: string, excludeSeq: number): Promise<OutboxEntry[]> {
  const entries = await db.outbox.where('entityId').equals(entityId).sortBy('seq');
  return entries.filter((entry) => entry.seq !== excludeSeq);
}

async function settle(db: CentralitaDb, target: PushTarget, seq: number, mutation: Mutation, outcome: PushOutcome | undefined, nowIso: string): Promise<'settled' | 'dead' | 'kept'> {
  if (!outcome) return 'kept';
  if (!outcome.ok) {
    await db.deadLetters.put(deadLetterFor(mutation, 'invalid_reply', outcome.message, nowIso, 'invalid_reply'));
    await db.outbox.delete(seq);
    return 'dead';
  }
  const result: MutationResult = outcome.result;
  const table = entityRows(db, mutation.entity);
  switch (result.status) {
    case 'applied':
    case 'duplicate': {
      await db.outbox.delete(seq);
      const row = await table.get(mutation.entityId);
      if (row && row.rev < result.rev) await table.put({ ...row, rev: result.rev });
      return 'settled';
    }
    case 'conflict': {
      // The server merged per field and says what won; our still-pending edits go on top of it.
      await db.outbox.delete(seq);
      const pending = await pendingAfter(db, mutation.entityId, seq);
      // The server's field stamps move our clock past them before the row drops them (withDerivedFields).
      if (mutation.entity === 'customer') await observeNewestStamp(db, target.clientId, newestFieldStamp([result.current]));
      const serverRow: EntityRow = { ...(await table.get(mutation.entityId)), ...result.current, id: mutation.entityId, rev: result.rev };
      const row = rebaseRow(serverRow, pending, { userId: target.userId, nowIso });
      if (row) await table.put(withDerivedFields(mutation.entity, row, nowIso));
      for (const entry of pending) if (entry.seq !== undefined) await db.outbox.update(entry.seq, { baseRev: result.rev });
      return 'settled';
    }
    case 'rejected':
      await db.deadLetters.put(deadLetterFor(mutation, result.reason, result.message, nowIso, 'rejected'));
      await db.outbox.delete(seq);
      return 'dead';
  }
}

type AcceptedOutcome = { ok: true; result: Extract<MutationResult, { status: 'applied' | 'duplicate' }> };

function isAccepted(outcome: PushOutcome | undefined): outcome is AcceptedOutcome {
  return outcome !== undefined && outcome.ok && (outcome.result.status === 'applied' || outcome.result.status === 'duplicate');
}

/** Raises each touched row's `rev` to the server's (never lowers it), one bulk read and write per table. */
async function raiseRevisions(db: CentralitaDb, settledEntries: ReadonlyArray<{ mutation: Mutation; rev: number }>): Promise<void> {
  const byEntity = new Map<Mutation['entity'], Map<string, number>>();
  for (const { mutation, rev } of settledEntries) {
    const revs = byEntity.get(mutation.entity) ?? new Map<string, number>();
    revs.set(mutation.entityId, Math.max(rev, revs.get(mutation.entityId) ?? 0));
    byEntity.set(mutation.entity, revs);
  }
  for (const [entity, revs] of byEntity) {
    const table = entityRows(db, entity);
    const ids = [...revs.keys()];
    const rows = await table.bulkGet(ids);
    const raised = rows.flatMap((row) => (row && row.rev < revs.get(row.id)! ? [{ ...row, rev: revs.get(row.id)! }] : []));
    if (raised.length > 0) await table.bulkPut(raised);
  }
}

/**
 * Pushes one batch from the head of the outbox. A whole-request 4xx means something in the batch
 * is malformed: the caller halves the batch until the bad entry is alone, then dead-letters it.
 */
export async function pushBatch(target: PushTarget, transport: SyncTransport, size: number): Promise<BatchReport> {
  const { db } = target;
  const { entries, corrupt } = await takeValidBatch(db, size);
  if (entries.length === 0) return { sent: 0, settled: 0, deadLettered: corrupt };
  let outcomes: PushOutcome[];
  try {
    outcomes = await transport.push({ clientId: target.clientId, mutations: entries.map((entry) => entry.mutation) });
  } catch (error) {
    if (error instanceof SyncHttpError && error.kind === 'bad_request' && entries.length === 1) {
      const only = entries[0]!;
      await db.transaction('rw', db.outbox, db.deadLetters, async () => {
        await db.deadLetters.put(deadLetterFor(only.mutation, 'invalid_request', error.message, new Date().toISOString(), 'rejected'));
        await db.outbox.delete(only.seq);
      });
      return { sent: 1, settled: 0, deadLettered: corrupt + 1 };
    }
    throw error;
  }
  const byId = new Map<string, PushOutcome>();
  for (const outcome of outcomes) {
    const id = outcome.ok ? outcome.result.id : outcome.id;
    if (id) byId.set(id, outcome);
  }
  const nowIso = new Date().toISOString();
  let settled = 0;
  let dead = corrupt;
  // Only the tables this batch's entities live in (see writeTables in store.ts for why).
  const tables = [...new Set(entries.map(({ mutation }) => entityRows(db, mutation.entity).table))];
  // A customer conflict's field stamps move the persisted clock (syncState) too.
  const customerConflict = entries.some(({ mutation }) => {
    const outcome = byId.get(mutation.id);
    return mutation.entity === 'customer' && outcome?.ok === true && outcome.result.status === 'conflict';
  });
  await db.transaction('rw', [...tables, db.outbox, db.deadLetters, ...(customerConflict ? [db.syncState] : [])], async () => {
    // The common case in bulk (three requests per table instead of three per entry): applied and
    // duplicate entries leave the outbox first, so a later conflict in the same batch rebases only
    // what is really still pending; their rows' revisions are raised at the end.
    const accepted = entries.filter(({ mutation }) => isAccepted(byId.get(mutation.id)));
    await db.outbox.bulkDelete(accepted.map(({ seq }) => seq));
    settled += accepted.length;
    for (const { seq, mutation } of entries) {
      if (isAccepted(byId.get(mutation.id))) continue;
      const state = await settle(db, target, seq, mutation, byId.get(mutation.id), nowIso);
      if (state === 'settled') settled += 1;
      if (state === 'dead') dead += 1;
    }
    await raiseRevisions(db, accepted.map(({ mutation }) => ({ mutation, rev: (byId.get(mutation.id) as AcceptedOutcome).result.rev })));
    // Entries the reply did not mention stay queued; count the attempt so the UI can show it.
    for (const { seq, mutation } of entries) {
      if (!byId.has(mutation.id)) await db.outbox.where(':id').equals(seq).modify((entry) => { entry.attempts += 1; });
    }
  });
  return { sent: entries.length, settled, deadLettered: dead };
}

/** Puts a dead letter's mutation back at the END of the outbox (a fresh `seq`, same idempotent id). */
export async function retryDeadLetter(db: CentralitaDb, id: string): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.deadLetters, async () => {
    const letter = await db.deadLetters.get(id);
    if (!letter) return false;
    const checked = validateStoredMutation(letter.payload);
    if (!checked.ok) return false;
    await db.outbox.add({ ...checked.mutation, enqueuedAt: new Date().toISOString(), attempts: 0 });
    await db.deadLetters.delete(id);
    return true;
  });
}

export async function discardDeadLetter(db: CentralitaDb, id: string): Promise<void> {
  await db.deadLetters.delete(id);
}
