import { describe, expect, it } from 'vitest';
import { createSseParser, parsePullReply, parsePushReply, SyncHttpError } from './transport';

describe('parsePushReply', () => {
  it('reports a single invalid result without losing the valid ones', () => {
    const outcomes = parsePushReply({ results: [
      { id: 'a', status: 'applied', rev: 3 },
      { id: 'b', status: 'applied', rev: 'three' },
      { id: 'c', status: 'rejected', reason: 'forbidden', message: 'no' },
    ] });
    expect(outcomes[0]).toEqual({ ok: true, result: { id: 'a', status: 'applied', rev: 3 } });
    expect(outcomes[1]).toMatchObject({ ok: false, id: 'b', message: expect.stringMatching(/rev/) });
    expect(outcomes[2]).toMatchObject({ ok: true, result: { status: 'rejected', reason: 'forbidden' } });
  });

  it('throws a typed error when the envelope itself is wrong', () => {
    expect(() => parsePushReply({ nope: true })).toThrow(SyncHttpError);
    try {
      parsePushReply('html error page');
    } catch (error) {
      expect(error).toMatchObject({ kind: 'invalid_reply', retryable: false });
    }
  });
});

describe('parsePullReply', () => {
  it('keeps valid changes and flags invalid ones with their seq', () => {
    const page = parsePullReply({ cursor: '12', hasMore: false, changes: [
      { seq: '11', entity: 'customer', entityId: 'x', op: 'upsert', rev: 1, data: { displayName: 'A' } },
      { seq: '12', entity: 'spaceship', entityId: 'y', op: 'upsert', rev: 1, data: {} },
    ] });
    expect(page.changes[0]).toMatchObject({ ok: true });
    expect(page.changes[1]).toMatchObject({ ok: false, seq: '12', message: expect.stringMatching(/entity/) });
  });

  it('refuses a cursor that is not a number', () => {
    expect(() => parsePullReply({ cursor: 'abc', hasMore: false, changes: [] })).toThrow(/cursor/);
  });
});

describe('createSseParser', () => {
  it('parses events split across chunks and ignores comments', () => {
    const events: Array<[string, string]> = [];
    const feed = createSseParser((event, data) => events.push([event, data]));
    feed(': keep-alive\n\nevent: chan');
    feed('ges\ndata: {"cursor":"5"}\n\n');
    feed('data: plain\r\n\r\n');
    expect(events).toEqual([['changes', '{"cursor":"5"}'], ['message', 'plain']]);
  });
});
