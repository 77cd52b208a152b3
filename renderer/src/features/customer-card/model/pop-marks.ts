/**
 * User Timing marks along the screen pop (INVITE → card painted), so a profile or the benchmark
 * can tell which stage a slow pop spent its time in. One mark per stage and call; each mark's
 * `detail` is the call key (`line:startedAt`, startedAt being the INVITE's epoch ms). `invite`: the
 * engine's incoming-call signal reached the card (before any render); `prefetched`: the caller
 * lookup it started answered; `ring`: the ringing line rendered.
 */
const STAGES = ['invite', 'prefetched', 'ring', 'focus', 'lookup', 'facts', 'painted', 'details'] as const;
export type PopStage = (typeof STAGES)[number];

const marked = new Set<string>();

export function markPop(stage: PopStage, callKey: string): void {
  const id = `${stage}|${callKey}`;
  if (marked.has(id) || typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (marked.size >= 600) {
    // A long shift: keep the timeline small (the benchmark reads each call's marks right away).
    marked.clear();
    for (const name of STAGES) performance.clearMarks(`cc-pop:${name}`);
  }
  marked.add(id);
  performance.mark(`cc-pop:${stage}`, { detail: callKey });
}
