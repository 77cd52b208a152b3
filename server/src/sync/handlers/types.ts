import type { z } from 'zod';
import { parseHlc } from '@contract/hlc';
import type { Mutation, MutationResult, RejectReason, mutationPatchSchemas } from '@contract/sync';
import type { AuthUser } from '../../auth/guard';
import type { Tx } from '../../db/database';
import type { ChangeRef } from '../change-log';

type Patches = typeof mutationPatchSchemas;
export type PatchOf<E extends keyof Patches, O extends keyof Patches[E]> = Patches[E][O] extends z.ZodType ? z.infer<Patches[E][O]> : never;

export interface ApplyContext<P> {
  trx: Tx;
  user: AuthUser;
  mutation: Mutation;
  patch: P;
  /** Wall-clock time of the client's HLC stamp: when the agent did it. */
  clientTime: Date;
}

export type AppliedResult = Exclude<MutationResult, { status: 'duplicate' } | { status: 'rejected' }>;

export interface ApplyOutcome {
  result: AppliedResult;
  changes: ChangeRef[];
}

/** Thrown by a handler: the mutation is `rejected` and its partial writes are rolled back. */
export class Rejection extends Error {
  constructor(readonly reason: RejectReason, message: string) {
    super(message);
    this.name = 'Rejection';
  }
}

export function clientTimeOf(stamp: string): Date {
  const parsed = parseHlc(stamp);
  return new Date(parsed ? parsed.wallMs : Date.now());
}

export const applied = (id: string, rev: number, changes: ChangeRef[]): ApplyOutcome => ({ result: { id, status: 'applied', rev }, changes });
