/**
 * For the wrap-up (customer card): the script fields to save with the interaction and whether
 * required answers still block saving. After saving, call `finishScriptRun(callKey)`.
 */
import { useMemo } from 'react';
import { type ScriptWrapup, runActions, useActiveCallScript, useRunStore, wrapupOf } from './run-store';

export function useScriptWrapup(): ScriptWrapup | null {
  const entry = useActiveCallScript();
  return useMemo(() => wrapupOf(entry), [entry]);
}

/** The same, outside React (e.g. inside a save handler). */
export function currentScriptWrapup(): ScriptWrapup | null {
  const state = useRunStore.getState();
  return wrapupOf(state.activeKey ? state.runs[state.activeKey] ?? null : null);
}

export function finishScriptRun(callKey: string): void {
  runActions.finish(callKey);
}
