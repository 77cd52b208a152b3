/** Which softphone line the card follows, decided from line snapshots (pure). */

export interface LineView {
  id: 0 | 1;
  /** SIP Call-ID, when the softphone reports it: the key of the call's interaction record. */
  callId?: string | null;
  status: 'idle' | 'ringing' | 'dialing' | 'connected' | 'held' | 'ended';
  direction: 'inbound' | 'outbound' | null;
  remoteNumber: string | null;
  remoteName: string | null;
  startedAt: number | null;
  connectedAt: number | null;
  endedAt: number | null;
  /** Where the call was transferred, when the softphone reports it. */
  transferTarget?: string | null;
  /** Time on hold so far, ms, when the softphone reports it. */
  holdMs?: number;
  /** Set on an attended transfer's consultation call (agent to agent): not a customer call. */
  consultFor?: number | null;
  /** On a transferred call: the previous agent's hand-off text (SIP User-to-User), from the first ring. */
  handoff?: string | null;
}

/** A call is identified by its line and the moment it started (lines are reused). */
export function callKey(line: Pick<LineView, 'id' | 'startedAt'>): string {
  return `${line.id}:${line.startedAt ?? 0}`;
}

const RANK: Record<LineView['status'], number> = { connected: 5, ringing: 4, dialing: 3, held: 2, ended: 1, idle: 0 };

/**
 * The talking line first; otherwise the one ringing (or dialing), then a held one, then the call
 * that just ended (for its wrap-up). Ties go to the most recent call.
 */
export function pickFocusLine(lines: readonly LineView[]): LineView | null {
  let best: LineView | null = null;
  for (const line of lines) {
    if (line.status === 'idle' || !line.remoteNumber || (line.consultFor ?? null) !== null) continue;
    if (!best || RANK[line.status] > RANK[best.status] || (RANK[line.status] === RANK[best.status] && (line.startedAt ?? 0) > (best.startedAt ?? 0))) best = line;
  }
  return best;
}
