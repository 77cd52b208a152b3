/**
 * How a mutation changes a local row. Used twice: optimistically when the agent writes, and to
 * rebase still-pending mutations on top of the server's state after a pull or a conflict.
 * Pure functions: no Dexie here.
 */
import type { Mutation } from '@contract';
import type { EntityRow } from './rows';
import { foldName } from './normalize';

export interface ApplyContext {
  userId: string;
  nowIso: string;
}

/** The row after `mutation`, or null when the mutation removes it. */
export function applyMutation(row: EntityRow | undefined, mutation: Mutation, context: ApplyContext): EntityRow | null {
  const base: EntityRow = row ?? { id: mutation.entityId, rev: 0 };
  const patch = mutation.patch;
  switch (`${mutation.entity}:${mutation.op}`) {
    case 'customer:insert':
    case 'customer:update': {
      const next: EntityRow = { phones: [], emails: [], customerNumbers: [], ...base, ...patch };
      next.nameLower = foldName(String(next.displayName ?? ''));
      return next;
    }
    case 'identity:add':
      return { ...base, ...patch };
    case 'identity:remove':
      return null;
    case 'consent:grant':
    case 'consent:revoke': {
      const status = mutation.op === 'grant' ? 'granted' : 'revoked';
      // A revocation is sticky: an older-stamped grant never undoes a later revocation.
      if (status === 'granted' && base.status === 'revoked' && typeof base.changedTs === 'string' && base.changedTs > mutation.clientTs) return base;
      return { ...base, ...patch, status, changedAt: context.nowIso, changedTs: mutation.clientTs };
    }
    case 'interaction:insert': {
      // The server keeps the wrap-up as flat columns on the interaction; so do we.
      const { wrapup, ...fields } = patch;
      const row: EntityRow = { ...base, ...fields, agentId: base.agentId ?? context.userId, createdAt: base.createdAt ?? context.nowIso };
      return wrapup && typeof wrapup === 'object' ? { ...row, ...(wrapup as Record<string, unknown>), wrappedUpAt: context.nowIso } : row;
    }
    case 'interaction:wrapup':
      return { ...base, ...patch, wrappedUpAt: base.wrappedUpAt ?? context.nowIso };
    case 'interaction:end':
      return { ...base, ...patch };
    case 'complaint:insert':
      return { status: 'open', openedAt: context.nowIso, ...base, ...patch };
    case 'complaint:update':
    case 'outcome_tag:insert':
      return { ...base, ...patch };
    case 'queue_item:insert':
      return { state: 'open', assigneeId: null, ...base, ...patch };
    case 'queue_item:claim':
      return { ...base, state: 'claimed', assigneeId: context.userId };
    case 'queue_item:release':
      return { ...base, state: 'open', assigneeId: null };
    case 'queue_item:complete':
      return { ...base, ...patch, state: 'done' };
    case 'queue_item:reschedule':
      return { ...base, ...patch };
    default:
      return base;
  }
}

/** Server state first, then every still-pending local mutation of that entity, in outbox order. */
export function rebaseRow(serverRow: EntityRow | null, pending: readonly Mutation[], context: ApplyContext): EntityRow | null {
  let row = serverRow;
  for (const mutation of pending) {
    const next = applyMutation(row ?? undefined, mutation, context);
    row = next;
  }
  return row;
}

/** Fields of `changes` whose value differs from `current` (deep-compared as JSON). */
export function changedFields(current: Record<string, unknown> | undefined, changes: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (!current || JSON.stringify(current[field]) !== JSON.stringify(value)) patch[field] = value;
  }
  return patch;
}
