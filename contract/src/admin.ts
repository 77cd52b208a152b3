/**
 * Admin API (users, teams, reference lists, taxonomy versions), the reference-data download every
 * client uses (`GET /api/reference`) and the customer merge. Request schemas validate on the
 * server; response schemas document the routes and type the clients.
 */
import { z } from 'zod';
import { roleSchema } from './domain';
import { afterCallWorkSchema } from './reference-lists';

const uuid = z.uuid();
const label = z.string().trim().min(1).max(120);
/** Codes are stable machine keys stored on interactions and statuses: lowercase snake case. */
export const referenceCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'must be lowercase letters, digits and _ (2–64, starting with a letter)');

// ── Users and teams ──────────────────────────────────────────────────────────────────────
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(256);
export const sipExtensionSchema = z.string().regex(/^[0-9]{2,8}$/, 'must be 2–8 digits');

export const adminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  teamId: z.string().nullable(),
  sipExtension: z.string().nullable(),
  active: z.boolean(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const createUserRequestSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2–64 of a-z, 0-9, ., _ or -'),
  displayName: label,
  role: roleSchema,
  /** Required for agents and team leads; admins may have none. */
  teamId: uuid.nullable().default(null),
  sipExtension: sipExtensionSchema.nullable().default(null),
  password: passwordSchema,
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z.object({
  displayName: label.optional(),
  role: roleSchema.optional(),
  teamId: uuid.nullable().optional(),
  sipExtension: sipExtensionSchema.nullable().optional(),
}).refine((patch) => Object.keys(patch).length > 0, 'change at least one field');
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const resetPasswordRequestSchema = z.object({ password: passwordSchema });

export const teamSchema = z.object({ id: z.string(), name: z.string(), members: z.number().int(), createdAt: z.string() });
export type Team = z.infer<typeof teamSchema>;
export const createTeamRequestSchema = z.object({ name: label });

// ── Reference lists ──────────────────────────────────────────────────────────────────────
/** Wrap-up fields a disposition can require (keys of the sync wrap-up patch). */
export const wrapupFieldSchema = z.enum(['notes', 'complaintTypeId', 'emotionEnd', 'firstContactResolution']);

export const dispositionSchema = z.object({
  code: z.string(),
  labelEn: z.string(),
  labelEs: z.string(),
  /** Digit 1–9 an agent presses to pick it at wrap-up; null = no hotkey. */
  hotkey: z.number().int().nullable(),
  requiredFields: z.array(wrapupFieldSchema),
  resolves: z.boolean(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type Disposition = z.infer<typeof dispositionSchema>;

const dispositionFields = z.object({
  labelEn: label,
  labelEs: label,
  hotkey: z.number().int().min(1).max(9).nullable(),
  requiredFields: z.array(wrapupFieldSchema).max(4).transform((fields) => [...new Set(fields)]),
  resolves: z.boolean(),
  sortOrder: z.number().int().min(0).max(10_000),
});
export const createDispositionRequestSchema = dispositionFields.partial({ hotkey: true, requiredFields: true, resolves: true, sortOrder: true })
  .extend({ code: referenceCodeSchema });
export const updateDispositionRequestSchema = dispositionFields.partial()
  .refine((patch) => Object.keys(patch).length > 0, 'change at least one field');

export const pauseCodeSchema = z.object({
  code: z.string(),
  labelEn: z.string(),
  labelEs: z.string(),
  paid: z.boolean(),
  maxMinutes: z.number().int().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type PauseCode = z.infer<typeof pauseCodeSchema>;

const pauseCodeFields = z.object({
  labelEn: label,
  labelEs: label,
  paid: z.boolean(),
  maxMinutes: z.number().int().min(1).max(24 * 60).nullable(),
  sortOrder: z.number().int().min(0).max(10_000),
});
export const createPauseCodeRequestSchema = pauseCodeFields.partial({ paid: true, maxMinutes: true, sortOrder: true })
  .extend({ code: referenceCodeSchema });
export const updatePauseCodeRequestSchema = pauseCodeFields.partial()
  .refine((patch) => Object.keys(patch).length > 0, 'change at least one field');

export const taxonomyNodeSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  labelEn: z.string(),
  labelEs: z.string(),
  slaHours: z.number().int(),
  sortOrder: z.number().int(),
});
export type TaxonomyNode = z.infer<typeof taxonomyNodeSchema>;

export const taxonomyTreeSchema = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
  note: z.string(),
  nodes: z.array(taxonomyNodeSchema),
});
export type TaxonomyTree = z.infer<typeof taxonomyTreeSchema>;

export const taxonomyVersionSummarySchema = taxonomyTreeSchema.omit({ nodes: true }).extend({ nodeCount: z.number().int() });

/** A new version of the whole tree: parents listed before their children; ids unique. */
export const publishTaxonomyRequestSchema = z.object({
  note: z.string().trim().max(500).default(''),
  nodes: z.array(z.object({
    id: referenceCodeSchema,
    parentId: referenceCodeSchema.nullable().default(null),
    labelEn: label,
    labelEs: label,
    slaHours: z.number().int().min(1).max(24 * 365),
  })).min(1).max(2000),
});
export type PublishTaxonomyRequest = z.input<typeof publishTaxonomyRequestSchema>;

/** Everything a client caches: `revision` changes whenever an admin changes any of it. */
export const referenceDataSchema = z.object({
  revision: z.number().int(),
  dispositions: z.array(dispositionSchema),
  pauseCodes: z.array(pauseCodeSchema),
  taxonomy: taxonomyTreeSchema,
  /** After-call-work length and the disposition applied when it runs out (`PUT /api/admin/after-call-work`). */
  afterCallWork: afterCallWorkSchema,
});
export type ReferenceData = z.infer<typeof referenceDataSchema>;

// ── Customer merge ───────────────────────────────────────────────────────────────────────
export const mergeCustomersRequestSchema = z.object({
  survivorId: uuid,
  duplicateId: uuid,
  reason: z.string().trim().max(500).default(''),
}).refine((body) => body.survivorId !== body.duplicateId, { message: 'a customer cannot be merged into itself', path: ['duplicateId'] });
export type MergeCustomersRequest = z.input<typeof mergeCustomersRequestSchema>;

export const mergeCustomersResponseSchema = z.object({
  mergeId: z.string(),
  survivorId: z.string(),
  duplicateId: z.string(),
  moved: z.object({
    phones: z.number().int(),
    identities: z.number().int(),
    consents: z.number().int(),
    interactions: z.number().int(),
    complaints: z.number().int(),
    queueItems: z.number().int(),
    surveys: z.number().int(),
  }),
  /** Change-log position after the merge: pulling past it shows the result. */
  cursor: z.string(),
});
export type MergeCustomersResponse = z.infer<typeof mergeCustomersResponseSchema>;

/** `POST /api/customers/merges/:id/undo` (admins): the duplicate and what moved with it go back. */
export const undoMergeRequestSchema = z.object({ reason: z.string().trim().max(500).default('') });
export type UndoMergeRequest = z.input<typeof undoMergeRequestSchema>;

export const undoMergeResponseSchema = z.object({
  mergeId: z.string(),
  survivorId: z.string(),
  duplicateId: z.string(),
  restored: z.object({
    identities: z.number().int(),
    consents: z.number().int(),
    interactions: z.number().int(),
    complaints: z.number().int(),
    queueItems: z.number().int(),
    surveys: z.number().int(),
  }),
  /** Change-log position after the undo: pulling past it shows the result. */
  cursor: z.string(),
});
export type UndoMergeResponse = z.infer<typeof undoMergeResponseSchema>;
