/**
 * Hybrid logical clock. Timestamps are strings that sort lexicographically in causal order:
 * `<wall ms, 15 digits>-<counter, 4 hex>-<node id>`. Conflict rules compare them as strings.
 */
export interface HlcState {
  wallMs: number;
  counter: number;
  node: string;
}

const HLC_PATTERN = /^(\d{15})-([0-9a-f]{4})-([A-Za-z0-9_-]{1,36})$/;
const MAX_COUNTER = 0xffff;

export function formatHlc({ wallMs, counter, node }: HlcState): string {
  return `${String(wallMs).padStart(15, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

export function parseHlc(stamp: string): HlcState | null {
  const match = HLC_PATTERN.exec(stamp);
  if (!match) return null;
  return { wallMs: Number(match[1]), counter: parseInt(match[2]!, 16), node: match[3]! };
}

export function isHlc(stamp: string): boolean {
  return HLC_PATTERN.test(stamp);
}

/** Next local timestamp: never goes backwards, even if the wall clock does. */
export function tickHlc(last: HlcState, nowMs: number): HlcState {
  if (nowMs > last.wallMs) return { wallMs: nowMs, counter: 0, node: last.node };
  if (last.counter >= MAX_COUNTER) return { wallMs: last.wallMs + 1, counter: 0, node: last.node };
  return { wallMs: last.wallMs, counter: last.counter + 1, node: last.node };
}

/** Merge a remote timestamp so the next local one sorts after everything we have seen. */
export function receiveHlc(last: HlcState, remote: HlcState, nowMs: number): HlcState {
  const wallMs = Math.max(last.wallMs, remote.wallMs, nowMs);
  let counter = 0;
  if (wallMs === last.wallMs && wallMs === remote.wallMs) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wallMs === last.wallMs) counter = last.counter + 1;
  else if (wallMs === remote.wallMs) counter = remote.counter + 1;
  if (counter > MAX_COUNTER) return { wallMs: wallMs + 1, counter: 0, node: last.node };
  return { wallMs, counter, node: last.node };
}
