/**
 * User Timing marks along the screen pop (INVITE → card painted), so a profile or the benchmark
 * can tell which stage a slow pop spent its time in. One mark per stage and call; each mark's
 * `detail` is the call key (`line:startedAt`, startedAt being the INVITE's epoch ms).
 */
export type PopStage = 'ring' | 'focus' | 'lookup' | 'facts' | 'painted' | 'details';

const marked = new Set<string>();

export function markPop(stage: PopStage, callKey: string): void {
  const id = `${stage}|${callKey}`;
  if (marked.has(id) || typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  marked.add(id);
  if (marked.size > 500) marked.clear();
  performance.mark(`cc-pop:${stage}`, { detail: callKey });
}
