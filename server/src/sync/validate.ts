/**
 * Request-level validation of a push: the envelope, each mutation's entity/op/patch, and which
 * fields the caller's role may write. Any failure rejects the WHOLE request with a 4xx before
 * anything is applied (the client dead-letters exactly the listed mutations and pushes the rest).
 * State-dependent outcomes (not found, forbidden scope, claim taken, …) are decided later, per
 * mutation, inside the batch transaction.
 */
import { z } from 'zod';
import {
  CUSTOMER_AGENT_FIELDS, MAX_PUSH_BATCH, mutationPatchSchemas, mutationSchema, syncEntitySchema, syncOpSchema,
  type Mutation, type PushErrorDetails, type SyncEntity, type SyncOp,
} from '@contract/sync';
import { E164_PATTERN, type Role } from '@contract/domain';
import { ApiError } from '../http/errors';

export interface ValidMutation {
  mutation: Mutation;
  /** The patch parsed by the (entity, op) schema. */
  patch: Record<string, unknown>;
}

type Issue = PushErrorDetails['mutations'][number];

const envelopeSchema = z.object({
  clientId: z.string().min(8).max(64),
  mutations: z.array(z.unknown()).min(1),
});

function patchSchemaFor(entity: SyncEntity, op: SyncOp): z.ZodObject | null {
  const byOp: Partial<Record<SyncOp, z.ZodType>> = mutationPatchSchemas[entity];
  const schema = byOp[op];
  return schema instanceof z.ZodObject ? schema : null;
}

/** Fields of `entity` the role may not write, although the schema knows them. */
function forbiddenFields(entity: SyncEntity, role: Role, keys: string[]): string[] {
  if (entity === 'customer' && role !== 'admin') {
    return keys.filter((key) => !(CUSTOMER_AGENT_FIELDS as readonly string[]).includes(key));
  }
  return [];
}

function checkMutation(raw: unknown, index: number, role: Role): { ok: ValidMutation } | { issue: Issue } {
  const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
  const fail = (reason: string, message: string): { issue: Issue } => ({ issue: { index, id, reason, message } });
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : null;
  if (!record) return fail('invalid_mutation', 'a mutation must be an object');
  if (!syncEntitySchema.safeParse(record.entity).success) return fail('unknown_entity', `unknown entity ${JSON.stringify(record.entity)}`);
  if (!syncOpSchema.safeParse(record.op).success) return fail('unknown_operation', `unknown operation ${JSON.stringify(record.op)}`);
  const parsed = mutationSchema.safeParse(raw);
  if (!parsed.success) return fail('invalid_mutation', z.prettifyError(parsed.error));
  const mutation = parsed.data;
  const schema = patchSchemaFor(mutation.entity, mutation.op);
  if (!schema) return fail('unknown_operation', `${mutation.entity} does not support ${mutation.op}`);

  const keys = Object.keys(mutation.patch);
  const known = Object.keys(schema.shape);
  const unknown = keys.filter((key) => !known.includes(key));
  if (unknown.length) return fail('invalid_patch', `unknown field(s) for ${mutation.entity}.${mutation.op}: ${unknown.join(', ')}`);
  const forbidden = forbiddenFields(mutation.entity, role, keys);
  if (forbidden.length) return fail('forbidden_field', `the ${role} role may not write ${mutation.entity} field(s): ${forbidden.join(', ')}`);

  const patch = schema.safeParse(mutation.patch);
  if (!patch.success) return fail('invalid_patch', z.prettifyError(patch.error));
  const data = patch.data as Record<string, unknown>;
  if (mutation.entity === 'identity') {
    if (data.kind === 'phone' && !E164_PATTERN.test(String(data.value))) return fail('invalid_patch', 'phone numbers must be in E.164 format (+<country><number>)');
    if (data.kind === 'email' && !/^[^\s@]+@[^\s@]+$/.test(String(data.value))) return fail('invalid_patch', 'not an email address');
  }
  if (mutation.entity === 'outcome_tag') {
    const outcomeFields = ['disposition', 'complaintTypeId', 'emotionEnd', 'firstContactResolution'];
    if (!outcomeFields.some((field) => field in data)) return fail('invalid_patch', `a re-tag must change at least one of: ${outcomeFields.join(', ')}`);
  }
  if (mutation.entity === 'customer' && mutation.op === 'update' && keys.length === 0) return fail('invalid_patch', 'an update must change at least one field');
  return { ok: { mutation, patch: data } };
}

const STATUS_BY_REASON: Record<string, number> = { forbidden_field: 403 };

/** Validates a whole push body or throws the request-level ApiError. */
export function validatePush(body: unknown, role: Role): { clientId: string; mutations: ValidMutation[] } {
  if (typeof body === 'object' && body !== null && Array.isArray((body as { mutations?: unknown }).mutations)) {
    const count = (body as { mutations: unknown[] }).mutations.length;
    if (count > MAX_PUSH_BATCH) throw new ApiError(413, 'batch_too_large', `A push may carry at most ${MAX_PUSH_BATCH} mutations (got ${count}); split it`);
  }
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw new ApiError(400, 'invalid_request', `Invalid push: ${z.prettifyError(envelope.error)}`);

  const issues: Issue[] = [];
  const mutations: ValidMutation[] = [];
  envelope.data.mutations.forEach((raw, index) => {
    const checked = checkMutation(raw, index, role);
    if ('issue' in checked) issues.push(checked.issue);
    else mutations.push(checked.ok);
  });
  if (issues.length) {
    const first = issues[0]!;
    const details: PushErrorDetails = { mutations: issues };
    throw new ApiError(STATUS_BY_REASON[first.reason] ?? 400, first.reason, `Mutation ${first.index}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}; nothing was applied`, details);
  }
  return { clientId: envelope.data.clientId, mutations };
}
