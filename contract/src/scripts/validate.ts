/**
 * Checks a script before it is published: the shape (zod), the graph (missing targets,
 * unreachable steps, branches that can fall through, cycles with no way out), the expressions
 * (syntax, unknown names, undefined variables) and the texts (missing translations, broken
 * placeholders). Every problem is reported with the step and field it concerns.
 */
import { z } from 'zod';
import { type NameTable, nameProblem } from './context';
import { type ScriptIssueKey, type ScriptIssueParams, englishIssueText } from './issue-texts';
import { namesIn, parseExpression } from './expression';
import { splitTemplate } from './interpolate';
import { type LocalizedText, SCRIPT_LANGUAGES, type ScriptDefinition, type Step, scriptDefinitionSchema, successors } from './model';

export const SCRIPT_ISSUE_CODES = [
  'schema', 'duplicate_step', 'duplicate_variable', 'duplicate_option', 'missing_step', 'unreachable', 'branch_fallthrough',
  'cycle_without_exit', 'expression_syntax', 'unknown_name', 'missing_translation', 'unknown_disposition', 'unknown_complaint_type',
] as const;
export type ScriptIssueCode = (typeof SCRIPT_ISSUE_CODES)[number];

export interface ScriptIssue {
  code: ScriptIssueCode;
  /** What to say, for translation: a key of SCRIPT_ISSUE_TEXTS_EN and its parameters. */
  key: ScriptIssueKey;
  params: ScriptIssueParams;
  /** The same in English, for logs and API clients. */
  message: string;
  /** The step concerned, if any. */
  stepId: string | null;
  /** Where in the definition, e.g. `steps.3.branches.0.when`. */
  field: string;
}

export interface ValidateOptions {
  /** Known disposition codes; when given, end steps must use one of them. */
  dispositions?: readonly string[];
  /** Known complaint type ids; when given, selection rules must use them. */
  complaintTypes?: readonly string[];
}

export type ValidationResult =
  | { ok: true; script: ScriptDefinition; issues: [] }
  | { ok: false; script: ScriptDefinition | null; issues: ScriptIssue[] };

export const scriptIssueSchema = z.object({
  code: z.enum(SCRIPT_ISSUE_CODES),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
  stepId: z.string().nullable(),
  field: z.string(),
});

const SCHEMA_KEYS: Partial<Record<string, ScriptIssueKey>> = {
  invalid_type: 'schema_invalid_type', too_small: 'schema_too_small', too_big: 'schema_too_big', invalid_value: 'schema_invalid_value',
  invalid_format: 'schema_invalid_format', unrecognized_keys: 'schema_unrecognized_keys',
};

/** An issue from its key and parameters (the English message filled in). */
export function scriptIssue(code: ScriptIssueCode, key: ScriptIssueKey, params: ScriptIssueParams, stepId: string | null, field: string): ScriptIssue {
  return { code, key, params, message: englishIssueText(key, params), stepId, field };
}

/** A zod problem with the definition's shape (zod's own text is the detail). */
export function schemaIssue(issue: z.core.$ZodIssue, stepId: string | null): ScriptIssue {
  return scriptIssue('schema', SCHEMA_KEYS[issue.code] ?? 'schema_other', { detail: issue.message }, stepId, issue.path.join('.'));
}

export function validateScript(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const parsed = scriptDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false, script: null,
      issues: parsed.error.issues.map((issue) => schemaIssue(issue, stepIdAt(input, issue.path))),
    };
  }
  const issues = checkScript(parsed.data, options);
  return issues.length ? { ok: false, script: parsed.data, issues } : { ok: true, script: parsed.data, issues: [] };
}

function stepIdAt(input: unknown, path: readonly PropertyKey[]): string | null {
  if (path[0] !== 'steps' || typeof path[1] !== 'number') return null;
  const steps = (input as { steps?: unknown } | null)?.steps;
  const step = Array.isArray(steps) ? (steps[path[1]] as { id?: unknown } | undefined) : undefined;
  return typeof step?.id === 'string' ? step.id : null;
}

/** Graph, expression and text checks on a well-shaped script. */
export function checkScript(script: ScriptDefinition, options: ValidateOptions = {}): ScriptIssue[] {
  const issues: ScriptIssue[] = [];
  const add: AddIssue = (code, key, params, stepId, field) => {
    issues.push(scriptIssue(code, key, params, stepId, field));
  };
  const byId = new Map<string, Step>();
  script.steps.forEach((step, index) => {
    if (byId.has(step.id)) add('duplicate_step', 'duplicate_step', { step: step.id }, step.id, `steps.${index}.id`);
    else byId.set(step.id, step);
  });

  // Targets.
  if (!byId.has(script.start)) add('missing_step', 'missing_step_start', { target: script.start }, null, 'start');
  if (script.deescalation && !byId.has(script.deescalation.step)) {
    add('missing_step', 'missing_step_deescalation', { target: script.deescalation.step }, null, 'deescalation.step');
  }
  script.steps.forEach((step, index) => {
    for (const { target, field } of targetsOf(step)) {
      if (!byId.has(target)) add('missing_step', 'missing_step_target', { step: step.id, target }, step.id, `steps.${index}.${field}`);
    }
  });

  // Variables and names.
  const variables = new Set<string>();
  script.variables.forEach((variable, index) => {
    if (variables.has(variable.name)) add('duplicate_variable', 'duplicate_variable', { name: variable.name }, null, `variables.${index}.name`);
    variables.add(variable.name);
  });
  for (const step of script.steps) {
    if (step.type === 'set' || (step.type === 'ask' && step.variable)) variables.add(step.variable!);
  }
  const names: NameTable = { askSteps: new Set(script.steps.filter((step) => step.type === 'ask').map((step) => step.id)), variables };

  const checkExpression = (source: string, stepId: string | null, field: string): void => {
    const result = parseExpression(source);
    if (!result.ok) {
      add('expression_syntax', `expr_${result.error.reason}` as ScriptIssueKey, { ...result.error.params, at: result.error.at + 1, source }, stepId, field);
      return;
    }
    for (const name of namesIn(result.expr)) {
      const problem = nameProblem(name.path, names);
      if (problem) add('unknown_name', problem.key, problem.params, stepId, field);
    }
  };
  const checkText = (text: LocalizedText | undefined, stepId: string | null, field: string, required: boolean): void => {
    if (!text) return;
    const filled = SCRIPT_LANGUAGES.filter((language) => text[language].trim() !== '');
    if (required || filled.length > 0) {
      for (const language of SCRIPT_LANGUAGES) {
        if (text[language].trim() === '') add('missing_translation', `missing_translation_${language}`, { field }, stepId, `${field}.${language}`);
      }
    }
    for (const language of SCRIPT_LANGUAGES) {
      const { segments, error } = splitTemplate(text[language]);
      if (error) add('expression_syntax', `expr_unclosed_placeholder_${language}`, { open: '{{', close: '}}', at: error.at + 1 }, stepId, `${field}.${language}`);
      for (const segment of segments) if (segment.kind === 'expr') checkExpression(segment.source, stepId, `${field}.${language}`);
    }
  };

  checkText(script.name, null, 'name', true);
  checkText(script.description, null, 'description', false);
  script.steps.forEach((step, index) => {
    const at = `steps.${index}`;
    checkText(step.title, step.id, `${at}.title`, false);
    switch (step.type) {
      case 'say': checkText(step.text, step.id, `${at}.text`, true); break;
      case 'ask': {
        checkText(step.prompt, step.id, `${at}.prompt`, true);
        if (step.answer.kind === 'choice') {
          const seen = new Set<string>();
          step.answer.options.forEach((option, o) => {
            if (seen.has(option.value)) add('duplicate_option', 'duplicate_option', { value: option.value }, step.id, `${at}.answer.options.${o}.value`);
            seen.add(option.value);
            checkText(option.label, step.id, `${at}.answer.options.${o}.label`, true);
          });
        }
        if (step.answer.kind === 'number' && step.answer.min !== null && step.answer.max !== null && step.answer.min > step.answer.max) {
          add('schema', 'schema_min_above_max', {}, step.id, `${at}.answer`);
        }
        break;
      }
      case 'branch':
        step.branches.forEach((branch, b) => {
          checkExpression(branch.when, step.id, `${at}.branches.${b}.when`);
          checkText(branch.label, step.id, `${at}.branches.${b}.label`, false);
        });
        if (step.otherwise === null && !step.branches.some((branch) => isAlwaysTrue(branch.when))) {
          add('branch_fallthrough', 'branch_fallthrough', { step: step.id }, step.id, `${at}.otherwise`);
        }
        break;
      case 'set': checkExpression(step.value, step.id, `${at}.value`); break;
      case 'jump': break;
      case 'end':
        checkText(step.text, step.id, `${at}.text`, false);
        if (step.followUp) checkText(step.followUp.note, step.id, `${at}.followUp.note`, true);
        if (options.dispositions && !options.dispositions.includes(step.disposition)) {
          add('unknown_disposition', 'unknown_disposition', { disposition: step.disposition }, step.id, `${at}.disposition`);
        }
        break;
    }
  });
  if (options.complaintTypes) {
    script.selection.complaintTypes.forEach((type, index) => {
      if (!options.complaintTypes!.includes(type)) add('unknown_complaint_type', 'unknown_complaint_type', { type }, null, `selection.complaintTypes.${index}`);
    });
  }

  checkGraph(script, byId, add);
  return issues;
}

function targetsOf(step: Step): Array<{ target: string; field: string }> {
  switch (step.type) {
    case 'say': case 'ask': case 'set': return [{ target: step.next, field: 'next' }];
    case 'jump': return [{ target: step.to, field: 'to' }];
    case 'branch': return [
      ...step.branches.map((branch, b) => ({ target: branch.next, field: `branches.${b}.next` })),
      ...(step.otherwise ? [{ target: step.otherwise, field: 'otherwise' }] : []),
    ];
    case 'end': return [];
  }
}

function isAlwaysTrue(source: string): boolean {
  const parsed = parseExpression(source);
  return parsed.ok && parsed.expr.kind === 'literal' && parsed.expr.value === true;
}

type AddIssue = (code: ScriptIssueCode, key: ScriptIssueKey, params: ScriptIssueParams, stepId: string | null, field: string) => void;

function checkGraph(script: ScriptDefinition, byId: Map<string, Step>, add: AddIssue): void {
  const indexOf = new Map(script.steps.map((step, index) => [step.id, index] as const));
  const next = (id: string): string[] => {
    const step = byId.get(id);
    return step ? successors(step).filter((target) => byId.has(target)) : [];
  };
  // Reachable from the start or from the de-escalation entry point.
  const roots = [script.start, ...(script.deescalation ? [script.deescalation.step] : [])].filter((id) => byId.has(id));
  const reachable = new Set<string>(roots);
  const queue = [...roots];
  while (queue.length) for (const target of next(queue.shift()!)) if (!reachable.has(target)) { reachable.add(target); queue.push(target); }
  for (const step of byId.values()) {
    if (!reachable.has(step.id)) add('unreachable', 'unreachable', { step: step.id }, step.id, `steps.${indexOf.get(step.id)}`);
  }
  // Steps from which an end can be reached (walk the edges backwards from every end step).
  const predecessors = new Map<string, string[]>();
  for (const id of byId.keys()) for (const target of next(id)) predecessors.set(target, [...(predecessors.get(target) ?? []), id]);
  const canEnd = new Set([...byId.values()].filter((step) => step.type === 'end').map((step) => step.id));
  const back = [...canEnd];
  while (back.length) for (const source of predecessors.get(back.shift()!) ?? []) if (!canEnd.has(source)) { canEnd.add(source); back.push(source); }
  const stuck = [...reachable].filter((id) => !canEnd.has(id));
  if (stuck.length === 0) return;
  if (![...byId.values()].some((step) => step.type === 'end')) {
    add('cycle_without_exit', 'cycle_no_end', {}, null, 'steps');
    return;
  }
  const stuckSet = new Set(stuck);
  // Report each trapped loop once, at its first step in the definition's order.
  const reported = new Set<string>();
  for (const id of [...stuck].sort((a, b) => indexOf.get(a)! - indexOf.get(b)!)) {
    if (reported.has(id)) continue;
    const loop = loopFrom(id, next, stuckSet);
    for (const member of loop) reported.add(member);
    if (loop.length > 1) add('cycle_without_exit', 'cycle_loop', { step: id, loop: `${loop.join(' → ')} → ${loop[0]}` }, id, `steps.${indexOf.get(id)}`);
    else add('cycle_without_exit', 'cycle_trapped', { step: id }, id, `steps.${indexOf.get(id)}`);
  }
}

/** Follows edges inside the trapped set until a step repeats: the loop's members in order. */
function loopFrom(start: string, next: (id: string) => string[], trapped: Set<string>): string[] {
  const order: string[] = [];
  const seen = new Map<string, number>();
  let current: string | undefined = start;
  while (current !== undefined && !seen.has(current)) {
    seen.set(current, order.length);
    order.push(current);
    current = next(current).find((target) => trapped.has(target));
  }
  return current === undefined ? order : order.slice(seen.get(current));
}
