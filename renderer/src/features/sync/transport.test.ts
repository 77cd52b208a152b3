import { describe, expect, it } from 'vitest';
import { announcedCursor, createHttpTransport, createSseParser, parseCursor, parsePullReply, parsePushReply, SyncHttpError } from './transport';

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

describe('change announcements', () => {
  it('hands the engine each `changes` cursor, null for one it cannot read, and skips other events', async () => {
    const body = [
      'retry: 3000\n\n',
      'event: changes\ndata: {"cursor":"41"}\n\n',
      'event: reference\ndata: {"revision":3}\n\n',
      ': keep-alive\n\nevent: changes\ndata: {"cur',
      'sor":"42"}\n\n',
      'event: changes\ndata: not json\n\n',
      'event: changes\ndata: {"cursor":7}\n\n',
    ];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of body) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const requested: string[] = [];
    const transport = createHttpTransport({
      backendUrl: 'http://backend.test/',
      getAccessToken: () => 'token',
      fetchImpl: (input) => {
        requested.push(String(input));
        return Promise.resolve(new Response(stream, { headers: { 'content-type': 'text/event-stream' } }));
      },
    });
    const heard: Array<string | null> = [];
    await transport.events((cursor) => heard.push(cursor), new AbortController().signal);
    expect(requested).toEqual(['http://backend.test/api/sync/events']);
    expect(heard).toEqual(['41', '42', null, null]);
  });

  it('reads a cursor from event data without throwing', () => {
    expect(announcedCursor('{"cursor":"9"}')).toBe('9');
    expect(announcedCursor('{"cursor":9}')).toBeNull();
    expect(announcedCursor('')).toBeNull();
  });

  it('parses cursors as integers, refusing anything else', () => {
    expect(parseCursor('10')! > parseCursor('9')!).toBe(true);
    expect(parseCursor('9223372036854775807')).toBe(9223372036854775807n);
    for (const text of [null, '', '-1', '1.5', '12abc', ' 3', '1'.repeat(20)]) expect(parseCursor(text)).toBeNull();
  });
});
