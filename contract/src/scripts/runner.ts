/**
 * The pure script runner: a call's walk through one script version. Every function returns a
 * new `ScriptRun` and never throws; branch, set and jump steps run on their own, and the run
 * stops at the next step the agent sees (say, ask or end). A run keeps the version it started
 * with: publishing a new version never changes a call already running.
 */
import { buildScope, type ScriptFacts } from './context';
import { type EvalEnv, type ScriptValue, evaluateSource, isTruthy } from './expression';
import { interpolate, type TemplatePart } from './interpolate';
import {
  type AnswerSpec, type AskStep, type FollowUp, type LocalizedText, type ScriptAnswer, type ScriptDefinition, type ScriptLanguage, type Step,
  SCRIPT_PATH_KEY, stepById, successors,
} from './model';

/** A step the agent saw, with the answers and variables as they were on arrival (for "back"). */
export interface RunFrame {
  stepId: string;
  /** Branch/set/jump steps that ran on the way here. */
  passed: string[];
  via: 'start' | 'next' | 'emotion';
  answers: Record<string, ScriptAnswer>;
  vars: Record<string, ScriptValue>;
}

export interface ScriptRun {
  scriptId: string;
  version: number;
  status: 'running' | 'ended' | 'stuck';
  frames: RunFrame[];
  answers: Record<string, ScriptAnswer>;
  vars: Record<string, ScriptValue>;
  /** Every answer ever given in this run, so going back pre-fills the field. */
  drafts: Record<string, ScriptAnswer>;
  deescalated: boolean;
  ended: { stepId: string; disposition: string; followUp: FollowUp | null } | null;
  /** Why the run is stuck (a branch with no way out, a missing step, a loop). */
  problem: string | null;
}

/** Non-interactive steps run per move before the runner gives up (a loop the validator missed). */
const MAX_AUTO_STEPS = 500;

function envFor(facts: ScriptFacts, answers: Record<string, ScriptValue>, vars: Record<string, ScriptValue>): EvalEnv {
  return { scope: buildScope(facts, answers, vars), now: facts.now };
}

/** Runs branch/set/jump steps from `startId` until a say/ask/end step, and pushes its frame. */
function settle(script: ScriptDefinition, run: ScriptRun, startId: string, facts: ScriptFacts, via: RunFrame['via']): ScriptRun {
  const vars = { ...run.vars };
  const passed: string[] = [];
  let id = startId;
  for (let count = 0; ; count++) {
    if (count > MAX_AUTO_STEPS) return { ...run, vars, status: 'stuck', problem: `the script loops without reaching a step to show (after ${passed.slice(-3).join(' → ')})` };
    const step = stepById(script, id);
    if (!step) return { ...run, vars, status: 'stuck', problem: `step "${id}" does not exist` };
    if (step.type === 'say' || step.type === 'ask' || step.type === 'end') {
      const frame: RunFrame = { stepId: step.id, passed, via, answers: run.answers, vars };
      const ended = step.type === 'end' ? { stepId: step.id, disposition: step.disposition, followUp: step.followUp } : null;
      return { ...run, vars, frames: [...run.frames, frame], status: ended ? 'ended' : 'running', ended, problem: null };
    }
    passed.push(step.id);
    const env = envFor(facts, run.answers, vars);
    if (step.type === 'set') {
      vars[step.variable] = evaluateSource(step.value, env);
      id = step.next;
    } else if (step.type === 'jump') {
      id = step.to;
    } else {
      const taken = step.branches.find((branch) => isTruthy(evaluateSource(branch.when, env)));
      const target = taken?.next ?? step.otherwise;
      if (!target) return { ...run, vars, status: 'stuck', problem: `no condition of "${step.id}" holds and it has no "otherwise"` };
      id = target;
    }
  }
}

export function startRun(script: ScriptDefinition, version: number, facts: ScriptFacts): ScriptRun {
  const vars = Object.fromEntries(script.variables.map((variable) => [variable.name, variable.initial])) as Record<string, ScriptValue>;
  const empty: ScriptRun = {
    scriptId: script.id, version, status: 'running', frames: [], answers: {}, vars, drafts: {}, deescalated: false, ended: null, problem: null,
  };
  return settle(script, empty, script.start, facts, 'start');
}

export function currentStep(script: ScriptDefinition, run: ScriptRun): Step | null {
  const frame = run.frames.at(-1);
  return frame ? (stepById(script, frame.stepId) ?? null) : null;
}

export type AnswerProblem = 'required' | 'not_an_option' | 'not_a_number' | 'out_of_range' | 'not_a_date' | 'too_long' | 'not_yes_no';
export type CoercedAnswer = { ok: true; value: ScriptAnswer | null } | { ok: false; problem: AnswerProblem };

/** Reads raw input (a form value, a key press) as an answer of the step's kind; empty → null. */
export function coerceAnswer(spec: AnswerSpec, raw: unknown): CoercedAnswer {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: null };
  switch (spec.kind) {
    case 'choice': {
      const value = String(raw);
      return spec.options.some((option) => option.value === value) ? { ok: true, value } : { ok: false, problem: 'not_an_option' };
    }
    case 'yes_no':
      if (raw === true || raw === 'yes' || raw === 'true') return { ok: true, value: true };
      if (raw === false || raw === 'no' || raw === 'false') return { ok: true, value: false };
      return { ok: false, problem: 'not_yes_no' };
    case 'text': {
      const value = String(raw).trim();
      return value.length > spec.maxLength ? { ok: false, problem: 'too_long' } : { ok: true, value };
    }
    case 'number': {
      const value = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(',', '.'));
      if (!Number.isFinite(value)) return { ok: false, problem: 'not_a_number' };
      if ((spec.min !== null && value < spec.min) || (spec.max !== null && value > spec.max)) return { ok: false, problem: 'out_of_range' };
      return { ok: true, value };
    }
    case 'date': {
      const value = String(raw).trim();
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
      return valid ? { ok: true, value } : { ok: false, problem: 'not_a_date' };
    }
  }
}

export type AdvanceResult = { ok: true; run: ScriptRun } | { ok: false; problem: AnswerProblem | 'not_running'; run: ScriptRun };

/** Moves past the current step, recording the answer when it is an ask step. */
export function advance(script: ScriptDefinition, run: ScriptRun, facts: ScriptFacts, rawAnswer?: unknown): AdvanceResult {
  const step = currentStep(script, run);
  if (run.status !== 'running' || !step || step.type === 'end') return { ok: false, problem: 'not_running', run };
  if (step.type === 'say') return { ok: true, run: settle(script, run, step.next, facts, 'next') };
  if (step.type !== 'ask') return { ok: false, problem: 'not_running', run };
  const coerced = coerceAnswer(step.answer, rawAnswer);
  if (!coerced.ok) return { ok: false, problem: coerced.problem, run };
  if (coerced.value === null && step.required) return { ok: false, problem: 'required', run };
  const answers = { ...run.answers };
  const drafts = { ...run.drafts };
  const vars = { ...run.vars };
  if (coerced.value === null) delete answers[step.id];
  else {
    answers[step.id] = coerced.value;
    drafts[step.id] = coerced.value;
  }
  if (step.variable) vars[step.variable] = coerced.value;
  return { ok: true, run: settle(script, { ...run, answers, drafts, vars }, step.next, facts, 'next') };
}

/** Goes back to the previous step shown, undoing answers and variables recorded since. */
export function back(run: ScriptRun): ScriptRun {
  if (run.frames.length < 2) return run;
  const frames = run.frames.slice(0, -1);
  const previous = frames.at(-1)!;
  return { ...run, frames, answers: previous.answers, vars: previous.vars, status: 'running', ended: null, problem: null };
}

/**
 * The agent changed the call's emotion. If the script has a de-escalation branch for it, the run
 * jumps there (once per call); otherwise nothing changes.
 */
export function onEmotionChange(script: ScriptDefinition, run: ScriptRun, facts: ScriptFacts): ScriptRun {
  const rule = script.deescalation;
  const emotion = facts.call.emotion;
  if (!rule || !emotion || !rule.emotions.includes(emotion) || run.deescalated || run.status !== 'running') return run;
  return settle(script, { ...run, deescalated: true }, rule.step, facts, 'emotion');
}

/** Required ask steps on the path that still have no answer: they block the wrap-up. */
export function missingRequired(script: ScriptDefinition, run: ScriptRun): AskStep[] {
  return run.frames
    .map((frame) => stepById(script, frame.stepId))
    .filter((step): step is AskStep => step?.type === 'ask' && step.required && run.answers[step.id] === undefined);
}

/** Every step walked, in order (including branch/set/jump steps). */
export function runPath(run: ScriptRun): string[] {
  return run.frames.flatMap((frame) => [...frame.passed, frame.stepId]);
}

/** The wrap-up's `scriptAnswers`: answers by step id plus the path under `_path`. */
export function recordedAnswers(run: ScriptRun): Record<string, unknown> {
  return { ...run.answers, [SCRIPT_PATH_KEY]: runPath(run) };
}

/** Steps shown so far and the fewest still to go to an end: a progress hint. */
export function progress(script: ScriptDefinition, run: ScriptRun): { done: number; remaining: number } {
  const done = run.frames.length;
  const current = run.frames.at(-1)?.stepId;
  if (!current || run.status === 'ended') return { done, remaining: 0 };
  // Breadth-first to the nearest end, counting only steps the agent sees.
  const visible = (id: string): boolean => {
    const step = stepById(script, id);
    return step?.type === 'say' || step?.type === 'ask' || step?.type === 'end';
  };
  const distance = new Map<string, number>([[current, 0]]);
  const queue = [current];
  while (queue.length) {
    const id = queue.shift()!;
    const step = stepById(script, id);
    if (!step) continue;
    if (step.type === 'end') return { done, remaining: distance.get(id)! };
    for (const target of successors(step)) {
      if (distance.has(target)) continue;
      distance.set(target, distance.get(id)! + (visible(target) ? 1 : 0));
      if (visible(target)) queue.push(target);
      else queue.unshift(target);
    }
  }
  return { done, remaining: 0 };
}

export function localized(text: LocalizedText | undefined, language: ScriptLanguage): string {
  if (!text) return '';
  return text[language].trim() !== '' ? text[language] : text.en;
}

/** The current step's text with the customer's data filled in. */
export function renderText(text: LocalizedText | undefined, language: ScriptLanguage, facts: ScriptFacts, run: ScriptRun, formatNumber?: (value: number) => string): TemplatePart[] {
  return interpolate(localized(text, language), envFor(facts, run.answers, run.vars), formatNumber);
}
