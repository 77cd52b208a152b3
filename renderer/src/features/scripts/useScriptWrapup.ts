/**
 * For the wrap-up (the app hands these to the customer card): the script fields to save with the
 * interaction, the required answers that still block saving, and a way to take the agent to the
 * step to answer. Runs are keyed by the call (`scriptCallKey`), so a wrap-up reads the script of
 * ITS call even when another line is live. After saving, call `finishScriptRun(callKey)`.
 */
import { useMemo } from 'react';
import { type ScriptWrapup, runActions, scriptCallKey, useCallScript, useRunStore, wrapupOf, type ScriptCallRef } from './run-store';

/** The script state of one call (null: no script ran on it, or its wrap-up is saved). */
export function useScriptWrapup(call: ScriptCallRef | null): ScriptWrapup | null {
  const entry = useCallScript(call ? scriptCallKey(call) : null);
  return useMemo(() => wrapupOf(entry), [entry]);
}

/** The same, outside React (inside a save handler, so it reads the answers given a moment ago). */
export function currentScriptWrapup(call: ScriptCallRef | null): ScriptWrapup | null {
  if (!call) return null;
  return wrapupOf(useRunStore.getState().runs[scriptCallKey(call)] ?? null);
}

/** Shows the call's run in the script panel and moves the keyboard focus to the step. */
export function focusScriptStep(callKey: string, stepId: string): void {
  runActions.requestFocus(callKey, stepId);
}

export function finishScriptRun(callKey: string): void {
  runActions.finish(callKey);
}
