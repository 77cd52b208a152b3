/**
 * Sync protocol between the offline-first client and the backend.
 * Push: the client sends its outbox in order; every mutation has a UUIDv7 id that is its
 * idempotency key and a hybrid-logical-clock stamp. Pull: the client reads the server's change
 * log after a cursor, in pages, scoped to what the user may see.
 * Conflict rules (enforced by the server, mirrored by the client when rebasing):
 * - customers: last writer wins per field by `clientTs`;
 * - identities (phones, emails, …) and tags are sets changed by add/remove;
 * - consents: a revocation is sticky; a grant stamped before it never re-grants;
 * - interactions, outcome re-tags and notes are immutable inserts; an interaction's wrap-up is set once;
 * - claiming a queue item is an intent ("claim if unassigned") that the server may refuse.
 */
import { z } from 'zod';
import { isHlc } from './hlc';
import {
  channelSchema, consentChannelSchema, emotionIntensitySchema, emotionSchema, identityKindSchema, loyaltyLevelSchema, queueItemKindSchema,
} from './domain';

export const MAX_PUSH_BATCH = 500;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const UUID_ANY = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const uuidV7Schema = z.string().regex(UUID_V7, 'must be a UUIDv7');
export const entityIdSchema = z.string().regex(UUID_ANY, 'must be a UUID');
export const hlcSchema = z.string().refine(isHlc, 'must be a hybrid logical clock stamp');
const isoTime = z.string().datetime({ offset: true });
const shortText = z.string().max(200);
const longText = z.string().max(10_000);

export const syncEntitySchema = z.enum(['customer', 'identity', 'consent', 'interaction', 'complaint', 'outcome_tag', 'queue_item']);
export type SyncEntity = z.infer<typeof syncEntitySchema>;

export const syncOpSchema = z.enum(['insert', 'update', 'add', 'remove', 'grant', 'revoke', 'wrapup', 'claim', 'release', 'complete', 'reschedule', 'end']);
export type SyncOp = z.infer<typeof syncOpSchema>;

const customerFields = z.object({
  displayName: z.string().trim().min(1).max(200),
  preferredChannel: channelSchema.nullable(),
  language: z.string().min(2).max(35).nullable(),
});
/** Customer value fields: only admins may write them (others get `forbidden_field`). */
const customerValueFields = z.object({
  loyaltyLevel: loyaltyLevelSchema,
  clv: z.number().min(0).max(1e12),
  influencer: z.boolean(),
  influencerReach: z.number().int().min(0).max(1e10),
});
/** Customer patch fields an agent or team lead may write; the rest are admin-only. */
export const CUSTOMER_AGENT_FIELDS = ['displayName', 'preferredChannel', 'language'] as const;
const identityPatch = z.object({ customerId: entityIdSchema, kind: identityKindSchema, value: z.string().trim().min(1).max(320) });
const consentPatch = z.object({ customerId: entityIdSchema, channel: consentChannelSchema, source: shortText });
const emotionReading = z.object({ emotion: emotionSchema, intensity: emotionIntensitySchema });
const wrapupPatch = z.object({
  disposition: z.string().min(1).max(64),
  emotionStart: emotionReading.nullable(),
  emotionEnd: emotionReading.nullable(),
  complaintTypeId: z.string().max(64).nullable(),
  complaintId: entityIdSchema.nullable(),
  notes: longText,
  firstContactResolution: z.boolean().nullable(),
  scriptId: z.string().max(64).nullable().optional(),
  scriptVersion: z.number().int().positive().nullable().optional(),
  scriptAnswers: z.record(z.string().max(64), z.unknown()).optional(),
  /**
   * The customer the agent chose on the card during the call (picked among matches, linked or
   * created): a `wrapup` moves the record onto them. On an insert the interaction's own
   * `customerId` is used.
   */
  customerId: entityIdSchema.optional(),
});
const interactionInsert = z.object({
  customerId: entityIdSchema.nullable(),
  channel: channelSchema,
  direction: z.enum(['inbound', 'outbound']),
  queue: z.string().max(64).nullable(),
  remoteNumber: z.string().max(64).nullable(),
  line: z.number().int().min(1).max(2).nullable(),
  queuedAt: isoTime.nullable(),
  answeredAt: isoTime.nullable(),
  endedAt: isoTime.nullable(),
  holdSeconds: z.number().min(0).max(86_400).default(0),
  transferTarget: z.string().max(128).nullable(),
  transferredFrom: entityIdSchema.nullable().optional(),
  wrapup: wrapupPatch.nullable().optional(),
});

/**
 * The end of a call recorded while it was up (inserted on ring/answer with `endedAt` null, so a
 * crashed window still leaves its call on record): set once, by the call's agent.
 */
const interactionEnd = z.object({
  answeredAt: isoTime.nullable(),
  endedAt: isoTime,
  holdSeconds: z.number().min(0).max(86_400),
  transferTarget: z.string().max(128).nullable(),
});

/**
 * What each (entity, op) accepts as its patch. Anything else is `rejected` with `unknown_operation`.
 * Which fields a role may write is the server's decision, never the client's.
 */
export const mutationPatchSchemas = {
  customer: {
    insert: customerFields.extend(customerValueFields.partial().shape).partial({ preferredChannel: true, language: true }),
    update: customerFields.extend(customerValueFields.shape).partial(),
  },
  identity: { add: identityPatch, remove: identityPatch },
  consent: { grant: consentPatch, revoke: consentPatch },
  interaction: { insert: interactionInsert, wrapup: wrapupPatch, end: interactionEnd },
  complaint: {
    insert: z.object({ customerId: entityIdSchema, typeId: z.string().min(1).max(64), description: longText, interactionId: entityIdSchema.nullable() }),
    update: z.object({ status: z.enum(['open', 'in_progress', 'resolved']).optional(), description: longText.optional() }),
  },
  outcome_tag: {
    insert: z.object({
      interactionId: entityIdSchema,
      disposition: z.string().min(1).max(64).optional(),
      complaintTypeId: z.string().max(64).nullable().optional(),
      emotionEnd: emotionReading.nullable().optional(),
      firstContactResolution: z.boolean().optional(),
      reason: z.string().trim().min(3).max(2000),
    }),
  },
  queue_item: {
    /** `teamId` defaults to the author's team; only admins may queue work for another team. */
    insert: z.object({ kind: queueItemKindSchema, customerId: entityIdSchema, dueAt: isoTime, note: longText, complaintId: entityIdSchema.nullable(), teamId: entityIdSchema.optional() }),
    claim: z.object({}),
    release: z.object({}),
    complete: z.object({ disposition: z.string().min(1).max(64), interactionId: entityIdSchema.nullable() }),
    reschedule: z.object({ dueAt: isoTime }),
  },
} as const satisfies Record<SyncEntity, Partial<Record<SyncOp, z.ZodType>>>;

export const mutationSchema = z.object({
  id: uuidV7Schema,
  entity: syncEntitySchema,
  entityId: entityIdSchema,
  op: syncOpSchema,
  patch: z.record(z.string(), z.unknown()),
  baseRev: z.number().int().nonnegative().optional(),
  clientTs: hlcSchema,
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.object({
  clientId: z.string().min(8).max(64),
  mutations: z.array(mutationSchema).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const rejectReasonSchema = z.enum([
  'unknown_operation', 'invalid_patch', 'forbidden_field', 'forbidden', 'not_found', 'immutable', 'claim_taken', 'invalid_state',
]);
export type RejectReason = z.infer<typeof rejectReasonSchema>;

export const mutationResultSchema = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('applied'), rev: z.number().int() }),
  z.object({ id: z.string(), status: z.literal('duplicate'), rev: z.number().int() }),
  z.object({ id: z.string(), status: z.literal('conflict'), rev: z.number().int(), current: z.record(z.string(), z.unknown()) }),
  z.object({ id: z.string(), status: z.literal('rejected'), reason: rejectReasonSchema, message: z.string() }),
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(mutationResultSchema) });

/**
 * Request-level push errors (4xx, nothing applied): `error.code` is one of
 * malformed_json, invalid_request, batch_too_large (413), unknown_entity, unknown_operation,
 * invalid_patch, forbidden_field (403); `error.details.mutations` lists every offending mutation
 * so the client can dead-letter exactly those and push the rest again.
 * A batch whose mutations are ALL rejected as `forbidden` answers 403 `forbidden` with
 * `details.results`; otherwise forbidden mutations are per-mutation `rejected` results.
 */
export const pushErrorDetailsSchema = z.object({
  mutations: z.array(z.object({ index: z.number().int(), id: z.string().nullable(), reason: z.string(), message: z.string() })),
});
export type PushErrorDetails = z.infer<typeof pushErrorDetailsSchema>;
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.object({
  cursor: z.string().regex(/^\d{1,19}$/).default('0'),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});

export const changeSchema = z.object({
  /** Position in the server's change log; the cursor after this change. */
  seq: z.string(),
  entity: syncEntitySchema,
  entityId: z.string(),
  op: z.enum(['upsert', 'delete']),
  rev: z.number().int(),
  /** The entity's full current state; null for a tombstone. */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** SSE event on GET /api/sync/events: `event: changes` with the newest cursor. */
export const syncEventSchema = z.object({ cursor: z.string() });
