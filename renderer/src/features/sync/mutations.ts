/** Building outbox entries: validated against the contract before they are ever stored. */
import { mutationPatchSchemas, mutationSchema, type Mutation, type SyncEntity, type SyncOp } from '@contract';
import type { z } from 'zod';

export class InvalidMutationError extends Error {
  override readonly name = 'InvalidMutationError';
  constructor(message: string, readonly issues: readonly string[] = []) {
    super(message);
  }
}

export interface MutationDraft {
  id: string;
  entity: SyncEntity;
  entityId: string;
  op: SyncOp;
  patch: Record<string, unknown>;
  baseRev?: number | undefined;
  clientTs: string;
}

function patchSchemaFor(entity: SyncEntity, op: SyncOp): z.ZodType | null {
  const byOp: Partial<Record<SyncOp, z.ZodType>> = mutationPatchSchemas[entity];
  return byOp[op] ?? null;
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(patch)'}: ${issue.message}`);
}

/** A contract-valid mutation or an InvalidMutationError saying exactly what is wrong. */
export function buildMutation(draft: MutationDraft): Mutation {
  const schema = patchSchemaFor(draft.entity, draft.op);
  if (!schema) throw new InvalidMutationError(`"${draft.op}" is not an operation on ${draft.entity}`);
  const patch = schema.safeParse(draft.patch);
  if (!patch.success) {
    const issues = describeIssues(patch.error);
    throw new InvalidMutationError(`Invalid ${draft.entity} ${draft.op}: ${issues.join('; ')}`, issues);
  }
  const candidate = { ...draft, patch: patch.data as Record<string, unknown> };
  if (candidate.baseRev === undefined) delete candidate.baseRev;
  const parsed = mutationSchema.safeParse(candidate);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new InvalidMutationError(`Invalid mutation: ${issues.join('; ')}`, issues);
  }
  return parsed.data;
}

/** Checks a mutation read back from IndexedDB: a corrupt record must not reach the server. */
export function validateStoredMutation(value: unknown): { ok: true; mutation: Mutation } | { ok: false; message: string } {
  const parsed = mutationSchema.safeParse(value);
  if (!parsed.success) return { ok: false, message: `Stored mutation is corrupt: ${describeIssues(parsed.error).join('; ')}` };
  const schema = patchSchemaFor(parsed.data.entity, parsed.data.op);
  if (!schema) return { ok: false, message: `Stored mutation has unknown operation ${parsed.data.entity}:${parsed.data.op}` };
  const patch = schema.safeParse(parsed.data.patch);
  if (!patch.success) return { ok: false, message: `Stored mutation has an invalid patch: ${describeIssues(patch.error).join('; ')}` };
  return { ok: true, mutation: parsed.data };
}
