/**
 * Queue facts a PBX puts on the INVITE it delivers from a call queue: `X-Queue: <name>` and
 * `X-Queued-At: <when the caller entered the queue>` (Unix seconds, fractions allowed, or
 * ISO 8601). The interaction record takes them instead of the ring time.
 */
const QUEUE_NAME = /^[\p{L}\p{N} ._:+@/-]{1,64}$/u;
const UNIX_SECONDS = /^\d{9,11}(?:\.\d{1,6})?$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
/** A queue wait longer than this is a wrong clock, not a wait. */
const MAX_WAIT_MS = 24 * 3_600_000;

export interface QueueInfo {
  queue: string | null;
  /** Epoch ms; never after `ringingAt` (the PBX's clock may run ahead of ours). */
  queuedAt: number | null;
}

export function queueInfo(headers: { queue?: string; queuedAt?: string }, ringingAt: number): QueueInfo {
  const name = headers.queue?.trim() ?? '';
  const queue = QUEUE_NAME.test(name) ? name : null;
  return { queue, queuedAt: parseQueuedAt(headers.queuedAt, ringingAt) };
}

function parseQueuedAt(raw: string | undefined, ringingAt: number): number | null {
  const value = raw?.trim() ?? '';
  let at: number;
  if (UNIX_SECONDS.test(value)) at = Math.round(Number(value) * 1000);
  else if (ISO_TIME.test(value)) at = Date.parse(value);
  else return null;
  if (!Number.isFinite(at) || ringingAt - at > MAX_WAIT_MS) return null;
  return Math.min(at, ringingAt);
}
