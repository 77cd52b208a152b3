/**
 * The script runs of this window's calls (zustand), kept in localStorage so a reload or a crash
 * mid-call loses no answer. Each run holds the definition it started with: a newer published
 * version never changes a call already running.
 */
import { create } from 'zustand';
import {
  type AskStep, type ScriptDefinition, type ScriptFacts, type ScriptRun, advance, back, missingRequired, onEmotionChange, recordedAnswers, scriptDefinitionSchema, startRun,
} from '@contract';

export interface CallScript {
  callKey: string;
  definition: ScriptDefinition;
  version: number;
  run: ScriptRun;
  /** The agent picked this script by hand: automatic selection leaves it alone. */
  pinned: boolean;
  /** Wrap-up saved: the run is kept only until the next call. */
  finished: boolean;
}

interface RunState {
  runs: Record<string, CallScript>;
  /** The call whose script the panel shows. */
  activeKey: string | null;
  /** The wrap-up asked to bring a step to the agent (`seq` makes a repeated ask count again). */
  focus: { callKey: string; stepId: string; seq: number } | null;
}

/** What identifies a call's run: the SIP Call-ID, else the line and its start time. */
export interface ScriptCallRef { id: number; callId?: string | null; startedAt: number | null }

export function scriptCallKey(line: ScriptCallRef): string {
  return line.callId ?? `line${line.id}-${line.startedAt ?? 0}`;
}

const STORAGE_KEY = 'centralita-script-runs';
const MAX_RUNS = 10;

function load(): RunState {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return { runs: {}, activeKey: null, focus: null };
    const parsed = JSON.parse(raw) as RunState;
    // Re-validate what was stored: a corrupt entry is dropped, not trusted.
    const runs = Object.fromEntries(Object.entries(parsed.runs ?? {}).filter(([, entry]) => scriptDefinitionSchema.safeParse(entry?.definition).success && Array.isArray(entry?.run?.frames)));
    return { runs, activeKey: parsed.activeKey && runs[parsed.activeKey] ? parsed.activeKey : null, focus: null };
  } catch {
    return { runs: {}, activeKey: null, focus: null };
  }
}

export const useRunStore = create<RunState>()(() => load());

useRunStore.subscribe((state) => {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ runs: state.runs, activeKey: state.activeKey }));
  } catch {
    // storage full or disabled: the run still works for this session
  }
});

function update(callKey: string, change: (entry: CallScript) => CallScript): void {
  useRunStore.setState((state) => {
    const entry = state.runs[callKey];
    return entry ? { runs: { ...state.runs, [callKey]: change(entry) } } : state;
  });
}

export type StepProblem = Exclude<ReturnType<typeof advance>, { ok: true }>['problem'];

export const runActions = {
  /** Starts (or restarts with another script) the run of a call. */
  start(callKey: string, definition: ScriptDefinition, version: number, facts: ScriptFacts, pinned = false): void {
    useRunStore.setState((state) => {
      const kept = Object.values(state.runs).filter((entry) => entry.callKey !== callKey).slice(-(MAX_RUNS - 1));
      const runs = Object.fromEntries(kept.map((entry) => [entry.callKey, entry]));
      runs[callKey] = { callKey, definition, version, run: startRun(definition, version, facts), pinned, finished: false };
      return { runs, activeKey: callKey };
    });
  },
  activate(callKey: string): void {
    useRunStore.setState((state) => (state.runs[callKey] && state.activeKey !== callKey ? { activeKey: callKey } : state));
  },
  /** Moves on; returns the problem when the answer is refused. */
  advance(callKey: string, facts: ScriptFacts, answer?: unknown): StepProblem | null {
    const entry = useRunStore.getState().runs[callKey];
    if (!entry) return 'not_running';
    const result = advance(entry.definition, entry.run, facts, answer);
    if (!result.ok) return result.problem;
    update(callKey, (current) => ({ ...current, run: result.run }));
    return null;
  },
  back(callKey: string): void {
    update(callKey, (entry) => ({ ...entry, run: back(entry.run) }));
  },
  emotionChanged(callKey: string, facts: ScriptFacts): void {
    update(callKey, (entry) => {
      const run = onEmotionChange(entry.definition, entry.run, facts);
      return run === entry.run ? entry : { ...entry, run };
    });
  },
  /** Shows the call's run in the panel and asks it to focus `stepId` (the wrap-up found it unanswered). */
  requestFocus(callKey: string, stepId: string): void {
    useRunStore.setState((state) => (state.runs[callKey]
      ? { activeKey: callKey, focus: { callKey, stepId, seq: (state.focus?.seq ?? 0) + 1 } }
      : state));
  },
  /** The wrap-up was saved: the run's answers are in the interaction now. */
  finish(callKey: string): void {
    update(callKey, (entry) => ({ ...entry, finished: true }));
  },
};

export function useCallScript(callKey: string | null): CallScript | null {
  return useRunStore((state) => (callKey ? state.runs[callKey] ?? null : null));
}

export function useActiveCallScript(): CallScript | null {
  return useRunStore((state) => (state.activeKey ? state.runs[state.activeKey] ?? null : null));
}

/** What the wrap-up needs from the script: the fields to save and what still blocks saving. */
export interface ScriptWrapup {
  callKey: string;
  fields: { scriptId: string; scriptVersion: number; scriptAnswers: Record<string, unknown> };
  /** Required questions on the path still unanswered: the wrap-up must not be saved yet. */
  missing: Array<{ stepId: string; label: { en: string; es: string } }>;
  blocked: boolean;
  suggestedDisposition: string | null;
}

/** A step's name for a message: its title, else its prompt with placeholders shown as "…". */
function labelOf(step: AskStep): { en: string; es: string } {
  const pick = (language: 'en' | 'es'): string => {
    const title = step.title?.[language].trim();
    if (title) return title;
    const plain = step.prompt[language].replace(/\{\{[^}]*\}\}/g, '…').trim();
    return (plain.length > 80 ? `${plain.slice(0, 79)}…` : plain) || step.id;
  };
  return { en: pick('en'), es: pick('es') };
}

export function wrapupOf(entry: CallScript | null): ScriptWrapup | null {
  if (!entry || entry.finished) return null;
  const missing = missingRequired(entry.definition, entry.run).map((step) => ({ stepId: step.id, label: labelOf(step) }));
  return {
    callKey: entry.callKey,
    fields: { scriptId: entry.definition.id, scriptVersion: entry.version, scriptAnswers: recordedAnswers(entry.run) },
    missing,
    blocked: missing.length > 0,
    suggestedDisposition: entry.run.ended?.disposition ?? null,
  };
}
