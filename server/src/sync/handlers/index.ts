/** Dispatch table: (entity, op) → handler. Patches were validated against the contract already. */
import type { Mutation } from '@contract/sync';
import { decideConsent } from './consent';
import { insertComplaint, updateComplaint } from './complaint';
import { insertCustomer, updateCustomer } from './customer';
import { addIdentity, removeIdentity } from './identity';
import { endInteraction, insertInteraction, retagOutcome, wrapupInteraction } from './interaction';
import { claimQueueItem, completeQueueItem, insertQueueItem, releaseQueueItem, rescheduleQueueItem } from './queue-item';
import { Rejection, type ApplyContext, type ApplyOutcome } from './types';

// Each handler receives the patch its own schema produced; the table is keyed by the same pair.
type AnyHandler = (ctx: ApplyContext<never>) => Promise<ApplyOutcome>;

const HANDLERS: Record<string, AnyHandler> = {
  'customer:insert': insertCustomer,
  'customer:update': updateCustomer,
  'identity:add': addIdentity,
  'identity:remove': removeIdentity,
  'consent:grant': (ctx) => decideConsent(ctx, 'granted'),
  'consent:revoke': (ctx) => decideConsent(ctx, 'revoked'),
  'interaction:insert': insertInteraction,
  'interaction:wrapup': wrapupInteraction,
  'interaction:end': endInteraction,
  'complaint:insert': insertComplaint,
  'complaint:update': updateComplaint,
  'outcome_tag:insert': retagOutcome,
  'queue_item:insert': insertQueueItem,
  'queue_item:claim': claimQueueItem,
  'queue_item:release': releaseQueueItem,
  'queue_item:complete': completeQueueItem,
  'queue_item:reschedule': rescheduleQueueItem,
};

export function applyMutation(ctx: ApplyContext<Record<string, unknown>>, mutation: Mutation): Promise<ApplyOutcome> {
  const handler = HANDLERS[`${mutation.entity}:${mutation.op}`];
  if (!handler) throw new Rejection('unknown_operation', `${mutation.entity} does not support ${mutation.op}`);
  return handler(ctx as ApplyContext<never>);
}

export { Rejection } from './types';
