/**
 * Pure rules of "a callback placed from the queue writes its outcome back to the item": which call
 * belongs to which link, which saved wrap-up answers it, and when a link is given up.
 */
import type { CallbackLink } from './callback-links';

/** A dial that never became a call (refused, no line) is forgotten after this long. */
export const UNBOUND_LINK_MS = 10 * 60_000;
/** After-call work may be left for later, but not for ever. */
export const LINK_LIFETIME_MS = 24 * 3_600_000;
/** The softphone stamps the call a moment after the click; allow for clocks read in different places. */
const DIAL_SLACK_MS = 5_000;

export interface CallView {
  callId: string;
  direction: 'inbound' | 'outbound';
  remoteNumber: string | null;
}

/** Compares dialled numbers whatever their format: "+34 600 111 222" and "+34600111222" agree. */
export type SameNumber = (a: string, b: string) => boolean;

/** The link the current call was dialled from: outbound, same number, not bound yet; newest first. */
export function linkForCall(links: readonly CallbackLink[], call: CallView | null, sameNumber: SameNumber): CallbackLink | null {
  if (!call || call.direction !== 'outbound' || call.remoteNumber === null) return null;
  if (links.some((link) => link.callId === call.callId)) return null;
  const candidates = links.filter((link) => link.callId === null && sameNumber(link.number, call.remoteNumber!));
  return candidates.sort((a, b) => b.dialledAt.localeCompare(a.dialledAt))[0] ?? null;
}

export interface WrapupOutcome {
  interactionId: string;
  disposition: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * The saved wrap-up of the call placed from `link`, among the customer's newest interactions: the
 * call's own record when known, else an outbound call to the same number placed since the dial
 * (the wrap-up writes a record of its own when the call's record was late).
 */
export function wrapupOutcome(link: CallbackLink, interactions: readonly Record<string, unknown>[], sameNumber: SameNumber): WrapupOutcome | null {
  const since = Date.parse(link.dialledAt) - DIAL_SLACK_MS;
  const ofThisCall = (row: Record<string, unknown>): boolean => {
    if (link.interactionId !== null && row.id === link.interactionId) return true;
    const number = text(row.remoteNumber);
    const at = Date.parse(text(row.occurredAt) ?? text(row.queuedAt) ?? text(row.createdAt) ?? '');
    return row.direction === 'outbound' && number !== null && sameNumber(number, link.number) && Number.isFinite(at) && at >= since;
  };
  // The call's own record first, then the others, newest first as given.
  const ordered = [...interactions].sort((a, b) => Number(b.id === link.interactionId) - Number(a.id === link.interactionId));
  for (const row of ordered) {
    const disposition = text(row.disposition);
    const id = text(row.id);
    if (id && disposition && ofThisCall(row)) return { interactionId: id, disposition };
  }
  return null;
}

/** Links to give up: never bound to a call after a while, or far too old. */
export function isStale(link: CallbackLink, now: number): boolean {
  const age = now - Date.parse(link.dialledAt);
  if (!Number.isFinite(age)) return true;
  return age > LINK_LIFETIME_MS || (link.callId === null && age > UNBOUND_LINK_MS);
}

/**
 * Whether the item may still be completed by this agent: open and unassigned, or claimed by them
 * (a claim the server refused was rolled back to "claimed by nobody", which is not theirs).
 */
export function stillWorkable(row: Record<string, unknown> | undefined, userId: string): boolean {
  if (!row) return false;
  if (row.state === 'claimed') return row.assigneeId === userId;
  return row.state === 'open' && (row.assigneeId === null || row.assigneeId === undefined);
}
