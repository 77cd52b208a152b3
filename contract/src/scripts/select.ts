/**
 * Picks the script for a call from the published ones: every non-empty selection list must
 * match the call (queue, direction, complaint type, emotion); among matches the highest
 * priority wins, then the most specific (more lists that matched), then the id.
 */
import type { CallFacts } from './context';
import type { ScriptDefinition } from './model';

export interface SelectionInput {
  queue: string | null;
  direction: CallFacts['direction'];
  complaintType: string | null;
  emotion: CallFacts['emotion'];
}

/** Null when the script does not apply; else how many of its rules matched (its specificity). */
export function selectionScore(script: ScriptDefinition, call: SelectionInput): number | null {
  const { queues, directions, complaintTypes, emotions } = script.selection;
  const rules: Array<[readonly string[], string | null]> = [
    [queues, call.queue], [directions, call.direction], [complaintTypes, call.complaintType], [emotions, call.emotion],
  ];
  let score = 0;
  for (const [allowed, value] of rules) {
    if (allowed.length === 0) continue;
    if (value === null || !allowed.includes(value)) return null;
    score++;
  }
  return score;
}

export function selectScript<T extends { definition: ScriptDefinition }>(candidates: readonly T[], call: SelectionInput): T | null {
  let best: { candidate: T; score: number } | null = null;
  for (const candidate of candidates) {
    const score = selectionScore(candidate.definition, call);
    if (score === null) continue;
    if (!best || compare(candidate.definition, score, best.candidate.definition, best.score) < 0) best = { candidate, score };
  }
  return best?.candidate ?? null;
}

function compare(a: ScriptDefinition, aScore: number, b: ScriptDefinition, bScore: number): number {
  if (a.selection.priority !== b.selection.priority) return b.selection.priority - a.selection.priority;
  if (aScore !== bScore) return bScore - aScore;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
