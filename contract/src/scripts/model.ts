/**
 * The call-script model: a versioned graph of steps, stored as JSON (`scripts.definition`) and
 * shared by the renderer (panel, editor, preview) and the server (publishing, analytics).
 * Zod checks the shape; `validateScript` (validate.ts) checks the graph and the expressions.
 */
import { z } from 'zod';
import { emotionSchema } from '../domain';

/** Bumped when the definition format changes incompatibly; old definitions are upgraded on read. */
export const SCRIPT_SCHEMA_VERSION = 1;
export const SCRIPT_LANGUAGES = ['en', 'es'] as const;
export type ScriptLanguage = (typeof SCRIPT_LANGUAGES)[number];

const MAX_TEXT = 4000;
export const stepIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'step ids are lowercase letters, digits and _ (max 48), starting with a letter');
export const scriptIdSchema = z.string().regex(/^[a-z][a-z0-9_-]{1,63}$/, 'script ids are lowercase letters, digits, - and _ (2–64), starting with a letter');
export const variableNameSchema = z.string().regex(/^[a-z][A-Za-z0-9_]{0,47}$/, 'variable names start with a lowercase letter (letters, digits, _; max 48)');
const expressionSchema = z.string().max(1000);

/** Text in every supported language. Missing or empty translations are validation errors, not shape errors, so drafts can be saved. */
export const localizedTextSchema = z.object({ en: z.string().max(MAX_TEXT).default(''), es: z.string().max(MAX_TEXT).default('') });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const choiceOptionSchema = z.object({ value: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, 'option values are lowercase letters, digits, - and _'), label: localizedTextSchema });
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

export const answerSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), options: z.array(choiceOptionSchema).min(2).max(9) }),
  z.object({ kind: z.literal('yes_no') }),
  z.object({ kind: z.literal('text'), maxLength: z.number().int().min(1).max(2000).default(500) }),
  z.object({ kind: z.literal('number'), min: z.number().nullable().default(null), max: z.number().nullable().default(null) }),
  z.object({ kind: z.literal('date') }),
]);
export type AnswerSpec = z.infer<typeof answerSpecSchema>;
export type AnswerKind = AnswerSpec['kind'];

const stepBase = { id: stepIdSchema, title: localizedTextSchema.optional() };
/** Read this to the customer; `text` may interpolate `{{ expression }}`. */
export const sayStepSchema = z.object({ ...stepBase, type: z.literal('say'), text: localizedTextSchema, next: stepIdSchema });
/** Ask and record the answer (under `answers.<id>`, and under `vars.<variable>` when given). */
export const askStepSchema = z.object({
  ...stepBase, type: z.literal('ask'), prompt: localizedTextSchema, answer: answerSpecSchema,
  required: z.boolean().default(false), variable: variableNameSchema.optional(), next: stepIdSchema,
});
/** Ordered conditions: the first true one wins; `otherwise` catches the rest. */
export const branchStepSchema = z.object({
  ...stepBase, type: z.literal('branch'),
  branches: z.array(z.object({ when: expressionSchema, next: stepIdSchema, label: localizedTextSchema.optional() })).min(1).max(20),
  otherwise: stepIdSchema.nullable().default(null),
});
export const setStepSchema = z.object({ ...stepBase, type: z.literal('set'), variable: variableNameSchema, value: expressionSchema, next: stepIdSchema });
export const jumpStepSchema = z.object({ ...stepBase, type: z.literal('jump'), to: stepIdSchema });
export const followUpSchema = z.object({
  kind: z.enum(['callback', 'complaint_follow_up']),
  /** Due this many hours after the call ends. */
  inHours: z.number().min(0).max(24 * 60),
  note: localizedTextSchema,
});
export type FollowUp = z.infer<typeof followUpSchema>;
export const endStepSchema = z.object({
  ...stepBase, type: z.literal('end'), text: localizedTextSchema.optional(),
  /** Suggested disposition code (the agent confirms it in the wrap-up). */
  disposition: z.string().min(1).max(64),
  followUp: followUpSchema.nullable().default(null),
});

export const stepSchema = z.discriminatedUnion('type', [sayStepSchema, askStepSchema, branchStepSchema, setStepSchema, jumpStepSchema, endStepSchema]);
export type Step = z.infer<typeof stepSchema>;
export type StepType = Step['type'];
export type SayStep = z.infer<typeof sayStepSchema>;
export type AskStep = z.infer<typeof askStepSchema>;
export type BranchStep = z.infer<typeof branchStepSchema>;
export type SetStep = z.infer<typeof setStepSchema>;
export type JumpStep = z.infer<typeof jumpStepSchema>;
export type EndStep = z.infer<typeof endStepSchema>;
export const STEP_TYPES: readonly StepType[] = ['say', 'ask', 'branch', 'set', 'jump', 'end'];

/** Which calls a script is for. An empty list matches anything; every non-empty list must match. */
export const selectionSchema = z.object({
  queues: z.array(z.string().min(1).max(64)).max(50).default([]),
  directions: z.array(z.enum(['inbound', 'outbound'])).max(2).default([]),
  complaintTypes: z.array(z.string().min(1).max(64)).max(50).default([]),
  emotions: z.array(emotionSchema).max(6).default([]),
  /** Higher wins among matching scripts; ties go to the more specific script. */
  priority: z.number().int().min(-100).max(100).default(0),
});
export type Selection = z.infer<typeof selectionSchema>;

export const scriptValueSchema = z.union([z.string().max(MAX_TEXT), z.number(), z.boolean(), z.null()]);

export const scriptDefinitionSchema = z.object({
  schemaVersion: z.literal(SCRIPT_SCHEMA_VERSION),
  id: scriptIdSchema,
  name: localizedTextSchema,
  description: localizedTextSchema.default({ en: '', es: '' }),
  selection: selectionSchema.default({ queues: [], directions: [], complaintTypes: [], emotions: [], priority: 0 }),
  /** Declared variables and their initial values (`vars.<name>`). */
  variables: z.array(z.object({ name: variableNameSchema, initial: scriptValueSchema.default(null) })).max(50).default([]),
  /** When the agent switches the call's emotion to one of these mid-call, the script jumps to `step`. */
  deescalation: z.object({ emotions: z.array(emotionSchema).min(1).max(6), step: stepIdSchema }).nullable().default(null),
  start: stepIdSchema,
  steps: z.array(stepSchema).min(1).max(200),
});
export type ScriptDefinition = z.infer<typeof scriptDefinitionSchema>;
export type ScriptDefinitionInput = z.input<typeof scriptDefinitionSchema>;

/** A stored version as the API returns it. */
export const scriptVersionSchema = z.object({
  id: scriptIdSchema,
  version: z.number().int().positive(),
  name: z.string(),
  definition: scriptDefinitionSchema,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type ScriptVersion = z.infer<typeof scriptVersionSchema>;

/** Who owns a script: a team (its leads and admins change it) or, with `teamId` null, the whole center (admins only). */
export const scriptOwnerSchema = z.object({ teamId: z.string().nullable(), teamName: z.string().nullable() });
export type ScriptOwnerInfo = z.infer<typeof scriptOwnerSchema>;

/** A script as `GET /api/scripts` lists it: its newest version, its owner, and whether the caller may change it. */
export const listedScriptSchema = scriptVersionSchema.extend({ owner: scriptOwnerSchema, canEdit: z.boolean() });
export type ListedScript = z.infer<typeof listedScriptSchema>;

/**
 * Saving a shared draft (`PUT /api/scripts/:id/draft`): `baseRevision` is the revision of the
 * draft the editor started from, null when it did not start from a draft. The server refuses
 * (409 `draft_conflict`, with the newer draft) when someone saved or removed it meanwhile.
 */
export const draftSaveSchema = z.object({ definition: z.unknown(), baseRevision: z.number().int().nonnegative().nullable().default(null) });
export type DraftSave = z.input<typeof draftSaveSchema>;

/**
 * Publishing (`POST /api/scripts`). The studio sends `draftRevision`, the shared draft it started
 * from (null: none), so publishing never throws away a draft a colleague saved meanwhile (409
 * `draft_conflict`); omitted, the draft is removed unchecked (API clients, imports).
 */
export const scriptPublishSchema = z.object({ definition: z.unknown(), draftRevision: z.number().int().nonnegative().nullable().optional() });
export type ScriptPublish = z.input<typeof scriptPublishSchema>;

/** An answer as recorded: choice values, yes/no as booleans, numbers, text, dates as YYYY-MM-DD. */
export const scriptAnswerSchema = z.union([z.string().max(2000), z.number(), z.boolean()]);
export type ScriptAnswer = z.infer<typeof scriptAnswerSchema>;

/**
 * What a call records about its script in the wrap-up's `scriptAnswers`: answers by step id,
 * plus the path walked (reserved key `_path`, step ids in order) so analytics can count steps
 * reached and where calls ended. Step ids cannot start with `_`, so the key never collides.
 */
export const SCRIPT_PATH_KEY = '_path';
export const recordedScriptAnswersSchema = z.record(z.string().max(64), z.unknown());

export function stepById(script: ScriptDefinition, id: string): Step | undefined {
  return script.steps.find((step) => step.id === id);
}

/** The steps a step can go to next, in order. */
export function successors(step: Step): string[] {
  switch (step.type) {
    case 'say': case 'ask': case 'set': return [step.next];
    case 'jump': return [step.to];
    case 'branch': return [...step.branches.map((b) => b.next), ...(step.otherwise ? [step.otherwise] : [])];
    case 'end': return [];
  }
}
