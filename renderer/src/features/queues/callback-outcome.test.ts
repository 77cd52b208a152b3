import { describe, expect, it } from 'vitest';
import type { CallbackLink } from './callback-links';
import { isStale, linkForCall, stillWorkable, UNBOUND_LINK_MS, wrapupOutcome } from './callback-outcome';

const digits = (value: string) => value.replace(/\D/g, '');
const sameNumber = (a: string, b: string) => digits(a) === digits(b);

const link = (fields: Partial<CallbackLink> = {}): CallbackLink => ({
  itemId: 'item-1', customerId: 'cust-1', number: '+34 600 111 222', dialledAt: '2026-03-10T12:00:00.000Z', callId: null, interactionId: null, ...fields,
});

const call = (fields: Record<string, unknown> = {}) => ({
  id: 'int-1', direction: 'outbound', remoteNumber: '+34600111222', occurredAt: '2026-03-10T12:00:03.000Z', ...fields,
});

describe('linkForCall', () => {
  it('binds an outbound call to the newest unbound dial of the same number', () => {
    const older = link({ itemId: 'old', dialledAt: '2026-03-10T11:00:00.000Z' });
    const newer = link({ itemId: 'new' });
    const other = link({ itemId: 'other', number: '+34 699 000 000', dialledAt: '2026-03-10T12:30:00.000Z' });
    expect(linkForCall([older, newer, other], { callId: 'c1', direction: 'outbound', remoteNumber: '+34600111222' }, sameNumber)?.itemId).toBe('new');
  });

  it('ignores inbound calls, calls already bound and numbers never dialled from the queue', () => {
    const links = [link()];
    expect(linkForCall(links, { callId: 'c1', direction: 'inbound', remoteNumber: '+34600111222' }, sameNumber)).toBeNull();
    expect(linkForCall([link({ callId: 'c1' })], { callId: 'c1', direction: 'outbound', remoteNumber: '+34600111222' }, sameNumber)).toBeNull();
    expect(linkForCall(links, { callId: 'c2', direction: 'outbound', remoteNumber: '+34911000000' }, sameNumber)).toBeNull();
    expect(linkForCall(links, null, sameNumber)).toBeNull();
  });
});

describe('wrapupOutcome', () => {
  it('waits while the call has no saved wrap-up', () => {
    expect(wrapupOutcome(link({ interactionId: 'int-1' }), [call()], sameNumber)).toBeNull();
  });

  it("takes the disposition of the call's own record once its wrap-up is saved", () => {
    const rows = [call({ id: 'later', disposition: 'sale', occurredAt: '2026-03-10T12:10:00.000Z' }), call({ disposition: 'resolved' })];
    expect(wrapupOutcome(link({ interactionId: 'int-1' }), rows, sameNumber)).toEqual({ interactionId: 'int-1', disposition: 'resolved' });
  });

  it('falls back to an outbound call to the same number since the dial (a wrap-up that wrote its own record)', () => {
    const rows = [
      call({ id: 'before', disposition: 'sale', occurredAt: '2026-03-10T11:00:00.000Z' }),
      call({ id: 'inbound', direction: 'inbound', disposition: 'sale' }),
      call({ id: 'elsewhere', remoteNumber: '+34911000000', disposition: 'sale' }),
      call({ id: 'own', disposition: 'no_answer' }),
    ];
    expect(wrapupOutcome(link(), rows, sameNumber)).toEqual({ interactionId: 'own', disposition: 'no_answer' });
  });
});

describe('isStale and stillWorkable', () => {
  const dialled = Date.parse('2026-03-10T12:00:00.000Z');

  it('gives up a dial that never became a call, but waits a working day for a wrap-up', () => {
    expect(isStale(link(), dialled + UNBOUND_LINK_MS - 1)).toBe(false);
    expect(isStale(link(), dialled + UNBOUND_LINK_MS + 1)).toBe(true);
    expect(isStale(link({ callId: 'c1' }), dialled + 8 * 3_600_000)).toBe(false);
    expect(isStale(link({ callId: 'c1' }), dialled + 25 * 3_600_000)).toBe(true);
  });

  it('completes only items still open, or claimed by this agent', () => {
    expect(stillWorkable({ state: 'claimed', assigneeId: 'me' }, 'me')).toBe(true);
    expect(stillWorkable({ state: 'open', assigneeId: null }, 'me')).toBe(true);
    // A refused claim is rolled back to "claimed by nobody": not this agent's any more.
    expect(stillWorkable({ state: 'claimed', assigneeId: null, claimRejected: true }, 'me')).toBe(false);
    expect(stillWorkable({ state: 'claimed', assigneeId: 'someone-else' }, 'me')).toBe(false);
    expect(stillWorkable({ state: 'done', assigneeId: 'me' }, 'me')).toBe(false);
    expect(stillWorkable(undefined, 'me')).toBe(false);
  });
});
