/** Pure helpers of the script editor: new steps, renames, import parsing, the branch outline. */
import { z } from 'zod';
import {
  type ScriptDefinition, type ScriptIssue, type Step, type StepType, schemaIssue, scriptDefinitionSchema, scriptIssue, successors,
} from '@contract';

const EMPTY = { en: '', es: '' };

export function newStep(type: StepType, id: string, next: string): Step {
  switch (type) {
    case 'say': return { id, type, text: { ...EMPTY }, next };
    case 'ask': return { id, type, prompt: { ...EMPTY }, answer: { kind: 'yes_no' }, required: false, next };
    case 'branch': return { id, type, branches: [{ when: 'true', next }], otherwise: null };
    case 'set': return { id, type, variable: 'value', value: 'null', next };
    case 'jump': return { id, type, to: next };
    case 'end': return { id, type, disposition: 'resolved', followUp: null };
  }
}

export function newScript(id: string): ScriptDefinition {
  return scriptDefinitionSchema.parse({
    schemaVersion: 1, id, name: { en: 'New script', es: 'Guion nuevo' }, start: 'start',
    steps: [
      { id: 'start', type: 'say', text: { en: 'Hello{{ if(customer.firstName, \', \' + customer.firstName, \'\') }}.', es: 'Hola{{ if(customer.firstName, ", " + customer.firstName, "") }}.' }, next: 'done' },
      { id: 'done', type: 'end', disposition: 'resolved' },
    ],
  });
}

/** A step id not used yet, e.g. `step_3`. */
export function freshStepId(script: ScriptDefinition, base = 'step'): string {
  for (let n = script.steps.length + 1; ; n++) {
    const id = `${base}_${n}`;
    if (!script.steps.some((step) => step.id === id)) return id;
  }
}

/** Renames a step and every reference to it. */
export function renameStep(script: ScriptDefinition, from: string, to: string): ScriptDefinition {
  const swap = (id: string) => (id === from ? to : id);
  const steps = script.steps.map((step): Step => {
    const renamed = { ...step, id: swap(step.id) } as Step;
    switch (renamed.type) {
      case 'say': case 'ask': case 'set': return { ...renamed, next: swap(renamed.next) };
      case 'jump': return { ...renamed, to: swap(renamed.to) };
      case 'branch': return { ...renamed, branches: renamed.branches.map((branch) => ({ ...branch, next: swap(branch.next) })), otherwise: renamed.otherwise ? swap(renamed.otherwise) : null };
      case 'end': return renamed;
    }
  });
  return {
    ...script, steps, start: swap(script.start),
    deescalation: script.deescalation ? { ...script.deescalation, step: swap(script.deescalation.step) } : null,
  };
}

/**
 * A copy of `script` under a fresh id (`<id>-copy`, `<id>-copy-2`, …, not in `takenIds`), its
 * name marked as a copy. Used to keep a lead's work when they may not change the original (another
 * team's or a center-wide script) or when a colleague saved the shared draft meanwhile.
 */
export function copyScript(script: ScriptDefinition, takenIds: ReadonlySet<string>): ScriptDefinition {
  const base = script.id.replace(/-copy(-\d+)?$/, '').slice(0, 55);
  let id = `${base}-copy`;
  for (let n = 2; takenIds.has(id); n++) id = `${base}-copy-${n}`;
  const mark = (text: string, suffix: string) => (text.endsWith(suffix) ? text : `${text}${suffix}`);
  return { ...structuredClone(script), id, name: { en: mark(script.name.en, ' (copy)'), es: mark(script.name.es, ' (copia)') } };
}

export type ImportResult = { ok: true; script: ScriptDefinition } | { ok: false; issues: ScriptIssue[] };

/** Reads an imported JSON file: a clear error per problem, and nothing replaced on failure. */
export function parseImport(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [scriptIssue('schema', 'schema_invalid_json', { detail: error instanceof Error ? error.message : String(error) }, null, '')] };
  }
  // An exported stored version wraps the definition.
  const candidate = json && typeof json === 'object' && 'definition' in json ? (json as { definition: unknown }).definition : json;
  const parsed = scriptDefinitionSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, script: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((issue) => schemaIssue(issue, null)) };
}

/** The JSON Schema of a script definition, for authors who edit scripts outside the app. */
export function scriptJsonSchema(): unknown {
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: 'Centralita call script', ...z.toJSONSchema(scriptDefinitionSchema, { target: 'draft-07', io: 'input', unrepresentable: 'any' }) };
}

export interface OutlineNode {
  step: Step;
  /** Label of the edge that led here (branch condition, "otherwise"), if any. */
  via: string | null;
  /** Already shown above (a loop or a join): not expanded again. */
  repeat: boolean;
  missing: boolean;
  children: OutlineNode[];
}

/** The branches as a tree from the start (and the de-escalation entry), each step expanded once. */
export function outline(script: ScriptDefinition): OutlineNode[] {
  const byId = new Map(script.steps.map((step) => [step.id, step] as const));
  const seen = new Set<string>();
  const visit = (id: string, via: string | null, depth: number): OutlineNode => {
    const step = byId.get(id);
    if (!step) return { step: { id, type: 'jump', to: id }, via, repeat: false, missing: true, children: [] };
    if (seen.has(id) || depth > 60) return { step, via, repeat: true, missing: false, children: [] };
    seen.add(id);
    const edges: Array<[string, string | null]> = step.type === 'branch'
      ? [...step.branches.map((branch) => [branch.next, branch.when] as [string, string]), ...(step.otherwise ? [[step.otherwise, 'otherwise'] as [string, string]] : [])]
      : successors(step).map((target) => [target, null]);
    return { step, via, repeat: false, missing: false, children: edges.map(([target, label]) => visit(target, label, depth + 1)) };
  };
  const roots = [visit(script.start, null, 0)];
  if (script.deescalation) roots.push(visit(script.deescalation.step, 'de-escalation', 0));
  const orphans = script.steps.filter((step) => !seen.has(step.id)).map((step) => visit(step.id, null, 0));
  return [...roots, ...orphans];
}
