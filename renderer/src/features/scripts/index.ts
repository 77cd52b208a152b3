/**
 * Public entry of the call-scripts feature: the panel the workspace mounts beside the customer
 * card, the wrap-up hook (required answers block saving; the answers and path go into the
 * interaction's `scriptAnswers`), and the feature's texts (namespace `scripts`). The model,
 * the expression language, the validator and the runner live in the contract (`@contract`).
 */
import { en } from './i18n/en';
import { es } from './i18n/es';

export { ScriptPanel, type ScriptPanelProps, type ScriptCallContext } from './components/ScriptPanel';
export { useScriptWrapup, currentScriptWrapup, finishScriptRun, focusScriptStep } from './useScriptWrapup';
export { scriptCallKey, type ScriptWrapup, type ScriptCallRef } from './run-store';
export { refreshScriptCache } from './cache';

export const SCRIPTS_NAMESPACE = 'scripts';
export const scriptsResources = { en, es } as const;
