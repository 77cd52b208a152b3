/** Optional CPU profile of a measured step (Chrome DevTools Protocol), to find what a frame costs. */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (ms), most expensive first. */
export function selfTimes(profile: CpuProfile, top = 25): Array<{ fn: string; ms: number }> {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byNode.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.split('/').at(-1) ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...totals].map(([fn, ms]) => ({ fn, ms: Math.round(ms * 10) / 10 })).sort((a, b) => b.ms - a.ms).slice(0, top);
}

/** Runs `step`; when `file` is set, under the CPU profiler, saving the profile and printing its top. */
export async function profiled<T>(page: Page, file: string | undefined, step: () => Promise<T>): Promise<T> {
  if (!file) return step();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await step();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  writeFileSync(file, JSON.stringify(profile));
  console.log(`CPU profile of the step: ${file}`);
  console.table(selfTimes(profile));
  await cdp.detach();
  return result;
}
